package org.batteryledger.chaincode.properties;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.batteryledger.chaincode.access.Action;
import org.batteryledger.chaincode.code.BatteryCodes;
import org.batteryledger.chaincode.code.Level;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.fixture.Outcome;
import org.batteryledger.chaincode.fixture.Party;
import org.batteryledger.chaincode.json.Json;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.properties.Op.Kind;
import org.batteryledger.chaincode.state.Keys;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.Status;
import org.batteryledger.chaincode.unit.Vehicle;

/**
 * Runs generated {@link Op}s on one fresh {@link LedgerFixture}: resolves each op's indexes
 * against the units and VINs created so far, picks the caller (the plausible one, or anyone),
 * builds a plausible request (now and then a deliberately wrong one) and submits it through the
 * real contract router.
 */
final class LedgerWorld {
    /** A syntactically valid code that is never registered. */
    static final String UNREGISTERED = "A1BPEA1TRACE01" + BatteryCodes.encodeDate(LedgerFixture.PRODUCED_ON) + "9999999";

    /** What one step did. */
    record Step(int index, Op op, Kind kind, Party caller, String request, Outcome outcome) {
        boolean accepted() {
            return outcome.ok();
        }

        @Override
        public String toString() {
            return "#" + index + " " + (op.kind() == Kind.NEXT ? "NEXT->" : "") + kind + " by " + caller.role() + "("
                    + caller.name() + ") " + request + " -> "
                    + (accepted() ? "OK" : outcome.status() + " " + outcome.message());
        }
    }

    final LedgerFixture f;
    final List<Party> parties;
    private final Map<String, Party> byId = new LinkedHashMap<>();
    /** Unit codes that can be targeted: created so far, or a fixed set. */
    final List<String> known = new ArrayList<>();
    final List<String> vins = new ArrayList<>();
    private final List<String> batchIds = new ArrayList<>();
    private final boolean growTargets;
    private final List<Step> trace = new ArrayList<>();
    private int serial;
    private int vinSerial;
    private int batchSerial;
    private int certificateSerial;
    /** The state the current step was chosen from (saves decoding every unit again). */
    private WorldState now;
    /** For a {@link Kind#NEXT} step: the unit (and its VIN) the write was chosen for. */
    private String forcedTarget;
    private String forcedVin;

    LedgerWorld(LedgerFixture f, boolean growTargets) {
        this.f = f;
        this.parties = f.all();
        for (Party p : parties) {
            byId.put(p.id(), p);
        }
        this.growTargets = growTargets;
    }

    /** Participant id to the role it acts in. */
    Map<String, Role> roles() {
        Map<String, Role> out = new LinkedHashMap<>();
        byId.forEach((id, p) -> out.put(id, p.role()));
        return out;
    }

    static LedgerWorld fresh() {
        return new LedgerWorld(LedgerFixture.withConsortium(), true);
    }

    WorldState snapshot() {
        return new WorldState(f.runner.ledger().stateSnapshot());
    }

