package org.batteryledger.app.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.code.BatteryCodes;
import org.batteryledger.chaincode.custody.HandoverRequests;
import org.batteryledger.chaincode.custody.Handovers;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.lifecycle.UnitRequests;
import org.batteryledger.chaincode.recycledcontent.DeclareRecycledContent;
import org.batteryledger.chaincode.recycling.Element;
import org.batteryledger.chaincode.recycling.OutputFraction;
import org.batteryledger.chaincode.recycling.RecordRecycling;
import org.batteryledger.chaincode.recycling.RecyclingRoute;
import org.batteryledger.chaincode.unit.UnitSpec;
import org.batteryledger.chaincode.unit.Vin;

/**
 * The demo's batteries and everything that happens to them, as an ordered list of ledger writes.
 * A pure function of the anchor (the registry's bootstrap time) and {@link DemoData#SEED}: every
 * run yields the same requests with the same client event ids, which is what lets an interrupted
 * seeding be rerun without duplicates.
 *
 * <p>Each pack is given a story (how far its life has got) and its own timeline, spread over the
 * eleven months before the anchor. Writes are ordered by phase (production, shipping, sales,
 * vehicle life, end of life, recycling) so every step finds the state it needs; inside a phase by
 * time.
 */
final class DemoPlan {

    /** One write: who, which transaction, the request JSON, the transient data. */
    record Step(int phase, Instant at, int seq, String username, String transaction, String request,
            Map<String, byte[]> transientData, String label) {}

    /** How far a pack's life gets. Longest stories first: they get the oldest production lots. */
    enum Story {
        RECYCLED(30),
        COLLECTION_POINT_RECYCLED(3),
        REPURPOSED(16),
        AT_RECYCLER(8),
        PENDING_TO_RECYCLER(3),
        WASTE(5),
        TESTED_WASTE(2),
        TESTED(8),
        AT_CASCADE(8),
        COLLECTED_AT_POINT(3),
        COLLECTED(8),
        REMOVED(8),
        SCRAPPED_IN_VEHICLE(3),
        REPLACED_OUT(3),
        SWAPPED_OUT(4),
        IN_USE(121),
        INSTALLED(12),
        SWAP_STOCK(6),
        REPAIR_STOCK(3),
        STOCK_AUTOMAKER(10),
        STOCK_PENDING(6),
        STOCK_REJECTED(2),
        STOCK_CANCELLED(2),
        STOCK_MAKER(10),
        PRODUCED(16);

        final int count;

        Story(int count) {
            this.count = count;
        }

        boolean inVehicle() {
            return ordinal() <= INSTALLED.ordinal();
        }

        boolean scrapped() {
            return ordinal() <= SCRAPPED_IN_VEHICLE.ordinal();
        }

        boolean shipped() {
            return this != PRODUCED;
        }
    }

    // Phases: each step runs after every step of an earlier phase.
    private static final int REGISTER = 0;
    private static final int SHIP = 1;
    private static final int SALE = 2;
    private static final int INSTALL = 3;
    private static final int SELL = 4;
    private static final int REPAIR = 5;
    private static final int REPLACE = 6;
    private static final int SCRAP = 7;
    private static final int REMOVE = 8;
    private static final int COLLECT = 9;
    private static final int EOL_HANDOVER = 10;
    private static final int CASCADE = 11;
    private static final int REPURPOSE = 12;
    private static final int SECOND_LIFE = 13;
    private static final int WASTE = 14;
    private static final int TO_RECYCLER = 15;
    private static final int RECYCLER_DISMANTLE = 16;
    private static final int RECYCLE = 17;
    private static final int LAST = 18;

    static final int LOTS = 10;
    static final int PACKS_PER_LOT = 30;
    private static final int FIRST_LOT_DAYS_AGO = 330;
    private static final int LOT_SPACING_DAYS = 34;
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final List<String> HAZARDS = List.of("UN3480 lithium-ion battery, class 9",
            "high voltage DC: isolate before handling", "flammable electrolyte", "risk of thermal runaway");
    private static final String AGENT = "large quantities of water; CO2 or dry powder for small fires";

    /** A pack model: the GB/T 34014 specification field and the passport data. */
    record Model(String name, String specField, char batteryType, String chemistry, long massGrams,
            long capacityMah, long voltageMv, long energyWh, String place, int cycles) {}

    static final Map<String, Model> MODELS = Map.of(
            DemoConsortium.MAKER_NCM_PREFIX, new Model("NPC-E75", "75", 'E', "NCM811", 438_000, 216_000, 350_000,
                    75_600, "Ningde, Fujian, China", 2000),
            DemoConsortium.MAKER_LFP_PREFIX, new Model("NPC-B60", "60", 'B', "LFP", 420_000, 187_500, 320_000,
                    60_000, "Ningde, Fujian, China", 3500),
            DemoConsortium.MAKER2_PREFIX, new Model("HBB-B70", "70", 'B', "LFP", 455_000, 184_000, 380_000, 70_000,
                    "Hefei, Anhui, China", 3000));
    static final int MODULES_PER_PACK = 2;
    static final int CELLS_PER_MODULE = 4;
    static final long MODULE_GRAMS = 150_000;
    static final long CELL_GRAMS = 33_000;

