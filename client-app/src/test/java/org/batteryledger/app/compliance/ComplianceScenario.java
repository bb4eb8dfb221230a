package org.batteryledger.app.compliance;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.batteryledger.app.ledger.TestkitLedger;
import org.batteryledger.app.outbox.Consortium;
import org.batteryledger.chaincode.Transactions;

/**
 * A hand-worked history through the real contracts, with the trigger (occurredAt) and recording
 * (transaction time) of each event chosen so that the answers are known (China time = UTC+8):
 *
 * <ul>
 *   <li>p1: installed, trigger Thu 2026-02-12 10:00 CST, recorded 2026-03-11 17:00 CST. Due = 15 WD
 *       after 02-12 across the Spring Festival (02-15..02-23 off, Sat 02-14 and 02-28 worked) =
 *       2026-03-11: on time. Sold, scrapped, removed, collected, declared waste, handed to the
 *       recycler, recycled in a batch dated 2027-12-31 CST (30 WD later is outside the calendar).
 *   <li>p2: installed, same trigger, recorded 2026-03-12 00:30 CST (03-11 16:30 UTC): one day
 *       late. Sold, then replaced without a replacement on 2026-04-01: retired, never collected;
 *       its vehicle is sold and has no pack.
 *   <li>p3: installed, trigger Fri 2026-02-13 23:59 CST, recorded 2026-03-12 18:00 CST; due
 *       2026-03-12: on time.
 *   <li>p4: offered by the maker to the automaker on 2026-02-10 and never answered.
 *   <li>p5: offered to the collection point and rejected twice.
 *   <li>p6: first shipped on 2027-03-01, after the passport date, with no EU identifier.
 * </ul>
 */
final class ComplianceScenario {
    final Consortium c;
    final TestkitLedger ledger;
    final String p1;
    final String p2;
    final String p3;
    final String p4;
    final String p5;
    final String p6;
    final String vin1 = Consortium.vin(101);
    final String vin2 = Consortium.vin(102);
    final String vin3 = Consortium.vin(103);

    private ComplianceScenario(Consortium c, TestkitLedger ledger) {
        this.c = c;
        this.ledger = ledger;
        p1 = c.code(c.batteryMaker, 'P', 501);
        p2 = c.code(c.batteryMaker, 'P', 502);
        p3 = c.code(c.batteryMaker, 'P', 503);
        p4 = c.code(c.batteryMaker, 'P', 504);
        p5 = c.code(c.batteryMaker, 'P', 505);
        p6 = c.code(c.batteryMaker, 'P', 506);
    }

    private void at(String utc) {
        ledger.setTime(Instant.parse(utc));
    }

    static ComplianceScenario run(Consortium c, TestkitLedger ledger) {
        ComplianceScenario s = new ComplianceScenario(c, ledger);
        s.play();
        return s;
    }

    private void play() {
        at("2026-02-10T01:00:00Z");
        Map<String, List<String>> units = new LinkedHashMap<>();
        for (String p : List.of(p1, p2, p3, p4, p5, p6)) {
            units.put(p, List.of());
        }
        c.submit(c.batteryMaker, Transactions.REGISTER_UNITS, c.registerRequest(units));
        for (String p : List.of(p1, p2, p3, p4, p5)) {
            c.submit(c.batteryMaker, Transactions.SHIP, c.request("code", p));
        }
        c.handOver(c.batteryMaker, c.automaker, p1, p2, p3);
        c.submit(c.batteryMaker, Transactions.OFFER_HANDOVER, c.request("codes", List.of(p4), "to", c.automaker.id()));
        for (int i = 0; i < 2; i++) {
            c.submit(c.batteryMaker, Transactions.OFFER_HANDOVER,
                    c.request("codes", List.of(p5), "to", c.collectionPoint.id()));
            c.submit(c.collectionPoint, Transactions.REJECT_HANDOVER, c.request("codes", List.of(p5), "reason", "no"));
        }

        at("2026-03-11T09:00:00Z");
        c.submit(c.automaker, Transactions.INSTALL, c.request("code", p1, "vin", vin1, "maxPacks", 1, "occurredAt",
                "2026-02-12T02:00:00Z"));
        at("2026-03-11T16:30:00Z");
        c.submit(c.automaker, Transactions.INSTALL, c.request("code", p2, "vin", vin2, "maxPacks", 1, "occurredAt",
                "2026-02-12T02:00:00Z"));
        at("2026-03-12T10:00:00Z");
        c.submit(c.automaker, Transactions.INSTALL, c.request("code", p3, "vin", vin3, "maxPacks", 1, "occurredAt",
                "2026-02-13T15:59:00Z"));
        at("2026-03-13T02:00:00Z");
        c.submit(c.automaker, Transactions.SELL, c.request("vin", vin1));
        c.submit(c.automaker, Transactions.SELL, c.request("vin", vin2));

        at("2026-04-01T02:00:00Z");
        c.submit(c.automaker, Transactions.REPLACE, c.request("code", p2, "note", "crash damage"));

        at("2026-06-01T02:00:00Z");
        c.submit(c.dismantler, Transactions.SCRAP_VEHICLE,
                c.request("vin", vin1, "presentCodes", List.of(p1), "certificateNumber", "SCRAP-101"));
        c.submit(c.dismantler, Transactions.REMOVE, c.request("code", p1));
        c.submit(c.dismantler, Transactions.COLLECT, c.request("code", p1));
        c.submit(c.dismantler, Transactions.DECLARE_WASTE, c.request("code", p1, "reason", "end of life"));
        at("2026-06-10T02:00:00Z");
        c.handOver(c.dismantler, c.recycler, p1);

        at("2027-03-01T02:00:00Z");
        c.submit(c.batteryMaker, Transactions.SHIP, c.request("code", p6));

        at("2028-01-05T02:00:00Z");
        c.submit(c.recycler, Transactions.RECORD_RECYCLING, c.request("batchId", "B-2027-1", "route",
                "HYDROMETALLURGY", "occurredAt", "2027-12-31T02:00:00Z",
                "inputs", List.of(Map.of("code", p1, "massGrams", 400_000)),
                "elementsInput", Map.of("LI", 8_000, "CO", 10_000, "NI", 30_000),
                "elementsRecovered", Map.of("LI", 6_000, "CO", 9_500, "NI", 26_000),
                "outputs", List.of(Map.of("name", "black mass", "massGrams", 300_000, "destination", "refinery",
                        "countsAsRecycling", true), Map.of("name", "slag", "massGrams", 50_000, "destination",
                                "landfill", "countsAsRecycling", false))));
    }
}