    /** The last steps, for failure messages. */
    String traceTail(int n) {
        StringBuilder sb = new StringBuilder();
        for (Step s : trace.subList(Math.max(0, trace.size() - n), trace.size())) {
            sb.append("\n  ").append(s);
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ reading the ledger

    /** A unit as committed now, read from the ledger. */
    BatteryUnit unit(String code) {
        if (now != null) {
            return now.unit(code);
        }
        byte[] b = f.runner.ledger().getState(Keys.unit(code));
        return b == null ? null : Json.read(b, BatteryUnit.class);
    }

    Vehicle vehicle(String vin) {
        if (now != null) {
            return now.vehicles.get(vin);
        }
        byte[] b = f.runner.ledger().getState(Keys.vehicle(vin));
        return b == null ? null : Json.read(b, Vehicle.class);
    }

    /** The holder's role may make this write at all. */
    private Predicate<BatteryUnit> holderMay(Action action) {
        return u -> {
            Party h = byId.get(u.holder());
            return h != null && action.allows(h.role());
        };
    }

    private Party holderOf(BatteryUnit u) {
        return u == null ? null : byId.get(u.holder());
    }

    // ------------------------------------------------------------------ picking

    static <T> T pick(List<T> list, int index) {
        return list.isEmpty() ? null : list.get(Math.floorMod(index, list.size()));
    }

    private List<String> candidates(Predicate<BatteryUnit> fits) {
        List<String> out = new ArrayList<>();
        for (String code : known) {
            BatteryUnit u = unit(code);
            if (u != null && fits.test(u)) {
                out.add(code);
            }
        }
        return out;
    }

    /** The target: among fitting units when focused and there are some; else among all known units. */
    private String target(Op op, Predicate<BatteryUnit> fits) {
        if (forcedTarget != null) {
            return forcedTarget;
        }
        if (op.focus()) {
            String c = pick(candidates(fits), op.target());
            if (c != null) {
                return c;
            }
        }
        String any = pick(known, op.target());
        return any == null ? UNREGISTERED : any;
    }

    /** The plausible party when the op says so (and there is one), else any party of the consortium. */
    private Party caller(Op op, Party plausible) {
        return op.plausible() && plausible != null ? plausible : pick(parties, op.caller());
    }

    private Party among(Op op, Party... options) {
        return pick(List.of(options), op.caller());
    }

    private static Predicate<BatteryUnit> free(Status... statuses) {
        List<Status> list = List.of(statuses);
        return u -> !u.isContained() && list.contains(u.status());
    }

    private String code(String prefix, char level) {
        return prefix + level + "EA1TRACE01" + BatteryCodes.encodeDate(LedgerFixture.PRODUCED_ON)
                + String.format("%07d", ++serial);
    }

    // ------------------------------------------------------------------ running

    /** Runs one step; {@code current} is the committed state it starts from (null: read the ledger). */
    Step apply(Op op, WorldState current) {
        now = current;
        try {
            return run(op.kind() == Kind.NEXT ? resolveNext(op) : op, op);
        } finally {
            now = null;
            forcedTarget = null;
            forcedVin = null;
        }
    }

    /**
     * A {@link Kind#NEXT} step: a free, non-terminal unit chosen by {@code op.target()} (half
     * the time among the two furthest along, so that some units get deep), and a
     * write that fits its state chosen by {@code op.choice()} (mostly the one that takes it
     * forward, domain.md §6.2). With no such unit, a registration. With a fixed set of targets
     * (the ended units of the terminal property), any write at all, aimed at one of them.
     */
    private Op resolveNext(Op op) {
        if (!growTargets) {
            Kind kind = Kind.values()[op.choice() % (Kind.values().length - 1)];
            forcedTarget = pick(known, op.target());
            BatteryUnit u = forcedTarget == null ? null : unit(forcedTarget);
            forcedVin = u != null && u.vin() != null ? u.vin() : pick(vins, op.second());
            return new Op(kind, op.plausible(), true, op.caller(), op.target(), op.second(), op.party(), op.variant(),
                    op.amount(), op.choice());
        }
        List<String> free = candidates(u -> !u.isContained() && !u.status().isTerminal());
        if (op.target() % 2 == 0 && free.size() > 2) {
            // every other time, one of the two units furthest along (depth over breadth)
            free.sort(java.util.Comparator.comparing((String c) -> unit(c).status().ordinal()).reversed());
            free = free.subList(0, 2);
        }
        String code = pick(free, op.target() / 2);
        Kind kind = code == null ? Kind.REGISTER : nextFor(unit(code), op.choice());
        forcedTarget = code;
        forcedVin = code == null ? null : unit(code).vin();
        return new Op(kind, op.plausible(), true, op.caller(), op.target(), op.second(), op.party(), op.variant(),
                op.amount(), op.choice());
    }

    private Kind nextFor(BatteryUnit u, int x) {
        if (u.pendingHandover() != null) {
            return x < 70 ? Kind.ACCEPT : x < 85 ? Kind.REJECT : Kind.CANCEL;
        }
        boolean parts = !u.children().isEmpty();
        return switch (u.status()) {
            case PRODUCED -> x < 90 || !parts ? Kind.SHIP : Kind.DISMANTLE;
            case IN_STOCK -> holderMay(Action.INSTALL).test(u) && u.level() == Level.PACK && x < 70 ? Kind.INSTALL
                    : Kind.OFFER;
            case INSTALLED -> x < 85 ? Kind.SELL : Kind.REPLACE;
            case IN_USE -> {
                Vehicle v = u.vin() == null ? null : vehicle(u.vin());
                if (v != null && v.isScrapped()) {
                    yield Kind.REMOVE;
                }
                yield x < 50 ? Kind.SCRAP : x < 65 ? Kind.REPAIR : x < 85 ? Kind.REPLACE : Kind.SWAP;
            }
            case REMOVED -> x < 35 ? Kind.COLLECT : x < 70 ? Kind.OFFER : x < 80 || !parts ? Kind.DECLARE_WASTE
                    : Kind.DISMANTLE;
            case COLLECTED -> x < 65 ? Kind.OFFER : x < 80 || !parts ? Kind.DECLARE_WASTE : Kind.DISMANTLE;
            case AT_CASCADE_OPERATOR -> x < 60 ? Kind.TEST : x < 80 && parts ? Kind.DISMANTLE
                    : x < 90 ? Kind.DECLARE_WASTE : Kind.OFFER;
            case TESTED -> x < 70 ? Kind.REPURPOSE : x < 85 ? Kind.DECLARE_WASTE : x < 95 ? Kind.OFFER : Kind.TEST;
            case CASCADE_PRODUCED -> x < 80 ? Kind.SHIP : Kind.OFFER;
            case IN_SECOND_USE -> Kind.REMOVE;
            case WASTE -> x < 85 || !parts ? Kind.OFFER : Kind.DISMANTLE;
            case AT_RECYCLER -> x < 70 || !parts ? Kind.RECYCLE : Kind.DISMANTLE;
            default -> Kind.OFFER;
        };
    }

    private Step run(Op op, Op generated) {
        Party caller;
        Object request;
        List<String> created = new ArrayList<>();
        String newVin = null;
        String newBatch = null;
        int v = op.variant();
        switch (op.kind()) {
            case REGISTER -> {
                caller = op.plausible() ? among(op, f.batteryMaker, f.otherMaker) : pick(parties, op.caller());
                String prefix = caller.prefixes().isEmpty() ? "A1B"
                        : pick(caller.prefixes(), op.party());
                List<Map<String, Object>> units = new ArrayList<>();
                switch (v) {
                    case 0 -> units.add(newUnit(code(prefix, 'P'), List.of()));
                    case 2 -> {
                        units.add(newUnit(code(prefix, 'P'), List.of()));
                        units.add(newUnit(code(prefix, 'P'), List.of()));
                    }
                    case 3 -> units.add(newUnit(code(prefix, 'M'), List.of()));
                    case 4 -> units.add(newUnit(code(prefix, 'C'), List.of()));
                    case 1, 5, 6 -> {
                        String m1 = code(prefix, 'M');
                        String m2 = code(prefix, 'M');
                        units.add(newUnit(m1, List.of()));
                        units.add(newUnit(m2, List.of()));
                        units.add(newUnit(code(prefix, 'P'), List.of(m1, m2)));
                    }
                    case 7 -> {
                        String me = caller.id();
                        List<String> loose = candidates(u -> u.level() != Level.PACK && u.parent() == null
                                && u.holder().equals(me)
                                && (u.status() == Status.PRODUCED || u.status() == Status.IN_STOCK));
                        List<String> children = new ArrayList<>();
                        String c1 = pick(loose, op.second());
                        if (c1 == null) {
                            c1 = code(prefix, 'C');
                            units.add(newUnit(c1, List.of()));
                        }
                        children.add(c1);
                        String c2 = pick(loose, op.second() + 1);
                        if (op.amount() % 2 == 0 && c2 != null && !c2.equals(c1)) {
                            children.add(c2);
                        }
                        units.add(newUnit(code(prefix, 'P'), children));
                    }
                    case 8 -> {
                        // three levels: a pack of one module of two cells (half the time the module alone)
                        String c1 = code(prefix, 'C');
                        String c2 = code(prefix, 'C');
                        String m = code(prefix, 'M');
                        units.add(newUnit(c1, List.of()));
                        units.add(newUnit(c2, List.of()));
                        units.add(newUnit(m, List.of(c1, c2)));
                        if (op.amount() % 2 == 0) {
                            units.add(newUnit(code(prefix, 'P'), List.of(m)));
                        }
                    }
                    default -> {
                        String wrong = switch (op.amount() % 3) {
                            case 0 -> pick(known, op.target()); // already registered
                            case 1 -> f.cascadeCode(f.cascadeOperator, 'P', ++serial); // cascade form
                            default -> code(caller == f.otherMaker ? "A1B" : "Z9Z", 'P'); // someone else's prefix
                        };
                        if (wrong == null) {
                            wrong = code(prefix, 'P'); // nothing registered yet: the same new code twice
                            units.add(newUnit(wrong, List.of()));
                        }
                        units.add(newUnit(wrong, List.of()));
                    }
                }
                for (Map<String, Object> u : units) {
                    created.add((String) u.get("code"));
                }
                request = f.req("units", units);
            }
            case SHIP -> {
                String code = target(op, free(Status.PRODUCED, Status.CASCADE_PRODUCED).and(holderMay(Action.SHIP)));
                caller = caller(op, holderOf(unit(code)));
                request = f.req("code", code);
            }
            case INSTALL -> {
                String code = target(op, free(Status.IN_STOCK).and(u -> u.level() == Level.PACK).and(holderMay(Action.INSTALL)));
                Party holder = holderOf(unit(code));
                caller = caller(op, holder != null && holder.role() == Role.AUTOMAKER ? holder : f.automaker);
                String vin = null;
                if (v >= 5) {
                    // an existing vehicle: one with room for another pack when focused, else any
                    List<String> room = new ArrayList<>();
                    for (String x : vins) {
                        Vehicle veh = vehicle(x);
                        if (!op.focus() || (veh != null && !veh.isScrapped() && veh.packs().size() < veh.maxPacks())) {
                            room.add(x);
                        }
                    }
                    vin = pick(room, op.second());
                }
                if (vin == null) {
                    vin = LedgerFixture.vin(++vinSerial);
                    newVin = vin;
                }
                request = v % 4 == 1 ? f.req("code", code, "vin", vin, "maxPacks", 2) : f.req("code", code, "vin", vin);
            }
            case SELL -> {
                String vin = vinTarget(op, veh -> veh.soldAt() == null && !veh.isScrapped() && !veh.packs().isEmpty());
                Vehicle veh = vehicle(vin);
                caller = caller(op, veh == null ? f.automaker : byId.get(veh.automaker()));
                request = f.req("vin", vin);
            }
            case REPAIR -> {
                String code = target(op, free(Status.IN_USE));
                caller = caller(op, among(op, f.repairer, f.automaker));
                request = f.req("code", code, "note", "cell balancing");
            }
            case REPLACE, SWAP -> {
                String code = op.kind() == Kind.SWAP ? target(op, free(Status.IN_USE))
                        : target(op, free(Status.IN_USE, Status.INSTALLED));
                caller = caller(op, op.kind() == Kind.SWAP ? f.swapOperator : among(op, f.repairer, f.automaker));
                String replacement = null;
                if (v == 9) {
                    replacement = code; // "must differ from code"
                } else if (v == 8) {
                    replacement = pick(known, op.second()); // anything at all
                } else if (v >= 4) {
                    String me = caller.id();
                    replacement = pick(candidates(free(Status.IN_STOCK, Status.REMOVED)
                            .and(u -> u.level() == Level.PACK && u.holder().equals(me) && u.pendingHandover() == null
                                    && !u.code().equals(code))), op.second());
                }
                request = replacement == null ? f.req("code", code) : f.req("code", code, "replacement", replacement);
            }
            case SCRAP -> {
                String vin = vinTarget(op, veh -> !veh.isScrapped() && !veh.packs().isEmpty());
                Vehicle veh = vehicle(vin);
                caller = caller(op, f.dismantler);
                List<String> present = new ArrayList<>(veh == null ? List.of() : veh.packs());
                if (v == 8) {
                    present.clear();
                } else if (v == 9 && !known.isEmpty()) {
                    String extra = pick(known, op.second());
                    if (!present.contains(extra)) {
                        present.add(extra);
                    }
                }
                request = f.req("vin", vin, "presentCodes", present, "certificateNumber",
                        "SCRAP-" + (++certificateSerial));
            }
            case REMOVE -> {
                String code = target(op, u -> !u.isContained() && (u.status() == Status.IN_SECOND_USE
                        || (u.vin() != null && vehicle(u.vin()) != null && vehicle(u.vin()).isScrapped()))
                        && holderMay(Action.REMOVE).test(u));
                caller = caller(op, holderOf(unit(code)));
                request = f.req("code", code);
            }
            case COLLECT -> {
                String code = target(op, free(Status.REMOVED).and(holderMay(Action.COLLECT)));
                caller = caller(op, holderOf(unit(code)));
                request = f.req("code", code);
            }
            case DECLARE_WASTE -> {
                String code = target(op, free(Status.REMOVED, Status.COLLECTED, Status.AT_CASCADE_OPERATOR,
                        Status.TESTED).and(holderMay(Action.DECLARE_WASTE)));
                caller = caller(op, holderOf(unit(code)));
                request = f.req("code", code, "reason", "swollen cells");
            }
            case DISMANTLE -> {
                String code = target(op, u -> !u.isContained() && !u.status().isTerminal() && !u.children().isEmpty()
                        && u.pendingHandover() == null && holderMay(Action.DISMANTLE).test(u));
                BatteryUnit u = unit(code);
                caller = caller(op, holderOf(u));
                List<String> children = u == null ? List.of() : u.children();
                if (v < 6 || children.isEmpty()) {
                    request = f.req("code", code);
                } else if (v < 8) {
                    request = f.req("code", code, "children", List.of(pick(children, op.second())));
                } else if (v == 8) {
                    request = f.req("code", code, "children", children);
                } else {
                    request = f.req("code", code, "children", List.of(pick(known, op.second()))); // maybe not a child
                }
            }
            case TEST -> {
                String code = target(op, free(Status.AT_CASCADE_OPERATOR, Status.TESTED).and(holderMay(Action.TEST)));
                caller = caller(op, holderOf(unit(code)));
                int soh = v == 0 ? 1001 : op.amount();
                request = f.req("code", code, "result", Map.of("sohPermille", soh, "standard", "GB/T 34015-2017",
                        "cycleCount", op.amount() * 2));
            }
            case REPURPOSE -> {
                String code = target(op, free(Status.TESTED));
                BatteryUnit u = unit(code);
                Party holder = holderOf(u);
                caller = caller(op, holder != null && holder.role() == Role.CASCADE_OPERATOR ? holder
                        : f.cascadeOperator);
                List<String> originals = new ArrayList<>(List.of(code));
                if (v >= 7) {
                    String me = caller.id();
                    String other = pick(candidates(free(Status.TESTED).and(x -> x.holder().equals(me)
                            && !x.code().equals(code))), op.second());
                    if (other != null) {
                        originals.add(other);
                    }
                }
                char level = u == null ? 'P' : u.level().letter();
                String successor = switch (v) {
                    case 0 -> pick(known, op.second()) == null ? UNREGISTERED : pick(known, op.second()); // taken
                    case 1 -> code("A1B", level); // not the operator's prefix
                    default -> caller.prefixes().isEmpty() ? f.cascadeCode(f.cascadeOperator, level, ++serial)
                            : f.cascadeCode(caller, level, ++serial);
                };
                Map<String, Object> spec = v == 2 && op.amount() < 500 ? Map.of() : Map.of("ratedEnergyWh", 1_000 + op.amount() * 10);
                created.add(successor);
                request = f.req("originals", originals, "successor", Map.of("code", successor, "spec", spec),
                        "remanufactured", op.amount() % 2 == 0);
            }
            case OFFER -> {
                String code = target(op, free(Status.IN_STOCK, Status.REMOVED, Status.COLLECTED,
                        Status.AT_CASCADE_OPERATOR, Status.TESTED, Status.WASTE, Status.AT_RECYCLER,
                        Status.CASCADE_PRODUCED).and(u -> u.pendingHandover() == null).and(holderMay(Action.OFFER_HANDOVER)));
                BatteryUnit u = unit(code);
                caller = caller(op, holderOf(u));
                Party to = op.plausible() ? pick(receiversFor(u), op.party()) : pick(parties, op.party());
                List<String> codes = new ArrayList<>(List.of(code));
                if (v >= 8) {
                    String me = caller.id();
                    String other = pick(candidates(u2 -> !u2.isContained() && u2.holder().equals(me)
                            && u2.pendingHandover() == null && !u2.code().equals(code)), op.second());
                    if (other != null) {
                        codes.add(other);
                    }
                }
                request = f.req("codes", codes, "to", to.id());
            }
            case ACCEPT, REJECT -> {
                String code = target(op, u -> u.pendingHandover() != null);
                BatteryUnit u = unit(code);
                caller = caller(op, u == null || u.pendingHandover() == null ? null
                        : byId.get(u.pendingHandover().to()));
                List<String> codes = new ArrayList<>(List.of(code));
                if (v >= 8 && u != null && u.pendingHandover() != null) {
                    String to = u.pendingHandover().to();
                    String other = pick(candidates(u2 -> u2.pendingHandover() != null
                            && u2.pendingHandover().to().equals(to) && !u2.code().equals(code)), op.second());
                    if (other != null) {
                        codes.add(other);
                    }
                }
                request = op.kind() == Kind.ACCEPT ? f.req("codes", codes)
                        : f.req("codes", codes, "reason", "not what was agreed");
            }
            case CANCEL -> {
                String code = target(op, u -> u.pendingHandover() != null);
                caller = caller(op, holderOf(unit(code)));
                request = f.req("codes", List.of(code), "reason", "truck broke down");
            }
            case RECYCLE -> {
                String code = target(op, free(Status.AT_RECYCLER).and(u -> u.pendingHandover() == null));
                BatteryUnit u = unit(code);
                Party holder = holderOf(u);
                caller = caller(op, v == 3 ? f.lapsedRecycler
                        : holder != null && holder.role() == Role.RECYCLER ? holder : f.recycler);
                List<String> inputs = new ArrayList<>(List.of(code));
                if (v >= 7) {
                    String me = caller.id();
                    String other = pick(candidates(free(Status.AT_RECYCLER).and(x -> x.holder().equals(me)
                            && x.pendingHandover() == null && !x.code().equals(code))), op.second());
                    if (other != null) {
                        inputs.add(other);
                    }
                }
                String batchId;
                if (op.amount() % 10 == 0 && !batchIds.isEmpty()) {
                    batchId = pick(batchIds, op.second()); // already recorded
                } else {
                    batchId = "B-" + (++batchSerial);
                    newBatch = batchId;
                }
                request = recycling(batchId, inputs, v, op.amount());
            }
            default -> throw new IllegalStateException("unhandled " + op.kind());
        }

        Outcome outcome = f.submit(caller, op.kind().transaction(), request);
        if (outcome.ok()) {
            if (growTargets) {
                for (String c : created) {
                    if (!known.contains(c)) {
                        known.add(c);
                    }
                }
            }
            if (newVin != null && growTargets) {
                vins.add(newVin);
            }
            if (newBatch != null) {
                batchIds.add(newBatch);
            }
        }
        Step step = new Step(trace.size(), generated, op.kind(), caller, Json.string(request), outcome);
        trace.add(step);
        return step;
    }

    private static Map<String, Object> newUnit(String code, List<String> children) {
        return children.isEmpty() ? Map.of("code", code) : Map.of("code", code, "children", children);
    }

    private String vinTarget(Op op, Predicate<Vehicle> fits) {
        if (forcedVin != null) {
            return forcedVin;
        }
        if (op.focus()) {
            List<String> c = new ArrayList<>();
            for (String vin : vins) {
                Vehicle veh = vehicle(vin);
                if (veh != null && fits.test(veh)) {
                    c.add(vin);
                }
            }
            if (!c.isEmpty()) {
                return pick(c, op.target());
            }
        }
        String any = pick(vins, op.target());
        return any == null ? LedgerFixture.vin(99_999) : any;
    }

    /** Parties a unit in this state would plausibly go to next (domain.md §6.2). */
    private List<Party> receiversFor(BatteryUnit u) {
        if (u == null) {
            return parties;
        }
        return switch (u.status()) {
            case IN_STOCK -> List.of(f.automaker, f.automaker, f.automaker, f.swapOperator, f.repairer);
            case REMOVED -> List.of(f.collectionPoint, f.cascadeOperator, f.recycler);
            case COLLECTED -> List.of(f.cascadeOperator, f.cascadeOperator, f.recycler);
            case AT_CASCADE_OPERATOR, TESTED -> List.of(f.recycler, f.recycler, f.lapsedRecycler);
            case WASTE -> List.of(f.recycler, f.recycler, f.collectionPoint, f.lapsedRecycler);
            case AT_RECYCLER -> List.of(f.recycler, f.collectionPoint);
            case CASCADE_PRODUCED -> List.of(f.automaker, f.swapOperator, f.repairer);
            default -> parties;
        };
    }

    /**
     * A recycling batch over these inputs. Variants 4, 5 and 6 break mass balance in one way
     * each, 9 does when {@code amount} is odd; the others balance.
     */
    private Map<String, Object> recycling(String batchId, List<String> codes, int variant, int amount) {
        List<Map<String, Object>> inputs = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < codes.size(); i++) {
            long mass = 100_000L + amount * 500L + i * 1_000L;
            total += mass;
            inputs.add(Map.of("code", codes.get(i), "massGrams", mass));
        }
        long li = total / 50;
        long co = total / 40;
        long ni = total * 3 / 40;
        long liRec = li * 3 / 4;
        long coRec = co * 95 / 100;
        long niRec = ni * 97 / 100;
        long out = total * 3 / 4;
        long residue = amount % 2 == 1 ? total / 10 : 0;
        switch (variant) {
            case 4 -> out = total + 1 - residue; // outputs weigh more than the input
            case 5 -> liRec = li + 1; // more lithium out than in
            case 6 -> ni = total; // declared elements weigh more than the input
            case 9 -> {
                if (amount % 2 == 1) {
                    out = (liRec + coRec + niRec) / 2; // recovered elements outweigh the outputs
                    residue = 0;
                }
            }
            default -> {
                // balanced
            }
        }
        List<Map<String, Object>> outputs = new ArrayList<>();
        outputs.add(Map.of("name", "black mass", "massGrams", out, "destination", "refinery",
                "countsAsRecycling", true));
        if (residue > 0) {
            outputs.add(Map.of("name", "slag", "massGrams", residue, "destination", "landfill",
                    "countsAsRecycling", false));
        }
        return f.req("batchId", batchId, "route", amount % 3 == 0 ? "PYROMETALLURGY" : "HYDROMETALLURGY",
                "inputs", inputs,
                "elementsInput", Map.of("LI", li, "CO", co, "NI", ni),
                "elementsRecovered", Map.of("LI", liRec, "CO", coRec, "NI", niRec),
                "outputs", outputs);
    }
}
