package org.batteryledger.app.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.batteryledger.app.identity.IdentityStore;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.participant.Uscc;

/**
 * The companies of the demo: one of every trade along a battery's life, each in its own Fabric
 * organisation (MSP), so that every screen, rule and report can be tried out of the box. Ids are
 * valid unified social credit codes (GB 32100 check character); the battery makers and the
 * cascade operator own GB/T 34014 manufacturer prefixes; collection point, cascade operator and
 * recycler hold the certifications the chaincode asks of them, valid 2020-01-01 to 2030-12-31.
 *
 * <p>One app user per company, named after its trade ({@code regulator}, {@code maker}, ...).
 * Passwords are the security layer's business, not this class's.
 */
public final class DemoConsortium {
    /** Prefixes of the first battery maker: NCM packs under NP1, LFP under NP2. */
    public static final String MAKER_NCM_PREFIX = "NP1";
    public static final String MAKER_LFP_PREFIX = "NP2";
    public static final String MAKER2_PREFIX = "HB3";
    public static final String CASCADE_PREFIX = "SL2";

    private static final List<DemoCompany> COMPANIES = List.of(
            company("11110000MB0011223", "National EV Battery Traceability Office", Role.REGULATOR, "RegulatorMSP",
                    List.of(), "regulator", "Zhang Min (regulator)"),
            company("91350900MA2XK3L41", "Ningde Power Cells Co., Ltd.", Role.BATTERY_MAKER, "MakerMSP",
                    List.of(MAKER_NCM_PREFIX, MAKER_LFP_PREFIX), "maker", "Wang Fang (Ningde Power Cells)"),
            company("91340100MA2N7C1B5", "Hefei Blade Battery Co., Ltd.", Role.BATTERY_MAKER, "Maker2MSP",
                    List.of(MAKER2_PREFIX), "maker2", "Chen Jie (Hefei Blade Battery)"),
            company("91310000MA1FL4T07", "Shanghai Motor Works Co., Ltd.", Role.AUTOMAKER, "AutoMSP", List.of(),
                    "automaker", "Liu Yang (Shanghai Motor Works)"),
            company("91440300MA5G8R2K3", "Shenzhen QuickFix EV Service Co., Ltd.", Role.REPAIRER, "RepairMSP",
                    List.of(), "repairer", "Huang Lei (QuickFix EV Service)"),
            company("91110000MA01D7W85", "Beijing SwapGo Energy Stations Co., Ltd.", Role.SWAP_OPERATOR, "SwapMSP",
                    List.of(), "swap", "Zhao Qiang (SwapGo Stations)"),
            company("91320500MA1Y6P0C9", "Suzhou Green Battery Collection Point", Role.COLLECTION_POINT, "CollectMSP",
                    List.of(), "collector", "Sun Li (Suzhou collection point)"),
            company("91120000MA06J2N48", "Tianjin ELV Dismantling Co., Ltd.", Role.DISMANTLER, "DismantleMSP",
                    List.of(), "dismantler", "Zhou Tao (Tianjin ELV Dismantling)"),
            company("91330100MA2H3E5F1", "Hangzhou Second Life Storage Co., Ltd.", Role.CASCADE_OPERATOR,
                    "CascadeMSP", List.of(CASCADE_PREFIX), "secondlife", "Wu Xia (Second Life Storage)"),
            company("91360700MA38P9UR2", "Ganzhou Circular Materials Co., Ltd.", Role.RECYCLER, "RecycleMSP",
                    List.of(), "recycler", "Xu Gang (Ganzhou Circular Materials)"));

    private DemoConsortium() {}

    /** Every company, the regulator first (it bootstraps the registry). */
    public static List<DemoCompany> companies() {
        return COMPANIES;
    }

    /** The app users, one per company, in the order of {@link #companies()}. */
    public static List<DemoUser> users() {
        return COMPANIES.stream().map(DemoCompany::user).toList();
    }

    public static DemoCompany regulator() {
        return COMPANIES.get(0);
    }

    /** The company whose app user has this name. */
    public static DemoCompany byUsername(String username) {
        return COMPANIES.stream().filter(c -> c.username().equals(username)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no demo user '" + username + "'"));
    }

    /**
     * Makes sure every demo user has a ledger identity in the store, issued by the development
     * CA of its MSP with its company and role as certificate attributes; existing ones are kept,
     * so a restart signs as the same callers. Returns them by user name.
     */
    public static Map<String, LedgerUser> ensureIdentities(IdentityStore store) {
        Map<String, LedgerUser> out = new LinkedHashMap<>();
        for (DemoCompany c : COMPANIES) {
            out.put(c.username(), store.issueIfAbsent(c.mspId(), c.username(), c.id(), c.role().name()));
        }
        return out;
    }

    private static DemoCompany company(String first17, String name, Role role, String mspId, List<String> prefixes,
            String username, String displayName) {
        return new DemoCompany(Uscc.withCheckCharacter(first17), name, role, mspId, prefixes, username, displayName);
    }
}
