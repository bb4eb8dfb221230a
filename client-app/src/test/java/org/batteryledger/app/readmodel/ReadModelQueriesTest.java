package org.batteryledger.app.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.batteryledger.app.ledger.TestkitLedger;
import org.batteryledger.app.outbox.Consortium;
import org.batteryledger.app.outbox.TestDb;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.unit.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches, counts and timelines over a read model filled by the projector. */
class ReadModelQueriesTest {
    @TempDir
    Path dir;
    TestDb db;
    Consortium c;
    ReadModelProjector projector;
    ReadModelQueries queries;
    /** Twelve packs, registered four per transaction. */
    final List<String> packs = new ArrayList<>();
    final String vin = Consortium.vin(7);

    @BeforeEach
    void setUp() {
        db = new TestDb(dir, "app");
        TestkitLedger ledger = new TestkitLedger();
        c = Consortium.on(ledger);
        projector = new ReadModelProjector(db.dataSource(), ledger);
        projector.start();
        queries = new ReadModelQueries(db.dataSource());
        for (int batch = 0; batch < 3; batch++) {
            Map<String, List<String>> units = new LinkedHashMap<>();
            for (int i = 1; i <= 4; i++) {
                String code = c.code(c.batteryMaker, 'P', batch * 4 + i);
                packs.add(code);
                units.put(code, List.of());
            }
            c.submit(c.batteryMaker, Transactions.REGISTER_UNITS, c.registerRequest(units));
        }
        for (int i = 0; i < 5; i++) {
            c.submit(c.batteryMaker, Transactions.SHIP, c.request("code", packs.get(i)));
        }
        c.handOver(c.batteryMaker, c.automaker, packs.get(0), packs.get(1), packs.get(2));
        c.submit(c.automaker, Transactions.INSTALL, c.request("code", packs.get(0), "vin", vin, "maxPacks", 1));
    }

    @AfterEach
    void tearDown() throws Exception {
        projector.stop();
        db.close();
    }

    @Test
    void searchesPageThroughEveryMatchInCodeOrder() {
        UnitFilter makers = UnitFilter.any().holder(c.batteryMaker.id());

        UnitPage first = queries.search(makers, null, 4);
        UnitPage second = queries.search(makers, first.next(), 4);
        UnitPage third = queries.search(makers, second.next(), 4);

        assertThat(first.items()).hasSize(4);
        assertThat(first.next()).isEqualTo(first.items().get(3).code());
        assertThat(second.items()).hasSize(4);
        assertThat(third.items()).hasSize(1);
        assertThat(third.next()).isNull();
        List<String> all = new ArrayList<>();
        List.of(first, second, third).forEach(p -> p.items().forEach(u -> all.add(u.code())));
        assertThat(all).isSorted().doesNotHaveDuplicates().containsExactlyElementsOf(packs.subList(3, 12));
        assertThat(queries.count(makers)).isEqualTo(9);
    }

    @Test
    void searchesFilterByStatusResponsibleVinAndRegistrationTime() {
        assertThat(codes(UnitFilter.any().status(Status.IN_STOCK))).containsExactly(packs.get(1), packs.get(2),
                packs.get(3), packs.get(4));
        assertThat(codes(UnitFilter.any().responsible(c.automaker.id()))).containsExactly(packs.get(0));
        assertThat(codes(UnitFilter.any().vin(vin))).containsExactly(packs.get(0));
        assertThat(codes(UnitFilter.any().holder(c.automaker.id()).status(Status.IN_STOCK)))
                .containsExactly(packs.get(1), packs.get(2));

        Instant second = queries.summary(packs.get(4)).orElseThrow().registeredAt();
        Instant third = queries.summary(packs.get(8)).orElseThrow().registeredAt();
        assertThat(codes(UnitFilter.any().registered(second, third))).containsExactlyElementsOf(packs.subList(4, 8));
        assertThat(codes(UnitFilter.any().registered(third, null))).containsExactlyElementsOf(packs.subList(8, 12));
    }