    static final class Pack {
        final int index;
        final Story story;
        final int ordinal;
        final int lot;
        final int posInLot;
        final DemoCompany maker;
        final String prefix;
        final Model model;
        final long massGrams;
        final LocalDate producedOn;
        final String code;
        final List<String> modules = new ArrayList<>();
        final Map<String, List<String>> cells = new LinkedHashMap<>();
        final String vin;
        final Random random;
        Instant t;
        long remainingEnergyWh;

        private Pack(int index, Story story, int ordinal, int lot, int posInLot, DemoCompany maker, String prefix,
                Model model, long massGrams, LocalDate producedOn, String code, String vin) {
            this.index = index;
            this.story = story;
            this.ordinal = ordinal;
            this.lot = lot;
            this.posInLot = posInLot;
            this.maker = maker;
            this.prefix = prefix;
            this.model = model;
            this.massGrams = massGrams;
            this.producedOn = producedOn;
            this.code = code;
            this.vin = vin;
            this.random = new Random(DemoData.SEED * 1_000_003L + code.hashCode());
        }

        /** A pack as produced, with two modules of four cells each when {@code structured}. */
        static Pack produced(int index, Story story, int ordinal, int lot, int posInLot, DemoCompany maker,
                String prefix, LocalDate producedOn, boolean structured) {
            Model model = MODELS.get(prefix);
            int serial = lot * 1000 + posInLot + 1;
            Pack p = new Pack(index, story, ordinal, lot, posInLot, maker, prefix, model, model.massGrams(),
                    producedOn, code(prefix, 'P', model, lot, producedOn, serial),
                    Vin.withCheckDigit(String.format("LSVAE2409R%07d", index + 1)));
            if (structured) {
                for (int m = 0; m < MODULES_PER_PACK; m++) {
                    String module = code(prefix, 'M', model, lot, producedOn, 5_000_000 + serial * 10 + m);
                    p.modules.add(module);
                    List<String> cs = new ArrayList<>();
                    for (int c = 0; c < CELLS_PER_MODULE; c++) {
                        cs.add(code(prefix, 'C', model, lot, producedOn, 6_000_000 + serial * 100 + m * 10 + c));
                    }
                    p.cells.put(module, cs);
                }
            }
            return p;
        }

        /** A repurposed successor, followed through its second life like a pack. */
        static Pack successor(Pack original, String code, long massGrams, Instant at) {
            Pack p = new Pack(original.index, original.story, -1, original.lot, original.posInLot, original.maker,
                    DemoConsortium.CASCADE_PREFIX, original.model, massGrams, LocalDate.ofInstant(at, CHINA), code, null);
            p.t = at;
            return p;
        }

        boolean structured() {
            return !modules.isEmpty();
        }

        static String code(String prefix, char level, Model model, int lot, LocalDate date, int serial) {
            return prefix + level + model.batteryType() + model.specField() + String.format("LOT%02dA1", lot)
                    + BatteryCodes.encodeDate(date) + String.format("%07d", serial);
        }
    }

    private final Instant anchor;
    private final Instant limit;
    private final LocalDate anchorDay;
    private final List<Step> steps = new ArrayList<>();
    private final List<Pack> packs = new ArrayList<>();
    private final Map<Story, List<Pack>> byStory = new EnumMap<>(Story.class);
    private final DemoCompany automaker = DemoConsortium.byUsername("automaker");
    private final DemoCompany repairer = DemoConsortium.byUsername("repairer");
    private final DemoCompany swap = DemoConsortium.byUsername("swap");
    private final DemoCompany collector = DemoConsortium.byUsername("collector");
    private final DemoCompany dismantler = DemoConsortium.byUsername("dismantler");
    private final DemoCompany cascade = DemoConsortium.byUsername("secondlife");
    private final DemoCompany recycler = DemoConsortium.byUsername("recycler");
    private int seq;
    private int units;

    private DemoPlan(Instant anchor) {
        this.anchor = anchor;
        this.limit = anchor.minus(Duration.ofMinutes(10));
        this.anchorDay = LocalDate.ofInstant(anchor, CHINA);
    }

