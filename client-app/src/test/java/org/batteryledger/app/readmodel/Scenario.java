package org.batteryledger.app.readmodel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.batteryledger.app.outbox.Consortium;
import org.batteryledger.chaincode.Transactions;

/**
 * A run of writes through the real contracts covering every table: a pack with two modules
 * goes from production through a vehicle to recycling; another is installed in an unsold
 * vehicle; a third waits in an open handover; one request is repeated (a Replayed event). A
 * fourth pack, with a model and plant in its spec, is shipped, and its model's recycled content
 * declared twice (the second supersedes the first).
 */
final class Scenario {
    final Consortium c;
    final String p1;
    final String m1;
    final String m2;
    final String p2;
    final String p3;
    final String vin1 = Consortium.vin(1);
    final String vin2 = Consortium.vin(2);
    static final String MODEL = "RM-75";
    static final String PLANT = "Ningde, Fujian, China";
    final String p4;

    private Scenario(Consortium c) {
        this.c = c;
        p1 = c.code(c.batteryMaker, 'P', 1);
        m1 = c.code(c.batteryMaker, 'M', 11);
        m2 = c.code(c.batteryMaker, 'M', 12);
        p2 = c.code(c.batteryMaker, 'P', 2);
        p3 = c.code(c.batteryMaker, 'P', 3);
        p4 = c.code(c.batteryMaker, 'P', 4);
    }

    static Scenario run(Consortium c) {
        Scenario s = new Scenario(c);
        s.produceAndSell();
        s.endOfLife();
        s.recycledContent();
        return s;
    }

    List<String> codes() {
        return List.of(p1, m1, m2, p2, p3);
    }

    void produceAndSell() {
        Map<String, List<String>> units = new LinkedHashMap<>();
        units.put(m1, List.of());
        units.put(m2, List.of());
        units.put(p1, List.of(m1, m2));
        units.put(p2, List.of());
        units.put(p3, List.of());
        c.submit(c.batteryMaker, Transactions.REGISTER_UNITS, c.registerRequest(units));
        c.submit(c.batteryMaker, Transactions.SHIP, c.request("code", p1));
        String shipP2 = c.request("code", p2);
        c.submit(c.batteryMaker, Transactions.SHIP, shipP2);
        c.submit(c.batteryMaker, Transactions.SHIP, shipP2); // a retry: Replayed, changes nothing
        c.submit(c.batteryMaker, Transactions.SHIP, c.request("code", p3));
        c.handOver(c.batteryMaker, c.automaker, p1, p2);
        c.submit(c.automaker, Transactions.INSTALL, c.request("code", p1, "vin", vin1, "maxPacks", 1));
        c.submit(c.automaker, Transactions.SELL, c.request("vin", vin1));
        c.submit(c.automaker, Transactions.INSTALL, c.request("code", p2, "vin", vin2, "maxPacks", 1));
        c.submit(c.batteryMaker, Transactions.OFFER_HANDOVER, c.request("codes", List.of(p3), "to", c.automaker.id()));
    }

    void recycledContent() {
        c.submit(c.batteryMaker, Transactions.REGISTER_UNITS, c.request("units", List.of(Map.of("code", p4,
                "spec", Map.of("model", MODEL, "placeOfManufacture", PLANT)))));
        c.submit(c.batteryMaker, Transactions.SHIP, c.request("code", p4));
        c.submit(c.batteryMaker, Transactions.DECLARE_RECYCLED_CONTENT, c.request("model", MODEL, "plant", PLANT,
                "year", 2026, "shares", Map.of("CO", share(300, 900), "NI", share(100, 200)),
                "documentHash", "1".repeat(64)));
        c.submit(c.batteryMaker, Transactions.DECLARE_RECYCLED_CONTENT, c.request("model", MODEL, "plant", PLANT,
                "year", 2026, "shares", Map.of("CO", share(400, 1_300)), "documentHash", "2".repeat(64)));
    }

    private static Map<String, Integer> share(int pre, int post) {
        return Map.of("preConsumerBasisPoints", pre, "postConsumerBasisPoints", post);
    }

    void endOfLife() {
        c.submit(c.dismantler, Transactions.SCRAP_VEHICLE,
                c.request("vin", vin1, "presentCodes", List.of(p1), "certificateNumber", "SCRAP-1"));
        c.submit(c.dismantler, Transactions.REMOVE, c.request("code", p1));
        c.submit(c.dismantler, Transactions.COLLECT, c.request("code", p1));
        c.submit(c.dismantler, Transactions.DECLARE_WASTE, c.request("code", p1, "reason", "crushed"));
        c.handOver(c.dismantler, c.recycler, p1);
        c.submit(c.recycler, Transactions.RECORD_RECYCLING, c.request("batchId", "B-1", "route", "HYDROMETALLURGY",
                "inputs", List.of(Map.of("code", p1, "massGrams", 400_000)),
                "elementsInput", Map.of("LI", 8_000, "CO", 10_000, "NI", 30_000),
                "elementsRecovered", Map.of("LI", 6_000, "CO", 9_500, "NI", 29_000),
                "outputs", List.of(Map.of("name", "black mass", "massGrams", 300_000, "destination", "refinery",
                        "countsAsRecycling", true))));
    }
}
