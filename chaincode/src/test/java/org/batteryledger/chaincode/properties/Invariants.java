package org.batteryledger.chaincode.properties;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.batteryledger.chaincode.code.Level;
import org.batteryledger.chaincode.participant.Role;
import org.batteryledger.chaincode.recycling.Element;
import org.batteryledger.chaincode.recycling.OutputFraction;
import org.batteryledger.chaincode.recycling.RecyclingBatch;
import org.batteryledger.chaincode.recycling.RecyclingInput;
import org.batteryledger.chaincode.state.Keys;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.batteryledger.chaincode.unit.EuStatus;
import org.batteryledger.chaincode.unit.PendingHandover;
import org.batteryledger.chaincode.unit.Status;
import org.batteryledger.chaincode.unit.Vehicle;
import org.hyperledger.fabric.shim.ledger.CompositeKey;

/**
 * The invariants of the whole world state, checked after every operation (domain.md §6.2–§6.4).
 * Each check returns the broken rules as readable lines, so one failure names everything wrong.
 */
final class Invariants {
    private Invariants() {}

    /** Every rule over the state after one operation; {@code before} is the state it started from. */
    static List<String> violations(WorldState before, WorldState after, boolean accepted) {
        List<String> out = new ArrayList<>();
        rejectionChangesNothing(before, after, accepted, out);
        statusAndLevel(after, out);
        terminalNeverChanges(before, after, out);
        oneRegisteredHolder(before, after, out);
        hierarchy(after, out);
        successorsAndOrigins(after, out);
        massBalance(after, out);
        wasteAndVehicles(after, out);
        return out;
    }

    /** 7. A rejected operation leaves every key and every byte as it was. */
    static void rejectionChangesNothing(WorldState before, WorldState after, boolean accepted, List<String> out) {
        if (!accepted) {
            Set<String> diff = WorldState.differingKeys(before, after);
            if (!diff.isEmpty()) {
                out.add("[7] a rejected operation changed keys " + diff);
            }
        }
    }

    /** 1. Every unit has a status, and its level is code position 4. */
    static void statusAndLevel(WorldState s, List<String> out) {
        for (var e : s.units.entrySet()) {
            BatteryUnit u = e.getValue();
            if (!e.getKey().equals(u.code())) {
                out.add("[1] unit key " + e.getKey() + " holds unit " + u.code());
            }
            if (u.status() == null) {
                out.add("[1] unit " + u.code() + " has no status");
            }
            Level byCode = u.code().length() >= 4 ? Level.ofLetter(u.code().charAt(3)) : null;
            if (u.level() == null || u.level() != byCode) {
                out.add("[1] unit " + u.code() + " has level " + u.level() + " but code position 4 says " + byCode);
            }
        }
    }

    /** 2. A unit RECYCLED or CONSUMED_INTO_SUCCESSOR before an operation is byte-identical after it. */
    static void terminalNeverChanges(WorldState before, WorldState after, List<String> out) {
        for (var e : before.units.entrySet()) {
            if (e.getValue().status().isTerminal()) {
                byte[] then = before.unitBytes.get(e.getKey());
                byte[] now = after.unitBytes.get(e.getKey());
                if (now == null || !Arrays.equals(then, now)) {
                    BatteryUnit u = after.unit(e.getKey());
                    out.add("[2] terminal unit " + e.getKey() + " (" + e.getValue().status() + ") changed: now "
                            + (u == null ? "gone" : u.status() + " held by " + u.holder() + " version " + u.version()));
                }
            }
        }
    }