    /** The whole plan, in execution order. */
    static DemoPlan build(Instant anchor) {
        DemoPlan plan = new DemoPlan(anchor);
        plan.makePacks();
        plan.register();
        plan.ship();
        plan.sell();
        plan.vehicleLife();
        plan.endOfLife();
        plan.recycledContent();
        plan.steps.sort(Comparator.comparingInt(Step::phase).thenComparing(Step::at).thenComparingInt(Step::seq));
        return plan;
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Units the plan creates: packs, modules, cells, successors. */
    int units() {
        return units;
    }

    List<Pack> packs() {
        return List.copyOf(packs);
    }

    // ------------------------------------------------------------------ packs and production

    private void makePacks() {
        int index = 0;
        for (Story story : Story.values()) {
            List<Pack> list = new ArrayList<>();
            for (int ordinal = 0; ordinal < story.count; ordinal++, index++) {
                int lot = index / PACKS_PER_LOT;
                int pos = index % PACKS_PER_LOT;
                DemoCompany maker = DemoConsortium.byUsername(lot % 2 == 0 ? "maker" : "maker2");
                String prefix = lot % 2 == 1 ? DemoConsortium.MAKER2_PREFIX
                        : lot % 4 == 0 ? DemoConsortium.MAKER_NCM_PREFIX : DemoConsortium.MAKER_LFP_PREFIX;
                LocalDate day = anchorDay.minusDays(FIRST_LOT_DAYS_AGO - (long) LOT_SPACING_DAYS * lot);
                Pack p = Pack.produced(index, story, ordinal, lot, pos, maker, prefix, day,
                        structured(story, ordinal));
                list.add(p);
                packs.add(p);
            }
            byStory.put(story, list);
        }
    }

    /** Ten packs carry modules and cells, in stories that show what happens to them. */
    private static boolean structured(Story story, int ordinal) {
        return switch (story) {
            case PRODUCED, IN_USE, AT_RECYCLER, RECYCLED -> ordinal < 2;
            case STOCK_AUTOMAKER, AT_CASCADE -> ordinal == 0;
            default -> false;
        };
    }

    private void register() {
        Map<Integer, List<Pack>> lots = new TreeMap<>();
        packs.forEach(p -> lots.computeIfAbsent(p.lot, k -> new ArrayList<>()).add(p));
        for (var lot : lots.entrySet()) {
            List<Pack> lotPacks = lot.getValue();
            Pack first = lotPacks.get(0);
            Instant at = clamp(first.producedOn.atTime(LocalTime.of(18, 0)).toInstant(CHINA));
            List<UnitRequests.NewUnit> newUnits = new ArrayList<>();
            for (Pack p : lotPacks) {
                for (String module : p.modules) {
                    for (String cell : p.cells.get(module)) {
                        newUnits.add(new UnitRequests.NewUnit(cell, cellSpec(p.model), null, List.of()));
                    }
                    newUnits.add(new UnitRequests.NewUnit(module, moduleSpec(p.model), null, p.cells.get(module)));
                }
                String euId = p.prefix.equals(DemoConsortium.MAKER_NCM_PREFIX) && p.posInLot % 5 == 0
                        ? "EU." + p.code : null;
                newUnits.add(new UnitRequests.NewUnit(p.code, packSpec(p.model), euId, p.modules));
                p.t = at;
            }
            if (newUnits.size() > UnitRequests.MAX_UNITS_PER_TX) {
                throw new IllegalStateException("lot " + lot.getKey() + " exceeds one registration");
            }
            units += newUnits.size();
            String id = String.format("demo-register-lot%02d", lot.getKey());
            add(REGISTER, at, first.maker, Transactions.REGISTER_UNITS,
                    new UnitRequests.RegisterUnits(id, at, newUnits), "register lot " + lot.getKey());
        }
    }

    private void ship() {
        for (Pack p : packs) {
            if (p.story.shipped()) {
                p.t = clamp(p.t.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(7L * p.posInLot)));
                add(SHIP, p.t, p.maker, Transactions.SHIP,
                        new UnitRequests.OnUnit("demo-ship-" + p.code, p.t, p.code, "to finished-goods warehouse"),
                        "ship " + p.code);
            }
        }
    }

