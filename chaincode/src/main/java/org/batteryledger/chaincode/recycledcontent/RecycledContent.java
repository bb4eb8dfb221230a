package org.batteryledger.chaincode.recycledcontent;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.batteryledger.chaincode.access.Permissions;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.batteryledger.chaincode.tx.TxContext;

/**
 * Recycled-content documentation (EU 2023/1542 Art. 8(1); domain.md §4.6): a battery maker
 * declares, for a battery model it makes at one plant in one production year, the share of each
 * of Co, Li, Ni and Pb recovered from manufacturing (pre-consumer) and post-consumer waste. The
 * role check (battery makers only, active) is the action's; the maker is always the caller, so
 * no company declares for another. The minimums (2031, 2036) are judged off-chain against these
 * figures; the contract only guarantees they are well-formed and whose they are.
 */
public final class RecycledContent {
    private RecycledContent() {}

    public static void declare(TxContext tx, DeclareRecycledContent req) {
        // Years are China calendar years, like the reports and the certification days.
        int thisYear = LocalDate.ofInstant(tx.now(), Permissions.CERTIFICATION_ZONE).getYear();
        if (req.year() > thisYear) {
            throw new LedgerException(LedgerError.INVALID_ARGUMENT,
                    "field 'year': %d is after the transaction's year %d; production not yet begun is not documented",
                    req.year(), thisYear);
        }
        Map<Material, DeclaredShare> shares = new EnumMap<>(Material.class);
        req.shares().forEach((key, s) -> shares.put(Material.of(key).orElseThrow(),
                DeclaredShare.of(s.preConsumerBasisPoints(), s.postConsumerBasisPoints())));
        String maker = tx.caller().participantId();
        RecycledContentDeclarations store = new RecycledContentDeclarations(tx.state());
        Optional<RecycledContentDeclaration> earlier = store.find(maker, req.model(), req.plant(), req.year());
        RecycledContentDeclaration d = new RecycledContentDeclaration(maker, req.model(), req.plant(), req.year(),
                shares, req.documentHash(), req.documentRef(), earlier.map(e -> e.revision() + 1).orElse(1),
                earlier.map(RecycledContentDeclaration::txId).orElse(null), tx.occurredAt(), tx.now(), tx.txId());
        store.put(d);
        tx.recordRecycledContent(d);
        tx.detail("model", d.model());
        tx.detail("plant", d.plant());
        tx.detail("year", Integer.toString(d.year()));
        tx.detail("revision", Integer.toString(d.revision()));
    }
}