    /**
     * 3. Exactly one holder, a registered participant, listed once in the holder index (a unit
     * inside a pack has the pack's holder: it moves with the pack, domain.md §6.2), and the
     * status, responsible and receiver indexes agree with the unit (units in a pack are reached
     * through the pack and are not indexed); a pending handover is made by the
     * holder to another registered party, and while it stays pending the holder does not change.
     * An offer is always one that can still be answered: its unit is free (not inside a pack,
     * which moves it) and in a state where accept, reject and cancel apply. An offer that cannot be
     * answered is stuck, and comes back to life when the unit returns to such a state, perhaps
     * under another holder.
     */
    /** The states in which a pending offer can be answered (domain.md §6.2: the custody states of a free unit). */
    static final Set<Status> ANSWERABLE = EnumSet.of(Status.IN_STOCK, Status.REMOVED, Status.COLLECTED,
            Status.AT_CASCADE_OPERATOR, Status.TESTED, Status.WASTE, Status.AT_RECYCLER, Status.CASCADE_PRODUCED);

    static void oneRegisteredHolder(WorldState before, WorldState after, List<String> out) {
        Map<String, List<String>> holderIndex = index(after, Keys.BY_HOLDER);
        Map<String, List<String>> statusIndex = index(after, Keys.BY_STATUS);
        Map<String, List<String>> responsibleIndex = index(after, Keys.BY_RESPONSIBLE);
        Map<String, List<String>> receiverIndex = index(after, Keys.BY_RECEIVER);
        for (BatteryUnit u : after.units.values()) {
            if (u.holder() == null || !after.participants.contains(u.holder())) {
                out.add("[3] unit " + u.code() + " is held by " + u.holder() + ", not a registered participant");
            }
            if (u.isContained()) {
                BatteryUnit parent = after.unit(u.parent());
                if (parent != null && !parent.holder().equals(u.holder())) {
                    out.add("[3] unit " + u.code() + " is inside " + parent.code() + ", held by " + parent.holder()
                            + ", but names " + u.holder() + " as its holder");
                }
            }
            List<String> indexed = holderIndex.getOrDefault(u.code(), List.of());
            List<String> expected = u.isContained() ? List.of() : List.of(u.holder());
            if (!indexed.equals(expected)) {
                out.add("[3] unit " + u.code() + " (holder " + u.holder() + ", contained " + u.isContained()
                        + ") has holder index entries " + indexed);
            }
            List<String> statuses = statusIndex.getOrDefault(u.code(), List.of());
            List<String> expectedStatus = u.isContained() ? List.of() : List.of(u.status().name());
            if (!statuses.equals(expectedStatus)) {
                out.add("[3] unit " + u.code() + " (" + u.status() + ") has status index entries " + statuses);
            }
            List<String> responsible = responsibleIndex.getOrDefault(u.code(), List.of());
            List<String> expectedResponsible = u.isContained() ? List.of() : List.of(u.responsible());
            if (!responsible.equals(expectedResponsible)) {
                out.add("[3] unit " + u.code() + " (responsible " + u.responsible() + ") has responsible index entries "
                        + responsible);
            }
            PendingHandover p = u.pendingHandover();
            List<String> receivers = receiverIndex.getOrDefault(u.code(), List.of());
            if (!receivers.equals(p == null ? List.of() : List.of(p.to()))) {
                out.add("[3] unit " + u.code() + " (pending " + p + ") has receiver index entries " + receivers);
            }
            if (p != null) {
                if (!p.from().equals(u.holder())) {
                    out.add("[3] unit " + u.code() + " is held by " + u.holder() + " but its pending handover to "
                            + p.to() + " was offered by " + p.from() + " (status " + u.status() + ")");
                }
                if (p.to().equals(u.holder()) || !after.participants.contains(p.to())) {
                    out.add("[3] unit " + u.code() + " has a pending handover to " + p.to()
                            + ", its holder or not a registered participant");
                }
                if (u.isContained()) {
                    out.add("[3] unit " + u.code() + " is inside " + u.parent() + " yet has its own pending handover to "
                            + p.to() + " (offered by " + p.from() + ")");
                }
                if (!ANSWERABLE.contains(u.status())) {
                    out.add("[3] unit " + u.code() + " is " + u.status() + " with a pending handover to " + p.to()
                            + " that can be neither accepted, rejected nor cancelled in that state");
                }
                BatteryUnit was = before.unit(u.code());
                if (was != null && was.pendingHandover() != null
                        && was.pendingHandover().offerTxId().equals(p.offerTxId())
                        && !was.holder().equals(u.holder())) {
                    out.add("[3] unit " + u.code() + " changed holder " + was.holder() + " -> " + u.holder()
                            + " while its handover to " + p.to() + " (offered by " + p.from() + ") is pending");
                }
            }
        }
        for (var idx : List.of(holderIndex, statusIndex, responsibleIndex, receiverIndex)) {
            for (String code : idx.keySet()) {
                if (!after.units.containsKey(code)) {
                    out.add("[3] an index names unit " + code + ", which does not exist");
                }
            }
        }
    }