    /** Sales from the makers, one offer per lot and buyer (a truckload), with commercial terms. */
    private void sell() {
        record Group(int lot, DemoCompany to, String answer) {}
        Map<Group, List<Pack>> groups = new LinkedHashMap<>();
        for (Pack p : packs) {
            Group g = switch (p.story) {
                case SWAP_STOCK -> new Group(p.lot, swap, "accept");
                case REPAIR_STOCK -> new Group(p.lot, repairer, "accept");
                case STOCK_PENDING -> new Group(p.lot, automaker, "pending");
                case STOCK_REJECTED -> new Group(p.lot, automaker, "reject");
                case STOCK_CANCELLED -> new Group(p.lot, swap, "cancel");
                case STOCK_MAKER, PRODUCED -> null;
                default -> new Group(p.lot, automaker, "accept");
            };
            if (g != null) {
                groups.computeIfAbsent(g, k -> new ArrayList<>()).add(p);
            }
        }
        int n = 0;
        for (var e : groups.entrySet()) {
            Group g = e.getKey();
            List<Pack> ps = e.getValue();
            Pack first = ps.get(0);
            DemoCompany maker = first.maker;
            Instant latest = ps.stream().map(p -> p.t).max(Comparator.naturalOrder()).orElseThrow();
            Instant offerAt = clamp(latest.plus(Duration.ofDays(2)).plus(Duration.ofHours(n++ % 8)));
            List<String> codes = ps.stream().map(p -> p.code).toList();
            String key = String.format("L%02d-%s-%s", g.lot(), g.to().username(), g.answer());
            long priceMinor = (long) ps.size() * first.model.energyWh() * 60; // about 0.6 CNY per Wh
            Map<String, byte[]> terms = Map.of(Handovers.COMMERCIAL, Json.bytes(
                    new HandoverRequests.Commercial(priceMinor, "CNY", "PO-" + key)));
            add(SALE, offerAt, maker, Transactions.OFFER_HANDOVER, terms,
                    new HandoverRequests.Offer("demo-offer-" + key, offerAt, codes, g.to().id()),
                    "offer " + key);
            Instant answerAt = clamp(offerAt.plus(Duration.ofHours(20 + first.random.nextInt(30))));
            switch (g.answer()) {
                case "accept" -> add(SALE, answerAt, g.to(), Transactions.ACCEPT_HANDOVER,
                        new HandoverRequests.Answer("demo-accept-" + key, answerAt, codes, null), "accept " + key);
                case "reject" -> add(SALE, answerAt, g.to(), Transactions.REJECT_HANDOVER,
                        new HandoverRequests.Answer("demo-reject-" + key, answerAt, codes,
                                "labels unreadable on arrival; return to the maker"),
                        "reject " + key);
                case "cancel" -> add(SALE, answerAt, maker, Transactions.CANCEL_HANDOVER,
                        new HandoverRequests.Answer("demo-cancel-" + key, answerAt, codes,
                                "order withdrawn by the buyer"),
                        "cancel " + key);
                default -> answerAt = offerAt;
            }
            for (Pack p : ps) {
                p.t = answerAt;
            }
        }
    }

    // ------------------------------------------------------------------ vehicles

    private void vehicleLife() {
        for (Pack p : packs) {
            if (!p.story.inVehicle()) {
                continue;
            }
            p.t = after(p, 2, 12);
            add(INSTALL, p.t, automaker, Transactions.INSTALL,
                    new UnitRequests.Install("demo-install-" + p.code, p.t, p.code, p.vin, null),
                    "install " + p.code);
            if (p.story == Story.INSTALLED) {
                continue;
            }
            p.t = after(p, 5, 40);
            add(SELL, p.t, automaker, Transactions.SELL, new UnitRequests.Sell("demo-sell-" + p.vin, p.t, p.vin),
                    "sell " + p.vin);
        }
        for (Pack p : byStory.get(Story.IN_USE)) {
            boolean atDealer = p.ordinal == 5;
            if (!atDealer && !(p.ordinal < 64 && p.ordinal % 4 == 3)) {
                continue;
            }
            Instant at = unclamped(p, 30, 120);
            if (at == null) {
                continue; // sold too recently for a repair before today
            }
            p.t = at;
            add(REPAIR, p.t, atDealer ? automaker : repairer, Transactions.REPAIR,
                    new UnitRequests.OnUnit("demo-repair1-" + p.code, p.t, p.code,
                            atDealer ? "warranty repair: contactor replaced at the dealer"
                                    : "BMS fault: cell voltage sensor replaced, pack rebalanced"),
                    "repair " + p.code);
            at = p.ordinal % 16 == 3 ? unclamped(p, 20, 60) : null;
            if (at != null) {
                p.t = at;
                add(REPAIR, p.t, repairer, Transactions.REPAIR, new UnitRequests.OnUnit("demo-repair2-" + p.code,
                        p.t, p.code, "coolant leak sealed, insulation resistance retested"), "repair " + p.code);
            }
        }
        List<Pack> swapStock = byStory.get(Story.SWAP_STOCK);
        List<Pack> swappedOut = byStory.get(Story.SWAPPED_OUT);
        for (int i = 0; i < swappedOut.size(); i++) {
            exchange(swap, Transactions.SWAP, swappedOut.get(i), swapStock.get(i), "battery swap at station "
                    + (101 + i));
        }
        List<Pack> repairStock = byStory.get(Story.REPAIR_STOCK);
        List<Pack> replacedOut = byStory.get(Story.REPLACED_OUT);
        for (int i = 0; i < replacedOut.size(); i++) {
            exchange(repairer, Transactions.REPLACE, replacedOut.get(i), repairStock.get(i),
                    "pack replaced after underbody impact damage");
        }
        for (Pack p : packs) {
            if (p.story.scrapped()) {
                p.t = after(p, 20, 90);
                add(SCRAP, p.t, dismantler, Transactions.SCRAP_VEHICLE, new UnitRequests.ScrapVehicle(
                        "demo-scrap-" + p.vin, p.t, p.vin, List.of(p.code), "ELV-TJ-" + p.vin.substring(10)),
                        "scrap " + p.vin);
            }
        }
    }

