package org.batteryledger.app.readmodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.batteryledger.chaincode.code.CodeForm;
import org.batteryledger.chaincode.code.Level;
import org.batteryledger.chaincode.event.LedgerEvent;
import org.batteryledger.chaincode.recycledcontent.DeclaredShare;
import org.batteryledger.chaincode.recycledcontent.Material;
import org.batteryledger.chaincode.recycledcontent.RecycledContentDeclaration;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One block's rows for the recycled-content report (EU 2023/1542 Art. 8): the declarations the
 * block records, and the packs it places on the market per maker, model, plant and production
 * year. Kept apart from {@link BlockWriter}, which only hands it the events and the placements.
 */
final class RecycledContentRows {
    private static final String DELETE = "DELETE FROM rm_recycled_content WHERE maker = ? AND model = ? AND plant = ?"
            + " AND production_year = ?";
    private static final String INSERT = "INSERT INTO rm_recycled_content (maker, model, plant, production_year,"
            + " material, pre_consumer_bp, post_consumer_bp, total_bp, document_hash, revision, occurred_at,"
            + " recorded_at, tx_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PLACED = "MERGE INTO rm_model_placed t USING (VALUES (CAST(? AS VARCHAR(64)),"
            + " CAST(? AS VARCHAR(100)), CAST(? AS VARCHAR(200)), CAST(? AS INT), CAST(? AS BIGINT)))"
            + " s(maker, model, plant, production_year, packs) ON t.maker = s.maker AND t.model = s.model"
            + " AND t.plant = s.plant AND t.production_year = s.production_year"
            + " WHEN MATCHED THEN UPDATE SET packs = t.packs + s.packs"
            + " WHEN NOT MATCHED THEN INSERT (maker, model, plant, production_year, packs)"
            + " VALUES (s.maker, s.model, s.plant, s.production_year, s.packs)";

    private final List<RecycledContentDeclaration> declarations = new ArrayList<>();
    /** Parallel to the block's placement updates, in the same order. */
    private final List<BatteryUnit> placing = new ArrayList<>();

    void add(LedgerEvent e) {
        if (e.recycledContent() != null) {
            declarations.add(e.recycledContent());
        }
    }

    /** A unit of a placing event, in the order of the block's placement updates. */
    void placing(BatteryUnit u) {
        placing.add(u);
    }

    /**
     * Writes the rows. {@code firstPlaced[i]} is the update count of the placement of
     * {@code placing(i)}: 1 when that set the unit's first placement, 0 when it was placed before.
     */
    void write(JdbcTemplate jdbc, int[] firstPlaced) {
        for (RecycledContentDeclaration d : declarations) {
            // In block order: a later declaration of the same key in the block wins, as on the ledger.
            jdbc.update(DELETE, d.maker(), d.model(), d.plant(), d.year());
            List<Object[]> rows = new ArrayList<>();
            for (Map.Entry<Material, DeclaredShare> s : d.shares().entrySet()) {
                rows.add(new Object[] {d.maker(), d.model(), d.plant(), d.year(), s.getKey().name(),
                    s.getValue().preConsumerBasisPoints(), s.getValue().postConsumerBasisPoints(),
                    s.getValue().totalBasisPoints(), d.documentHash(), d.revision(), BlockWriter.ts(d.occurredAt()),
                    BlockWriter.ts(d.recordedAt()), d.txId()});
            }
            jdbc.batchUpdate(INSERT, rows);
        }
        Map<List<Object>, long[]> packs = new LinkedHashMap<>();
        for (int i = 0; i < placing.size() && i < firstPlaced.length; i++) {
            BatteryUnit u = placing.get(i);
            if (firstPlaced[i] > 0 && counts(u)) {
                String plant = u.spec().placeOfManufacture() == null ? "" : u.spec().placeOfManufacture();
                packs.computeIfAbsent(List.of(u.registeredBy(), u.spec().model(), plant, u.productionDate().getYear()),
                        k -> new long[1])[0]++;
            }
        }
        List<Object[]> rows = new ArrayList<>();
        packs.forEach((k, n) -> rows.add(new Object[] {k.get(0), k.get(1), k.get(2), k.get(3), n[0]}));
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(PLACED, rows);
        }
    }

    /** Original packs with a model: the EV batteries Art. 8 documents (cascade re-codes are not the maker's). */
    private static boolean counts(BatteryUnit u) {
        return u.level() == Level.PACK && u.form() == CodeForm.STANDARD && u.spec() != null
                && u.spec().model() != null && u.registeredBy() != null && u.productionDate() != null;
    }
}
