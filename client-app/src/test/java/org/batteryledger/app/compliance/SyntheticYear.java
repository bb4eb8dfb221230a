package org.batteryledger.app.compliance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.batteryledger.app.compliance.calendar.WorkdayCalendar;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.participant.Certification;
import org.batteryledger.chaincode.participant.CertificationType;
import org.batteryledger.chaincode.participant.Participant;
import org.batteryledger.chaincode.participant.ParticipantStatus;
import org.batteryledger.chaincode.participant.Role;

/**
 * A year of activity for {@code batteries} packs, written straight into the read-model tables with
 * JDBC batches (as the projector would have left them), with the answers every report must give
 * recorded while generating: which events were recorded late, what each automaker and battery
 * maker placed, retired, collected, handed on and recycled, and which units are unaccounted for.
 *
 * <p>Per pack: registered and shipped by its maker; handed to its automaker (0.5 % after two
 * rejected offers; 2 % never answered); installed (10 % recorded late against the 15-working-day
 * Art. 9 clock) and sold. 12 % are scrapped and removed by a dismantler (5 % late); 80 % of those
 * collected at a collection point, then handed to a certified recycler (70 %, 60 % of which are
 * recycled in batches of 50), a cascade operator (10 %) or a repairer (2 %, a diversion); 1 % of
 * the rest lose their pack to a replacement without a new one. Every figure comes from a seeded
 * random generator, so a run is repeatable.
 *
 * <p>Recycled content (EU 2023/1542 Art. 8): each maker makes two models at its own plant, pack
 * {@code i} being model {@code (i / MAKERS) % 2}; every maker declares its first model and makers 0
 * and 1 their second, with shares fixed by the maker's index, so the other two second models are
 * NOT DECLARED. This part uses no random numbers (see {@link #recycledContent(Connection)}).
 */
final class SyntheticYear {
    static final int YEAR = 2026;
    static final int MAKERS = 4;
    static final int AUTOMAKERS = 8;
    static final String[] CHEMISTRY = {"NCM", "LFP", "NCM", "LFP"};

    final int batteries;
    final List<String> makers = new ArrayList<>();
    final List<String> automakers = new ArrayList<>();
    final String collector = id(500);
    final String dismantler = id(600);
    final String recycler = id(700);
    final String cascade = id(800);
    final String repairer = id(900);
    private final WorkdayCalendar calendar;
    private final SplittableRandom random;
    private final OffsetDateTime periodEnd = LocalDate.of(YEAR + 1, 1, 1).atStartOfDay().atOffset(Period.CHINA);

    // ------------------------------------------------ the known answers
    /** (participant, action) → [units, late]. */
    final Map<List<String>, long[]> deadlines = new TreeMap<>(SyntheticYear::compare);
    /** automaker → the ten producer-responsibility figures, in report column order. */
    final Map<String, long[]> automakerFigures = new TreeMap<>();
    final Map<String, long[]> makerFigures = new TreeMap<>();
    /** maker|model|material → [pre bp, post bp, total bp, packs placed, meets the 2031 minimum (1/0)]. */
    final Map<String, long[]> recycledContent = new TreeMap<>();
    /** maker|model → packs placed without a declaration. */
    final Map<String, Long> notDeclared = new TreeMap<>();
    /** recycler|chemistry → [batches, input grams, recycling grams]. */
    final Map<String, long[]> efficiency = new TreeMap<>();
    long late;
    long diverted;
    long vehiclesWithoutPack;
    long pendingStuck;
    long retiredNotCollected;
    long repeated;
    long events;

    // ------------------------------------------------ rows being written
    private final Map<List<Object>, long[]> clocks = new HashMap<>();
    private final Map<List<Object>, long[]> flows = new HashMap<>();
    private final Map<List<Object>, long[]> stock = new HashMap<>();
    private long eventCounter;
    private final List<Object[]> batch = new ArrayList<>();
    private PreparedStatement unitEvent;
    private Connection connection;