    private void exchange(DemoCompany who, String transaction, Pack out, Pack replacement, String note) {
        Instant at = after(out, 40, 120);
        Instant stockReady = replacement.t.plus(Duration.ofDays(1));
        if (at.isBefore(stockReady)) {
            at = clamp(stockReady.plus(Duration.ofHours(out.random.nextInt(72))));
        }
        out.t = at;
        replacement.t = at;
        add(REPLACE, at, who, transaction,
                new UnitRequests.Replace("demo-exchange-" + out.code, at, out.code, replacement.code, note),
                transaction + " " + out.code);
    }

    // ------------------------------------------------------------------ end of life

    private void endOfLife() {
        List<Pack> toRecycle = new ArrayList<>();
        for (Pack p : packs) {
            Story s = p.story;
            if (s.scrapped() && s != Story.SCRAPPED_IN_VEHICLE) {
                p.t = after(p, 1, 5);
                step(REMOVE, p, dismantler, Transactions.REMOVE, new UnitRequests.OnUnit("demo-remove-" + p.code, p.t,
                        p.code, "removed from the scrapped vehicle, insulation checked"), "remove");
            }
            switch (s) {
                case COLLECTED, AT_CASCADE, TESTED, TESTED_WASTE, REPURPOSED, WASTE, PENDING_TO_RECYCLER,
                        AT_RECYCLER -> collectAtDismantler(p);
                case RECYCLED -> {
                    if (p.ordinal % 3 != 0) {
                        collectAtDismantler(p);
                    }
                }
                default -> { }
            }
            switch (s) {
                case COLLECTED_AT_POINT, COLLECTION_POINT_RECYCLED -> handOver(EOL_HANDOVER, p, dismantler, collector);
                case SWAPPED_OUT -> {
                    if (p.ordinal >= 2) {
                        handOver(EOL_HANDOVER, p, swap, collector);
                    }
                }
                case REPLACED_OUT -> {
                    if (p.ordinal == 1) {
                        handOver(EOL_HANDOVER, p, repairer, collector);
                    } else if (p.ordinal == 2) {
                        declareWaste(p, repairer, "casing cracked, electrolyte smell: not fit for re-use");
                        offer(TO_RECYCLER, p, repairer, recycler);
                    }
                }
                case AT_CASCADE, TESTED, TESTED_WASTE, REPURPOSED -> handOver(EOL_HANDOVER, p, dismantler, cascade);
                default -> { }
            }
            switch (s) {
                case AT_CASCADE -> {
                    if (p.structured()) {
                        dismantle(CASCADE, p, cascade);
                    }
                }
                case TESTED -> test(p, 700, 880);
                case REPURPOSED -> test(p, 720, 860);
                case TESTED_WASTE -> {
                    test(p, 420, 560);
                    declareWaste(p, cascade, "state of health below the 60 % second-life threshold");
                }
                case WASTE -> declareWaste(p, dismantler, "deformed in the collision, not safe for second use");
                case PENDING_TO_RECYCLER -> {
                    declareWaste(p, dismantler, "deformed in the collision, not safe for second use");
                    offer(TO_RECYCLER, p, dismantler, recycler);
                }
                case AT_RECYCLER, RECYCLED -> {
                    if (s == Story.AT_RECYCLER || p.ordinal % 3 != 0) {
                        declareWaste(p, dismantler, "end of life: capacity below 70 %, swollen cells");
                    }
                    handOver(TO_RECYCLER, p, dismantler, recycler);
                    if (p.structured() && p.ordinal == 0) {
                        dismantle(RECYCLER_DISMANTLE, p, recycler);
                    }
                    if (s == Story.RECYCLED) {
                        toRecycle.add(p);
                    }
                }
                case COLLECTION_POINT_RECYCLED -> {
                    declareWaste(p, collector, "sorted as waste at the collection point");
                    handOver(TO_RECYCLER, p, collector, recycler);
                    toRecycle.add(p);
                }
                default -> { }
            }
        }
        Pack lastSuccessorInput = secondLife();
        recycle(toRecycle, lastSuccessorInput);
    }

    private void collectAtDismantler(Pack p) {
        p.t = after(p, 0, 3);
        step(COLLECT, p, dismantler, Transactions.COLLECT,
                new UnitRequests.OnUnit("demo-collect-" + p.code, p.t, p.code, "into the dismantler's battery store"),
                "collect");
    }