    /** Index entries of one type: unit code (last attribute) to the indexed values (first attribute). */
    private static Map<String, List<String>> index(WorldState s, String type) {
        Map<String, List<String>> out = new HashMap<>();
        String prefix = CompositeKey.NAMESPACE + type + CompositeKey.NAMESPACE;
        for (String key : s.raw.tailMap(prefix, true).keySet()) {
            if (!key.startsWith(prefix)) {
                break;
            }
            List<String> a = CompositeKey.parseCompositeKey(key).getAttributes();
            out.computeIfAbsent(a.get(a.size() - 1), k -> new ArrayList<>()).add(a.get(0));
        }
        return out;
    }

    /**
     * Beyond the eight rules, and enforced too: the states that say where a unit
     * is (AT_RECYCLER, AT_CASCADE_OPERATOR, TESTED) agree with the role of the party holding it.
     */
    static List<String> locationMismatches(WorldState s, Map<String, Role> roles) {
        List<String> out = new ArrayList<>();
        for (BatteryUnit u : s.units.values()) {
            Role role = roles.get(u.holder());
            boolean ok = switch (u.status()) {
                case AT_RECYCLER -> role == Role.RECYCLER;
                case AT_CASCADE_OPERATOR, TESTED -> role == Role.CASCADE_OPERATOR;
                default -> true;
            };
            if (!ok && !u.isContained()) {
                out.add("unit " + u.code() + " is " + u.status() + " but held by a " + role);
            }
        }
        return out;
    }

    /** 4. Parent and child list each other; a child is of a lower level than its parent. */
    static void hierarchy(WorldState s, List<String> out) {
        for (BatteryUnit u : s.units.values()) {
            if (u.parent() != null) {
                BatteryUnit p = s.unit(u.parent());
                if (p == null) {
                    out.add("[4] unit " + u.code() + " names parent " + u.parent() + ", which does not exist");
                } else {
                    if (!p.children().contains(u.code())) {
                        out.add("[4] unit " + u.code() + " names parent " + p.code() + ", whose children are "
                                + p.children());
                    }
                    if (u.level().ordinal() <= p.level().ordinal() || !p.level().canContain(u.level())) {
                        out.add("[4] unit " + u.code() + " (" + u.level() + ") is inside " + p.code() + " ("
                                + p.level() + ")");
                    }
                }
            }
            for (String c : u.children()) {
                BatteryUnit child = s.unit(c);
                if (child == null) {
                    out.add("[4] unit " + u.code() + " lists child " + c + ", which does not exist");
                } else if (!u.code().equals(child.parent())) {
                    out.add("[4] unit " + u.code() + " lists child " + c + ", whose parent is " + child.parent());
                }
            }
        }
    }

    /** 5. Successor and origin links are consistent both ways. */
    static void successorsAndOrigins(WorldState s, List<String> out) {
        for (BatteryUnit u : s.units.values()) {
            for (String c : u.successors()) {
                BatteryUnit next = s.unit(c);
                if (next == null || !next.origins().contains(u.code())) {
                    out.add("[5] unit " + u.code() + " lists successor " + c + ", whose origins are "
                            + (next == null ? "(no such unit)" : next.origins()));
                }
            }
            for (String c : u.origins()) {
                BatteryUnit origin = s.unit(c);
                if (origin == null || !origin.successors().contains(u.code())) {
                    out.add("[5] unit " + u.code() + " lists origin " + c + ", whose successors are "
                            + (origin == null ? "(no such unit)" : origin.successors()));
                }
            }
        }
    }

