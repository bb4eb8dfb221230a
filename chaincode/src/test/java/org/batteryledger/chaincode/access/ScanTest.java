package org.batteryledger.chaincode.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.junit.jupiter.api.Test;

/** The scan read offers exactly the writes the caller could make now. */
class ScanTest {
    private final LedgerFixture f = LedgerFixture.withConsortium();

    private List<String> actions(org.batteryledger.chaincode.fixture.Party who, String code) {
        List<String> out = new ArrayList<>();
        f.evaluate(who, Transactions.SCAN, code).json().get("actions").forEach(a -> out.add(a.asText()));
        return out;
    }

    @Test
    void the_named_receiver_of_an_offer_is_offered_accept_and_reject() {
        String pack = f.code(f.batteryMaker, 'P', 1);
        String vin = f.packInUse(pack, 1);
        f.scrapAndCollect(pack, vin);
        f.submit(f.dismantler, Transactions.OFFER_HANDOVER, f.req("codes", List.of(pack), "to", f.recycler.id()))
                .expectOk();

        assertThat(actions(f.recycler, pack)).containsExactlyInAnyOrder("ACCEPT_HANDOVER", "REJECT_HANDOVER");
        assertThat(actions(f.dismantler, pack)).containsExactly("CANCEL_HANDOVER");
        assertThat(actions(f.collectionPoint, pack)).isEmpty();
    }

    @Test
    void the_holder_of_a_collected_pack_may_offer_dismantle_or_declare_waste() {
        String pack = f.code(f.batteryMaker, 'P', 2);
        String vin = f.packInUse(pack, 2);
        f.scrapAndCollect(pack, vin);

        assertThat(actions(f.dismantler, pack))
                .contains("OFFER_HANDOVER", "DECLARE_WASTE", "DISMANTLE")
                .doesNotContain("SHIP", "RECORD_RECYCLING");
    }

    @Test
    void every_offered_action_is_one_the_role_table_allows() {
        String pack = f.code(f.batteryMaker, 'P', 3);
        f.registerUnits(f.batteryMaker, pack).expectOk();

        for (var party : f.all()) {
            for (String a : actions(party, pack)) {
                assertThat(Action.valueOf(a).allows(party.role())).as(party.role() + " " + a).isTrue();
            }
        }
        assertThat(actions(f.batteryMaker, pack)).containsExactlyInAnyOrder("SHIP", "BIND_CHILDREN", "ATTACH_EU_ID");
    }

    @Test
    void a_public_caller_is_offered_nothing_and_reads_the_public_tier() {
        String pack = f.code(f.batteryMaker, 'P', 4);
        f.registerUnits(f.batteryMaker, pack).expectOk();

        var scan = f.evaluate(f.regulator, Transactions.SCAN, pack).json();

        assertThat(scan.get("actions")).isEmpty();
        assertThat(scan.get("unit").get("tier").asText()).isEqualTo("AUTHORITY");
    }
}