    private void handOver(int phase, Pack p, DemoCompany from, DemoCompany to) {
        offer(phase, p, from, to);
        p.t = after(p, 1, 3);
        step(phase, p, to, Transactions.ACCEPT_HANDOVER, new HandoverRequests.Answer(
                "demo-accept-" + from.username() + "-" + p.code, p.t, List.of(p.code), null), "accept");
    }

    private void offer(int phase, Pack p, DemoCompany from, DemoCompany to) {
        p.t = after(p, 2, 10);
        step(phase, p, from, Transactions.OFFER_HANDOVER, new HandoverRequests.Offer(
                "demo-offer-" + to.username() + "-" + p.code, p.t, List.of(p.code), to.id()), "offer");
    }

    private void declareWaste(Pack p, DemoCompany who, String reason) {
        p.t = after(p, 1, 6);
        step(WASTE, p, who, Transactions.DECLARE_WASTE,
                new UnitRequests.DeclareWaste("demo-waste-" + p.code, p.t, p.code, reason), "declare waste");
    }

    private void dismantle(int phase, Pack p, DemoCompany who) {
        p.t = after(p, 1, 4);
        step(phase, p, who, Transactions.DISMANTLE,
                new UnitRequests.Dismantle("demo-dismantle-" + p.code, p.t, p.code, List.of()), "dismantle");
    }

    private void test(Pack p, int minSoh, int maxSoh) {
        p.t = after(p, 2, 6);
        int soh = minSoh + p.random.nextInt(maxSoh - minSoh + 1);
        p.remainingEnergyWh = p.model.energyWh() * soh / 1000;
        UnitRequests.TestResult result = new UnitRequests.TestResult(soh, p.remainingEnergyWh,
                p.model.capacityMah() * soh / 1000, 400 + p.random.nextInt(900), p.random.nextInt(3),
                "GB/T 34015-2017", "Hangzhou Battery Test Lab", sha256("demo test report " + p.code));
        step(CASCADE, p, cascade, Transactions.TEST,
                new UnitRequests.Test("demo-test-" + p.code, p.t, p.code, result), "test");
    }

    /** Pairs of tested packs become storage units; returns the successor that goes on to recycling. */
    private Pack secondLife() {
        List<Pack> originals = byStory.get(Story.REPURPOSED);
        Pack recycledSuccessor = null;
        for (int j = 0; j * 2 + 1 < originals.size(); j++) {
            Pack a = originals.get(j * 2);
            Pack b = originals.get(j * 2 + 1);
            Instant at = clamp(max(a.t, b.t).plus(Duration.ofDays(5 + a.random.nextInt(10))));
            LocalDate day = LocalDate.ofInstant(at, CHINA);
            String code = DemoConsortium.CASCADE_PREFIX + 'P' + a.model.batteryType() + "S4"
                    + BatteryCodes.encodeDate(day) + String.format("%07d", j + 1) + "RP";
            long energy = a.remainingEnergyWh + b.remainingEnergyWh;
            long mass = a.model.massGrams() + b.model.massGrams() + 60_000;
            UnitSpec spec = new UnitSpec("SL-ESS-" + (energy / 1000) + "K", a.model.chemistry(), mass,
                    a.model.capacityMah() * 2 * 78 / 100, a.model.voltageMv(), energy, "Hangzhou, Zhejiang, China",
                    HAZARDS, AGENT, 1500, 600, sha256("SL-ESS dismantling manual"));
            a.t = at;
            b.t = at;
            add(REPURPOSE, at, cascade, Transactions.REPURPOSE, new UnitRequests.Repurpose("demo-repurpose-" + code,
                    at, List.of(a.code, b.code), new UnitRequests.NewUnit(code, spec, null, List.of()), false),
                    "repurpose " + code);
            units++;
            // The successor's life, told through a stand-in pack record carrying its code and clock.
            Pack s = Pack.successor(a, code, mass, at);
            if (j >= 2) {
                s.t = after(s, 3, 10);
                add(SECOND_LIFE, s.t, cascade, Transactions.SHIP, new UnitRequests.OnUnit("demo-ship-" + code, s.t,
                        code, "installed as commercial energy storage"), "ship " + code);
            }
            if (j >= 5) {
                s.t = after(s, 30, 70);
                add(SECOND_LIFE, s.t, cascade, Transactions.REMOVE, new UnitRequests.OnUnit("demo-remove-" + code,
                        s.t, code, "retired from storage service"), "remove " + code);
            }
            if (j >= 6) {
                declareWaste(s, cascade, "capacity fade below the storage threshold");
            }
            if (j >= 7) {
                handOver(TO_RECYCLER, s, cascade, recycler);
                recycledSuccessor = s;
            }
        }
        return recycledSuccessor;
    }

    // ------------------------------------------------------------------ recycling

