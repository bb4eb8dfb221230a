package org.batteryledger.chaincode.recycledcontent;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recycled-content documentation in force for one (maker, model, plant, production year)
 * (EU 2023/1542 Art. 8(1); domain.md §4.6 and the BatteryModel entity's declarations). A later
 * declaration for the same four replaces it; the key's history keeps every revision, and
 * {@code supersedesTxId} names the one it replaced.
 *
 * @param revision 1 for the first declaration of the key, then 2, 3, …
 */
public record RecycledContentDeclaration(
        String maker,
        String model,
        String plant,
        int year,
        Map<Material, DeclaredShare> shares,
        String documentHash,
        String documentRef,
        int revision,
        String supersedesTxId,
        Instant occurredAt,
        Instant recordedAt,
        String txId) {

    public RecycledContentDeclaration {
        shares = new TreeMap<>(shares);
    }
}