    SyntheticYear(int batteries, long seed, WorkdayCalendar calendar) {
        this.batteries = batteries;
        this.calendar = calendar;
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < MAKERS; i++) {
            makers.add(id(100 + i));
            makerFigures.put(makers.get(i), new long[10]);
        }
        for (int i = 0; i < AUTOMAKERS; i++) {
            automakers.add(id(200 + i));
            automakerFigures.put(automakers.get(i), new long[10]);
        }
    }

    private static int compare(List<String> a, List<String> b) {
        return String.join("|", a).compareTo(String.join("|", b));
    }

    static String id(int n) {
        return String.format("91%016d", n);
    }

    /** Writes everything; returns this with its answers. */
    SyntheticYear load(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            connection = c;
            c.setAutoCommit(false);
            participants(c);
            unitEvent = c.prepareStatement("INSERT INTO rm_unit_event (block_number, tx_index, code, tx_id, action,"
                    + " from_status, to_status, participant, role, counterparty, occurred_at, recorded_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            PreparedStatement unit = c.prepareStatement("INSERT INTO rm_unit (code, level, form, manufacturer_code,"
                    + " battery_type, status, eu_status, holder, responsible, responsible_basis, vin, parent, pending_to,"
                    + " registered_by, production_date, registered_at, updated_at, last_action, last_tx_id,"
                    + " last_block, unit_json, eu_unique_id, mass_grams, passport_gaps, placed_at)"
                    + " VALUES (?, 'PACK', 'STANDARD', ?, ?, ?, 'ORIGINAL', ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " '{}', NULL, 350000, 'euUniqueId', ?)");
            PreparedStatement vehicle = c.prepareStatement("INSERT INTO rm_vehicle (vin, automaker, max_packs, packs,"
                    + " sold_at, scrapped_at, scrapped_by, updated_at, vehicle_json, pack_count)"
                    + " VALUES (?, ?, 1, ?, ?, ?, ?, ?, '{}', ?)");
            List<String> recyclable = new ArrayList<>();
            List<OffsetDateTime> recyclableAt = new ArrayList<>();
            int pendingUnits = 0;
            for (int i = 0; i < batteries; i++) {
                String code = String.format("A%02dPE%07dQ1E%09d", i % MAKERS, 0, i);
                String maker = makers.get(i % MAKERS);
                String auto = automakers.get((i / MAKERS) % AUTOMAKERS);
                String chem = CHEMISTRY[i % MAKERS];
                String vin = String.format("LSV%014d", i);
                long[] mk = makerFigures.get(maker);
                long[] am = automakerFigures.get(auto);
                LocalDate d0 = LocalDate.of(YEAR, 1, 2).plusDays(random.nextInt(300));
                event(code, "REGISTER_UNITS", null, "PRODUCED", maker, "BATTERY_MAKER", d0, d0, maker, maker);
                event(code, "SHIP", "PRODUCED", "IN_STOCK", maker, "BATTERY_MAKER", d0, d0, maker, maker);
                mk[0]++;
                String status;
                String holder;
                String responsible = maker;
                String pendingTo = null;
                LocalDate last = d0;
                String lastAction = "SHIP";
                LocalDate placed = d0;
                String packs = "";
                OffsetDateTime soldAt = null;
                OffsetDateTime scrappedAt = null;
                if (random.nextInt(1000) < 5) {
                    for (int k = 0; k < 2; k++) {
                        event(code, "OFFER_HANDOVER", "IN_STOCK", "IN_STOCK", maker, "BATTERY_MAKER", d0, d0, maker,
                                maker);
                        event(code, "REJECT_HANDOVER", "IN_STOCK", "IN_STOCK", auto, "AUTOMAKER", d0, d0, maker,
                                maker);
                    }
                    repeated++;
                }
                LocalDate d1 = d0.plusDays(1);
                event(code, "OFFER_HANDOVER", "IN_STOCK", "IN_STOCK", maker, "BATTERY_MAKER", d1, d1, maker, maker);
                if (random.nextInt(100) < 2) {
                    status = "IN_STOCK";
                    holder = maker;
                    pendingTo = auto;
                    lastAction = "OFFER_HANDOVER";
                    last = d1;
                    if (at(d1, 15).isBefore(periodEnd.minusDays(30))) {
                        pendingStuck++;
                        mk[9]++;
                    }
                    pendingUnits++;
                } else {
                    event(code, "ACCEPT_HANDOVER", "IN_STOCK", "IN_STOCK", auto, "AUTOMAKER", d1, d1, maker, maker);
                    LocalDate t1 = d1.plusDays(1 + random.nextInt(10));
                    LocalDate rec = clocked(code, "INSTALL", "IN_STOCK", "INSTALLED", auto, "AUTOMAKER", t1, 15, 10,
                            auto, maker);
                    am[0]++;
                    responsible = auto;
                    packs = code;
                    LocalDate sold = rec.plusDays(1);
                    event(code, "SELL", "INSTALLED", "IN_USE", auto, "AUTOMAKER", sold, sold, auto, maker);
                    soldAt = at(sold, 10);
                    status = "IN_USE";
                    holder = auto;
                    last = sold;
                    lastAction = "SELL";
                    int fate = random.nextInt(1000);
                    if (fate < 120) {
                        LocalDate t2 = min(sold.plusDays(30 + random.nextInt(170)), LocalDate.of(YEAR, 12, 20));
                        clocked(code, "SCRAP_VEHICLE", "IN_USE", "IN_USE", dismantler, "DISMANTLER", t2, 15, 0, auto,
                                maker);
                        LocalDate rr = clocked(code, "REMOVE", "IN_USE", "REMOVED", dismantler, "DISMANTLER", t2, 15, 5,
                                auto, maker);
                        scrappedAt = at(t2, 10);
                        packs = "";
                        am[2]++;
                        mk[2]++;
                        status = "REMOVED";
                        holder = dismantler;
                        last = rr;
                        lastAction = "REMOVE";
                        if (random.nextInt(100) < 80) {
                            // handed to the collection point, which collects it
                            clocked(code, "OFFER_HANDOVER", "REMOVED", "REMOVED", dismantler, "DISMANTLER", rr, 15, 0,
                                    auto, maker);
                            event(code, "ACCEPT_HANDOVER", "REMOVED", "COLLECTED", collector, "COLLECTION_POINT", rr,
                                    rr, auto, maker);
                            LocalDate t3 = rr.plusDays(1 + random.nextInt(5));
                            LocalDate rc = clocked(code, "COLLECT", "COLLECTED", "COLLECTED", collector,
                                    "COLLECTION_POINT", t3, 30, 0, auto, maker);
                            if (t3.getYear() == YEAR) {
                                am[3]++;
                                mk[3]++;
                            }
                            status = "COLLECTED";
                            holder = collector;
                            last = rc;
                            lastAction = "COLLECT";
                            int next = random.nextInt(100);
                            if (next < 82) {
                                String to = next < 70 ? recycler : next < 80 ? cascade : repairer;
                                String role = next < 70 ? "RECYCLER" : next < 80 ? "CASCADE_OPERATOR" : "REPAIRER";
                                String after = next < 70 ? "AT_RECYCLER" : next < 80 ? "AT_CASCADE_OPERATOR"
                                        : "COLLECTED";
                                LocalDate t4 = min(rc.plusDays(1 + random.nextInt(10)), LocalDate.of(YEAR, 12, 31));
                                clocked(code, "OFFER_HANDOVER", "COLLECTED", "COLLECTED", collector, "COLLECTION_POINT",
                                        t4, 30, 0, auto, maker);
                                LocalDate ra = to.equals(recycler)
                                        ? clocked(code, "ACCEPT_HANDOVER", "COLLECTED", after, to, role, t4, 30, 0, auto,
                                                maker)
                                        : event(code, "ACCEPT_HANDOVER", "COLLECTED", after, to, role, t4, t4, auto,
                                                maker);
                                status = after;
                                holder = to;
                                last = ra;
                                lastAction = "ACCEPT_HANDOVER";
                                int slot = next < 70 ? 4 : next < 80 ? 5 : 8;
                                am[slot]++;
                                mk[slot]++;
                                if (slot == 8) {
                                    diverted++;
                                }
                                if (slot == 4 && random.nextInt(100) < 60 && ra.isBefore(LocalDate.of(YEAR, 12, 1))) {
                                    recyclable.add(code + "|" + auto + "|" + maker + "|" + chem);
                                    recyclableAt.add(at(ra, 10));
                                }
                            }
                        } else if (at(rr, 15).isBefore(periodEnd.minusDays(30))) {
                            retiredNotCollected++;
                            am[7]++;
                            mk[7]++;
                        }
                    } else if (fate < 130) {
                        LocalDate t2 = min(sold.plusDays(10 + random.nextInt(100)), LocalDate.of(YEAR, 12, 20));
                        LocalDate rr = clocked(code, "REPLACE", "IN_USE", "REMOVED", auto, "AUTOMAKER", t2, 30, 0, auto,
                                maker);
                        am[2]++;
                        mk[2]++;
                        packs = "";
                        if (at(rr, 15).isBefore(periodEnd)) {
                            vehiclesWithoutPack++; // judged as of the end of the period
                        }
                        status = "REMOVED";
                        holder = auto;
                        last = rr;
                        lastAction = "REPLACE";
                        if (at(rr, 15).isBefore(periodEnd.minusDays(30))) {
                            retiredNotCollected++;
                            am[7]++;
                            mk[7]++;
                        }
                    } else {
                        am[1]++;
                        mk[1]++;
                    }
                    vehicle.setString(1, vin);
                    vehicle.setString(2, auto);
                    vehicle.setString(3, packs);
                    vehicle.setObject(4, soldAt);
                    vehicle.setObject(5, scrappedAt);
                    vehicle.setString(6, scrappedAt == null ? null : dismantler);
                    vehicle.setObject(7, at(last, 15));
                    vehicle.setInt(8, packs.isEmpty() ? 0 : 1);
                    vehicle.addBatch();
                }
                boolean pending = pendingTo != null;
                LocalDate since = pending || status.equals("REMOVED") ? last : LocalDate.EPOCH;
                stock.computeIfAbsent(List.of(responsible, maker, status, true, pending, since), k -> new long[1])[0]++;
                unit.setString(1, code);
                unit.setString(2, code.substring(0, 3));
                unit.setString(3, chem);
                unit.setString(4, status);
                unit.setString(5, holder);
                unit.setString(6, responsible);
                unit.setString(7, responsible.equals(maker) ? "BATTERY_MAKER" : "AUTOMAKER");
                unit.setString(8, packs.isEmpty() ? null : vin);
                unit.setString(9, pendingTo);
                unit.setString(10, maker);
                unit.setObject(11, d0);
                unit.setObject(12, at(d0, 10));
                unit.setObject(13, at(last, 15));
                unit.setString(14, lastAction);
                unit.setString(15, "tx-" + eventCounter);
                unit.setLong(16, eventCounter / 50);
                unit.setObject(17, at(placed, 10));
                unit.addBatch();
                if (i % 5_000 == 4_999) {
                    unit.executeBatch();
                    vehicle.executeBatch();
                    flushEvents();
                    c.commit();
                }
            }
            unit.executeBatch();
            vehicle.executeBatch();
            recycle(c, recyclable, recyclableAt);
            flushEvents();
            activity(c);
            blocks(c);
            recycledContent(c);
            c.commit();
            unitEvent.close();
            unit.close();
            vehicle.close();
            assert pendingUnits >= 0;
        }
        late = deadlines.values().stream().mapToLong(v -> v[1]).sum();
        return this;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    static OffsetDateTime at(LocalDate d, int hour) {
        return d.atTime(LocalTime.of(hour, 0)).atOffset(Period.CHINA);
    }

    /** An event under a deadline: recorded on time, or late with probability {@code latePerCent}. */
    private LocalDate clocked(String code, String action, String from, String to, String participant, String role,
            LocalDate trigger, int workingDays, int latePerCent, String responsible, String maker) {
        LocalDate due = calendar.addWorkingDays(trigger, workingDays);
        boolean isLate = random.nextInt(100) < latePerCent;
        LocalDate recorded;
        if (isLate) {
            recorded = due.plusDays(1 + random.nextInt(10));
        } else {
            long span = due.toEpochDay() - trigger.toEpochDay();
            recorded = trigger.plusDays(random.nextLong(span + 1)); // the due date itself is on time
        }
        if (trigger.getYear() == YEAR) { // the report counts events by their trigger date
            long[] d = deadlines.computeIfAbsent(List.of(participant, action), k -> new long[2]);
            d[0]++;
            d[1] += isLate ? 1 : 0;
        }
        return event(code, action, from, to, participant, role, trigger, recorded, responsible, maker);
    }

    private LocalDate event(String code, String action, String from, String to, String participant, String role,
            LocalDate trigger, LocalDate recorded, String responsible, String maker) {
        long n = eventCounter++;
        events++;
        batch.add(new Object[] {n / 50, (int) (n % 50), code, "tx-" + n, action, from == null ? to : from, to,
            participant, role, null, at(trigger, 10), at(recorded, 15)});
        boolean receipt = action.equals("ACCEPT_HANDOVER");
        for (long[] a : List.of(clocks.computeIfAbsent(List.of(participant, role, action, trigger, recorded),
                k -> new long[] {0, n / 50, n / 50}), flows.computeIfAbsent(List.of(responsible, maker,
                        receipt ? participant : "", receipt ? role : "", action, to, trigger),
                        k -> new long[] {0, n / 50, n / 50}))) {
            a[0]++;
            a[1] = Math.min(a[1], n / 50);
            a[2] = Math.max(a[2], n / 50);
        }
        if (batch.size() >= 10_000) {
            try {
                flushEvents();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return recorded;
    }

    private void flushEvents() throws SQLException {
        for (Object[] r : batch) {
            for (int i = 0; i < r.length; i++) {
                unitEvent.setObject(i + 1, r[i]);
            }
            unitEvent.addBatch();
        }
        unitEvent.executeBatch();
        batch.clear();
    }

    private void recycle(Connection c, List<String> units, List<OffsetDateTime> at) throws SQLException {
        PreparedStatement b = c.prepareStatement("INSERT INTO rm_recycling_batch (batch_id, recycler, route,"
                + " input_mass_grams, output_mass_grams, recycling_mass_grams, recycling_efficiency_bp, occurred_at,"
                + " recorded_at, tx_id, batch_json, chemistry, declared_mass_grams) VALUES (?, ?, 'HYDROMETALLURGY', ?,"
                + " ?, ?, ?, ?, ?, ?, '{}', ?, ?)");
        PreparedStatement el = c.prepareStatement("INSERT INTO rm_recycling_element (batch_id, element, input_grams,"
                + " recovered_grams) VALUES (?, ?, ?, ?)");
        PreparedStatement in = c.prepareStatement("INSERT INTO rm_recycling_input (batch_id, code, mass_grams,"
                + " battery_type) VALUES (?, ?, 350000, ?)");
        Map<String, List<Integer>> byChem = new TreeMap<>();
        for (int i = 0; i < units.size(); i++) {
            byChem.computeIfAbsent(units.get(i).split("\\|")[3], k -> new ArrayList<>()).add(i);
        }
        int batchNo = 0;
        for (Map.Entry<String, List<Integer>> e : byChem.entrySet()) {
            List<Integer> idx = e.getValue();
            for (int from = 0; from < idx.size(); from += 50) {
                List<Integer> part = idx.subList(from, Math.min(idx.size(), from + 50));
                String id = "SB-" + batchNo++;
                OffsetDateTime when = at.get(part.get(part.size() - 1)).plusDays(5);
                LocalDate day = when.toLocalDate();
                long input = 350_000L * part.size();
                long recycling = input * (6000 + random.nextInt(2000)) / 10_000;
                for (int k : part) {
                    String[] u = units.get(k).split("\\|");
                    LocalDate rec = clocked(u[0], "RECORD_RECYCLING", "AT_RECYCLER", "RECYCLED", recycler, "RECYCLER",
                            day, 30, 0, u[1], u[2]);
                    assert rec != null;
                    stock.get(List.of(u[1], u[2], "AT_RECYCLER", true, false, LocalDate.EPOCH))[0]--;
                    stock.computeIfAbsent(List.of(u[1], u[2], "RECYCLED", true, false, LocalDate.EPOCH),
                            x -> new long[1])[0]++;
                    automakerFigures.get(u[1])[6]++;
                    makerFigures.get(u[2])[6]++;
                    in.setString(1, id);
                    in.setString(2, u[0]);
                    in.setString(3, e.getKey());
                    in.addBatch();
                }
                b.setString(1, id);
                b.setString(2, recycler);
                b.setLong(3, input);
                b.setLong(4, recycling);
                b.setLong(5, recycling);
                b.setInt(6, (int) (recycling * 10_000 / input));
                b.setObject(7, when);
                b.setObject(8, when);
                b.setString(9, "tx-batch-" + id);
                b.setString(10, e.getKey());
                b.setLong(11, input); // every unit declares 350 kg and weighs 350 kg
                b.addBatch();
                for (String element : List.of("LI", "CO", "NI")) {
                    el.setString(1, id);
                    el.setString(2, element);
                    el.setLong(3, 10_000L * part.size());
                    el.setLong(4, 9_000L * part.size());
                    el.addBatch();
                }
                long[] f = efficiency.computeIfAbsent(recycler + "|" + e.getKey(), k -> new long[3]);
                f[0]++;
                f[1] += input;
                f[2] += recycling;
            }
        }
        b.executeBatch();
        el.executeBatch();
        in.executeBatch();
        c.createStatement().executeUpdate("UPDATE rm_unit SET status = 'RECYCLED' WHERE code IN (SELECT code FROM"
                + " rm_recycling_input)");
    }

    static String model(int maker, int k) {
        return "SY-" + maker + (k == 0 ? "-A" : "-B");
    }

    static String plant(int maker) {
        return "Plant " + maker + ", China";
    }

    /**
     * The recycled-content declarations and the packs placed per model (all of them, shipped in
     * {@link #YEAR}, made that year), with their answers. Deterministic: the bench calls it on a
     * database loaded before these tables existed.
     */
    void recycledContent(Connection c) throws SQLException {
        long[][] placed = new long[MAKERS][2];
        for (int i = 0; i < batteries; i++) {
            placed[i % MAKERS][(i / MAKERS) % 2]++;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO rm_model_placed (maker, model, plant,"
                + " production_year, packs) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement d = c.prepareStatement("INSERT INTO rm_recycled_content (maker, model, plant,"
                        + " production_year, material, pre_consumer_bp, post_consumer_bp, total_bp, document_hash,"
                        + " revision, occurred_at, recorded_at, tx_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)")) {
            for (int m = 0; m < MAKERS; m++) {
                for (int k = 0; k < 2; k++) {
                    String maker = makers.get(m);
                    String model = model(m, k);
                    p.setString(1, maker);
                    p.setString(2, model);
                    p.setString(3, plant(m));
                    p.setInt(4, YEAR);
                    p.setLong(5, placed[m][k]);
                    p.addBatch();
                    Map<String, int[]> shares = new TreeMap<>();
                    if (k == 0) {
                        shares.put("CO", new int[] {100 * (m + 1), 1_000 + 200 * m}); // 11 %, 14 %, 17 %, 20 %
                        shares.put("LI", new int[] {50, 500 + 50 * m}); // 5.5 %, 6 %, 6.5 %, 7 %
                    } else if (m < 2) {
                        shares.put("NI", new int[] {300, 200 + 100 * m}); // 5 %, 6 %
                    } else {
                        notDeclared.put(maker + "|" + model, placed[m][k]);
                    }
                    for (Map.Entry<String, int[]> s : shares.entrySet()) {
                        int pre = s.getValue()[0];
                        int post = s.getValue()[1];
                        int minimum2031 = switch (s.getKey()) {
                            case "CO" -> 1_600;
                            default -> 600; // LI and NI
                        };
                        recycledContent.put(maker + "|" + model + "|" + s.getKey(), new long[] {pre, post, pre + post,
                            placed[m][k], pre + post >= minimum2031 ? 1 : 0});
                        OffsetDateTime at = at(LocalDate.of(YEAR, 12, 1), 10);
                        d.setString(1, maker);
                        d.setString(2, model);
                        d.setString(3, plant(m));
                        d.setInt(4, YEAR);
                        d.setString(5, s.getKey());
                        d.setInt(6, pre);
                        d.setInt(7, post);
                        d.setInt(8, pre + post);
                        d.setString(9, String.format("%064x", m * 2 + k));
                        d.setObject(10, at);
                        d.setObject(11, at);
                        d.setString(12, "tx-rc-" + m + "-" + k);
                        d.addBatch();
                    }
                }
            }
            p.executeBatch();
            d.executeBatch();
        }
    }

    private void activity(Connection c) throws SQLException {
        insertAggregate(c, "INSERT INTO rm_clock_day (participant, role, action, occurred_day, recorded_day, units,"
                + " first_block, last_block) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", clocks, true);
        insertAggregate(c, "INSERT INTO rm_flow_day (responsible, registered_by, participant, role, action, to_status,"
                + " occurred_day, units, first_block, last_block) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", flows, true);
        insertAggregate(c, "INSERT INTO rm_stock (responsible, registered_by, status, top_level, pending, since_day,"
                + " units) VALUES (?, ?, ?, ?, ?, ?, ?)", stock, false);
    }

    private static void insertAggregate(Connection c, String sql, Map<List<Object>, long[]> rows, boolean blocks)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int n = 0;
            for (Map.Entry<List<Object>, long[]> e : rows.entrySet()) {
                int k = e.getKey().size();
                for (int i = 0; i < k; i++) {
                    ps.setObject(i + 1, e.getKey().get(i));
                }
                ps.setLong(k + 1, e.getValue()[0]);
                if (blocks) {
                    ps.setLong(k + 2, e.getValue()[1]);
                    ps.setLong(k + 3, e.getValue()[2]);
                }
                ps.addBatch();
                if (++n % 10_000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private void blocks(Connection c) throws SQLException {
        long last = (eventCounter - 1) / 50;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rm_block (block_number, block_hash, events)"
                + " VALUES (?, ?, 50)")) {
            for (long b = 0; b <= last; b++) {
                ps.setLong(1, b);
                ps.setString(2, String.format("%064x", b * 2654435761L));
                ps.addBatch();
                if (b % 10_000 == 9_999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        c.createStatement().executeUpdate("MERGE INTO rm_checkpoint (projector, block_number) KEY (projector)"
                + " VALUES ('readmodel', " + last + ")");
    }

    private void participants(Connection c) throws SQLException {
        List<Participant> all = new ArrayList<>();
        makers.forEach(m -> all.add(participant(m, Role.BATTERY_MAKER)));
        automakers.forEach(a -> all.add(participant(a, Role.AUTOMAKER)));
        all.add(participant(collector, Role.COLLECTION_POINT));
        all.add(participant(dismantler, Role.DISMANTLER));
        all.add(participant(recycler, Role.RECYCLER));
        all.add(participant(cascade, Role.CASCADE_OPERATOR));
        all.add(participant(repairer, Role.REPAIRER));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rm_participant (id, name, roles, msp_id, status,"
                + " registered_at, updated_at, participant_json) VALUES (?, ?, ?, ?, 'ACTIVE', NULL, NULL, ?)")) {
            for (Participant p : all) {
                ps.setString(1, p.id());
                ps.setString(2, p.name());
                ps.setString(3, p.roles().get(0).name());
                ps.setString(4, p.mspId());
                ps.setString(5, Json.string(p));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Participant participant(String id, Role role) {
        List<Certification> certs = new ArrayList<>();
        for (CertificationType t : CertificationType.requiredFor(role)) {
            certs.add(new Certification(t, t.name() + "-" + id, "MIIT", LocalDate.of(2020, 1, 1),
                    LocalDate.of(2030, 12, 31)));
        }
        return new Participant(id, role.name() + " " + id.substring(14), List.of(role), role.name() + "MSP", List.of(),
                certs, ParticipantStatus.ACTIVE, null, null, null);
    }

    /** Report rows keyed by company for the producer-responsibility comparison. */
    Map<String, long[]> expected(ProducerPerspective p) {
        return p == ProducerPerspective.AUTOMAKER ? automakerFigures : makerFigures;
    }

    enum ProducerPerspective {
        AUTOMAKER,
        BATTERY_MAKER
    }

    @SuppressWarnings("unused")
    private Connection connection() {
        return connection;
    }
}