    private static final Map<String, Map<Element, Integer>> PER_MILLE = Map.of(
            "NCM811", ordered(Map.of(Element.LI, 14, Element.NI, 80, Element.CO, 10, Element.MN, 10, Element.CU, 70,
                    Element.AL, 180)),
            "LFP", ordered(Map.of(Element.LI, 11, Element.CU, 80, Element.AL, 200)));
    private static final Map<RecyclingRoute, Map<Element, Integer>> RECOVERY_BP = Map.of(
            RecyclingRoute.HYDROMETALLURGY, ordered(Map.of(Element.LI, 9200, Element.NI, 9850, Element.CO, 9850,
                    Element.MN, 9800, Element.CU, 9600, Element.AL, 9000)),
            RecyclingRoute.PYROMETALLURGY, ordered(Map.of(Element.LI, 9050, Element.NI, 9820, Element.CO, 9820,
                    Element.MN, 9810, Element.CU, 9500, Element.AL, 6000)),
            RecyclingRoute.MATERIAL_REPAIR, ordered(Map.of(Element.LI, 9920, Element.NI, 9900, Element.CO, 9900,
                    Element.MN, 9900, Element.CU, 9700, Element.AL, 9200)));

    private void recycle(List<Pack> inputs, Pack successor) {
        inputs.sort(Comparator.comparing((Pack p) -> p.t).thenComparingInt(p -> p.index));
        RecyclingRoute[] routes = {RecyclingRoute.HYDROMETALLURGY, RecyclingRoute.PYROMETALLURGY,
            RecyclingRoute.HYDROMETALLURGY};
        int per = (inputs.size() + routes.length - 1) / routes.length;
        for (int b = 0; b < routes.length; b++) {
            List<Pack> batch = inputs.subList(Math.min(inputs.size(), b * per),
                    Math.min(inputs.size(), (b + 1) * per));
            if (!batch.isEmpty()) {
                batch(RECYCLE, String.format("DEMO-RB-%02d", b + 1), routes[b], batch);
            }
        }
        if (successor == null) {
            throw new IllegalStateException("the plan lost its recycled successor");
        }
        RecyclingRoute route = successor.model.chemistry().equals("LFP") ? RecyclingRoute.MATERIAL_REPAIR
                : RecyclingRoute.HYDROMETALLURGY;
        batch(LAST, DemoData.LAST_BATCH_ID, route, List.of(successor));
    }

    private void batch(int phase, String batchId, RecyclingRoute route, List<Pack> batch) {
        Pack first = batch.get(0);
        Instant at = clamp(batch.stream().map(p -> p.t).max(Comparator.naturalOrder()).orElseThrow()
                .plus(Duration.ofDays(3 + first.random.nextInt(6))));
        List<RecordRecycling.Input> inputs = new ArrayList<>();
        Map<Element, Long> in = new EnumMap<>(Element.class);
        long total = 0;
        for (Pack p : batch) {
            long packGrams = p.massGrams;
            if (p.structured() && p.ordinal == 0) {
                // Dismantled at the recycler: the emptied casing and the two modules are weighed apart.
                packGrams -= MODULE_GRAMS * p.modules.size();
                for (String module : p.modules) {
                    long g = weighed(p, MODULE_GRAMS);
                    inputs.add(new RecordRecycling.Input(module, g));
                    total += g;
                    addElements(in, p.model.chemistry(), g);
                }
            }
            long g = weighed(p, packGrams);
            inputs.add(new RecordRecycling.Input(p.code, g));
            total += g;
            addElements(in, p.model.chemistry(), g);
        }
        Map<Element, Long> recovered = new EnumMap<>(Element.class);
        in.forEach((e, g) -> recovered.put(e, g * RECOVERY_BP.get(route).get(e) / 10_000));
        List<OutputFraction> outputs = List.of(
                new OutputFraction("black mass (cathode and anode material)", total * 360 / 1000,
                        "hydrometallurgical refinery, Ganzhou", true),
                new OutputFraction("copper and aluminium foil", total * 130 / 1000, "non-ferrous smelter", true),
                new OutputFraction("steel and aluminium casings", total * 220 / 1000, "scrap metal merchant", true),
                new OutputFraction("plastics and separators", total * 80 / 1000, "energy recovery", false),
                new OutputFraction("electrolyte residue", total * 20 / 1000, "licensed hazardous-waste incineration",
                        false));
        add(phase, at, recycler, Transactions.RECORD_RECYCLING, new RecordRecycling("demo-recycle-" + batchId, at,
                batchId, route, inputs, in, recovered, outputs, sha256("demo recycling report " + batchId)),
                "recycle " + batchId);
    }

    private static long weighed(Pack p, long grams) {
        return grams * (980 + p.random.nextInt(31)) / 1000;
    }

    private static void addElements(Map<Element, Long> in, String chemistry, long grams) {
        PER_MILLE.get(chemistry).forEach((e, pm) -> in.merge(e, grams * pm / 1000, Long::sum));
    }

    private static <K extends Enum<K>> Map<K, Integer> ordered(Map<K, Integer> m) {
        return new TreeMap<>(m);
    }