    @Test
    void pageSizesAreBounded() {
        assertThatThrownBy(() -> queries.search(UnitFilter.any(), null, ReadModelQueries.MAX_PAGE + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("500");
        assertThatThrownBy(() -> queries.search(UnitFilter.any(), null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(queries.search(UnitFilter.any(), null, ReadModelQueries.MAX_PAGE).items()).hasSize(12);
    }

    @Test
    void countsByStatusOverallAndPerResponsibleParty() {
        Map<Status, Long> all = queries.countByStatus();
        Map<Status, Long> automaker = queries.countByStatus(c.automaker.id());

        assertThat(all).containsEntry(Status.PRODUCED, 7L).containsEntry(Status.IN_STOCK, 4L)
                .containsEntry(Status.INSTALLED, 1L).containsEntry(Status.RECYCLED, 0L);
        assertThat(automaker).containsEntry(Status.INSTALLED, 1L).containsEntry(Status.IN_STOCK, 0L);
        assertThat(queries.countByResponsibleAndStatus()).containsOnlyKeys(c.batteryMaker.id(), c.automaker.id());
        assertThat(queries.countByResponsibleAndStatus().get(c.batteryMaker.id()))
                .containsEntry(Status.PRODUCED, 7L).containsEntry(Status.IN_STOCK, 4L);
    }

    @Test
    void countsByHolderByResponsibleAndByBothCountEachUnitOnce() {
        // The automaker holds packs 0-2 and answers only for pack 0, which it installed.
        Map<Status, Long> held = queries.countByStatus(UnitScope.HELD, c.automaker.id());
        Map<Status, Long> responsible = queries.countByStatus(UnitScope.RESPONSIBLE, c.automaker.id());
        Map<Status, Long> both = queries.countByStatus(UnitScope.HELD_OR_RESPONSIBLE, c.automaker.id());

        assertThat(held).containsEntry(Status.INSTALLED, 1L).containsEntry(Status.IN_STOCK, 2L);
        assertThat(responsible).containsEntry(Status.INSTALLED, 1L).containsEntry(Status.IN_STOCK, 0L);
        assertThat(both).containsEntry(Status.INSTALLED, 1L).containsEntry(Status.IN_STOCK, 2L);
        assertThat(both.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3L);
    }

    @Test
    void theBatteryMakerAnswersForUnitsItNoLongerHolds() {
        Map<Status, Long> held = queries.countByStatus(UnitScope.HELD, c.batteryMaker.id());
        Map<Status, Long> both = queries.countByStatus(UnitScope.HELD_OR_RESPONSIBLE, c.batteryMaker.id());

        assertThat(held.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(9L);
        assertThat(both.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(11L);
        assertThat(both).isEqualTo(queries.countByStatus(c.batteryMaker.id()));
    }

    @Test
    void recentEventsComeNewestFirstAndEventsByActionInOccurrenceOrder() {
        List<UnitEvent> recent = queries.recentEvents(3);
        List<UnitEvent> ships = queries.eventsByAction("SHIP", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), 3, 0);
        List<UnitEvent> moreShips = queries.eventsByAction("SHIP", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"), 3, 3);

        assertThat(recent).extracting(UnitEvent::action).first().isEqualTo("INSTALL");
        assertThat(recent).extracting(UnitEvent::blockNumber).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(ships).extracting(UnitEvent::code).containsExactlyElementsOf(packs.subList(0, 3));
        assertThat(moreShips).extracting(UnitEvent::code).containsExactlyElementsOf(packs.subList(3, 5));
        assertThat(ships).extracting(UnitEvent::occurredAt).isSorted();
    }

    @Test
    void participantsCanBeFoundByRole() {
        assertThat(queries.participantsWithRole(Role.RECYCLER)).singleElement()
                .extracting(p -> p.id()).isEqualTo(c.recycler.id());
        assertThat(queries.participantsWithRole(Role.IMPORTER)).isEmpty();
    }

    private List<String> codes(UnitFilter filter) {
        return queries.search(filter, null, ReadModelQueries.MAX_PAGE).items().stream().map(UnitSummary::code).toList();
    }
}