    /** 6. Every stored recycling batch balances; its inputs are RECYCLED in that batch. */
    static void massBalance(WorldState s, List<String> out) {
        for (var e : s.batches.entrySet()) {
            RecyclingBatch b = e.getValue();
            String id = "[6] batch " + e.getKey();
            if (!e.getKey().equals(b.batchId())) {
                out.add(id + " is stored under the key of " + b.batchId());
            }
            long in = b.inputs().stream().mapToLong(RecyclingInput::massGrams).sum();
            long outMass = b.outputs().stream().mapToLong(OutputFraction::massGrams).sum();
            long recycling = b.outputs().stream().filter(OutputFraction::countsAsRecycling)
                    .mapToLong(OutputFraction::massGrams).sum();
            if (in != b.inputMassGrams() || outMass != b.outputMassGrams() || recycling != b.recyclingMassGrams()) {
                out.add(id + " totals disagree with its lines: input " + b.inputMassGrams() + "/" + in + ", output "
                        + b.outputMassGrams() + "/" + outMass + ", recycling " + b.recyclingMassGrams() + "/"
                        + recycling);
            }
            if (b.outputMassGrams() > b.inputMassGrams()) {
                out.add(id + ": output " + b.outputMassGrams() + " g > input " + b.inputMassGrams() + " g");
            }
            for (var r : b.elementsRecovered().entrySet()) {
                long elementIn = b.elementsInput().getOrDefault(r.getKey(), 0L);
                if (r.getValue() > elementIn) {
                    out.add(id + ": " + r.getKey() + " recovered " + r.getValue() + " g > " + elementIn + " g in");
                }
            }
            if (b.recyclingEfficiencyBasisPoints() < 0 || b.recyclingEfficiencyBasisPoints() > 10_000) {
                out.add(id + ": efficiency " + b.recyclingEfficiencyBasisPoints() + " bp outside 0..10000");
            }
            for (Map.Entry<Element, Integer> r : b.recoveryBasisPoints().entrySet()) {
                if (r.getValue() < 0 || r.getValue() > 10_000) {
                    out.add(id + ": recovery of " + r.getKey() + " " + r.getValue() + " bp outside 0..10000");
                }
            }
            for (RecyclingInput i : b.inputs()) {
                BatteryUnit u = s.unit(i.code());
                if (u == null || u.status() != Status.RECYCLED || !b.batchId().equals(u.recyclingBatch())) {
                    out.add(id + ": input " + i.code() + " is "
                            + (u == null ? "missing" : u.status() + " in batch " + u.recyclingBatch()));
                }
            }
        }
    }

    /** 8. Waste statuses carry EU status WASTE; only packs carry a VIN, and the vehicle lists them. */
    static void wasteAndVehicles(WorldState s, List<String> out) {
        for (BatteryUnit u : s.units.values()) {
            if (u.status().isWaste() && u.euStatus() != EuStatus.WASTE) {
                out.add("[8] unit " + u.code() + " is " + u.status() + " but its EU status is " + u.euStatus());
            }
            if (u.vin() != null) {
                if (u.level() != Level.PACK) {
                    out.add("[8] unit " + u.code() + " is a " + u.level() + " bound to VIN " + u.vin());
                }
                Vehicle v = s.vehicles.get(u.vin());
                if (v == null || !v.packs().contains(u.code())) {
                    out.add("[8] unit " + u.code() + " names VIN " + u.vin() + ", whose vehicle lists "
                            + (v == null ? "(no vehicle)" : v.packs()));
                }
            }
        }
        for (Vehicle v : s.vehicles.values()) {
            for (String code : v.packs()) {
                BatteryUnit u = s.unit(code);
                if (u == null || !v.vin().equals(u.vin())) {
                    out.add("[8] vehicle " + v.vin() + " lists pack " + code + ", whose VIN is "
                            + (u == null ? "(no unit)" : u.vin()));
                }
            }
        }
    }
}