    // ------------------------------------------------------------------ recycled content

    /**
     * The first maker's recycled-content declarations (EU 2023/1542 Art. 8) for this year's
     * production at Ningde: the NCM model (Co meets the 2031 minimum, Ni does not yet) and the LFP
     * model, declared once and then corrected (revision 2). The second maker declares nothing, so
     * the report lists its model as NOT DECLARED.
     */
    private void recycledContent() {
        DemoCompany maker = DemoConsortium.byUsername("maker");
        int year = anchorDay.getYear();
        Model ncm = MODELS.get(DemoConsortium.MAKER_NCM_PREFIX);
        Model lfp = MODELS.get(DemoConsortium.MAKER_LFP_PREFIX);
        Map<String, DeclareRecycledContent.Share> ncmShares = new TreeMap<>();
        ncmShares.put("CO", new DeclareRecycledContent.Share(400, 1_300));
        ncmShares.put("LI", new DeclareRecycledContent.Share(100, 500));
        ncmShares.put("NI", new DeclareRecycledContent.Share(200, 300));
        declare(maker, "demo-rc-ncm-" + year, ncm, year, ncmShares, limit.minus(Duration.ofDays(3)));
        declare(maker, "demo-rc-lfp-" + year, lfp, year, Map.of("LI", new DeclareRecycledContent.Share(150, 300)),
                limit.minus(Duration.ofDays(2)));
        declare(maker, "demo-rc-lfp-" + year + "-rev2", lfp, year,
                Map.of("LI", new DeclareRecycledContent.Share(200, 450)), limit.minus(Duration.ofDays(1)));
    }

    private void declare(DemoCompany maker, String id, Model model, int year,
            Map<String, DeclareRecycledContent.Share> shares, Instant at) {
        add(RECYCLE, at, maker, Transactions.DECLARE_RECYCLED_CONTENT, new DeclareRecycledContent(id, at,
                model.name(), model.place(), year, shares, sha256(id + " technical documentation"),
                "demo-dms://recycled-content/" + id), "declare recycled content " + model.name() + " " + year);
    }

    // ------------------------------------------------------------------ specs

    private static UnitSpec packSpec(Model m) {
        return new UnitSpec(m.name(), m.chemistry(), m.massGrams(), m.capacityMah(), m.voltageMv(), m.energyWh(),
                m.place(), HAZARDS, AGENT, m.cycles(), 800, sha256(m.name() + " dismantling manual rev 3"));
    }

    private static UnitSpec moduleSpec(Model m) {
        return new UnitSpec(m.name() + "-M", m.chemistry(), MODULE_GRAMS, m.capacityMah(),
                m.voltageMv() / MODULES_PER_PACK, m.energyWh() / MODULES_PER_PACK, m.place(), HAZARDS, AGENT,
                m.cycles(), 800, null);
    }

    private static UnitSpec cellSpec(Model m) {
        int cells = MODULES_PER_PACK * CELLS_PER_MODULE;
        return new UnitSpec(m.name() + "-C", m.chemistry(), CELL_GRAMS, m.capacityMah(), m.voltageMv() / cells,
                m.energyWh() / cells, m.place(), List.of("UN3480 lithium-ion battery, class 9"), AGENT, m.cycles(),
                800, null);
    }

    // ------------------------------------------------------------------ plumbing

    private void step(int phase, Pack p, DemoCompany who, String transaction, Object request, String what) {
        add(phase, p.t, who, transaction, request, what + " " + p.code);
    }

    private void add(int phase, Instant at, DemoCompany who, String transaction, Object request, String label) {
        add(phase, at, who, transaction, Map.of(), request, label);
    }

    private void add(int phase, Instant at, DemoCompany who, String transaction, Map<String, byte[]> transientData,
            Object request, String label) {
        steps.add(new Step(phase, at, seq++, who.username(), transaction, Json.string(request), transientData,
                label));
    }

    /** {@code p}'s clock moved on by a random span between the bounds, never past the anchor. */
    private Instant after(Pack p, int minDays, int maxDays) {
        long hours = (long) minDays * 24 + p.random.nextInt((maxDays - minDays) * 24 + 1);
        return clamp(p.t.plus(Duration.ofHours(hours)).plus(Duration.ofMinutes(p.random.nextInt(60))));
    }

    /** As {@link #after}, or null when that would be past the anchor. */
    private Instant unclamped(Pack p, int minDays, int maxDays) {
        long hours = (long) minDays * 24 + p.random.nextInt((maxDays - minDays) * 24 + 1);
        Instant t = p.t.plus(Duration.ofHours(hours)).plus(Duration.ofMinutes(p.random.nextInt(60)));
        return t.isAfter(limit) ? null : t;
    }

    private Instant clamp(Instant t) {
        return t.isAfter(limit) ? limit : t;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
