package org.batteryledger.chaincode.recycledcontent;

import java.time.Instant;
import java.util.Map;
import org.batteryledger.chaincode.tx.Request;
import org.batteryledger.chaincode.tx.Violations;

/**
 * A battery maker's recycled-content documentation (EU 2023/1542 Art. 8(1)) for one battery model
 * made at one plant in one production year, as submitted. Shares per material in basis points;
 * boxed so that a missing figure is refused rather than read as zero.
 *
 * @param plant the manufacturing plant, as the units' {@code spec.placeOfManufacture} names it
 * @param shares per material key (CO, LI, NI, PB) the pre- and post-consumer shares
 * @param documentHash SHA-256 of the supporting technical documentation
 * @param documentRef where that documentation is kept (optional)
 */
public record DeclareRecycledContent(
        String clientEventId,
        Instant occurredAt,
        String model,
        String plant,
        Integer year,
        Map<String, Share> shares,
        String documentHash,
        String documentRef) implements Request {

    /** The earliest production year: GB/T 34014 codes carry years from 2011 on. */
    static final int FIRST_YEAR = 2011;
    static final int MAX_MODEL = 100;
    static final int MAX_PLANT = 200;
    static final int MAX_DOCUMENT_REF = 500;
    static final int WHOLE = 10_000;

    /** One material's shares as submitted, in basis points. */
    public record Share(Integer preConsumerBasisPoints, Integer postConsumerBasisPoints) {}

    @Override
    public void validate(Violations v) {
        name(v, model, MAX_MODEL, "model");
        name(v, plant, MAX_PLANT, "plant");
        v.required(year, "year");
        v.check(year == null || year >= FIRST_YEAR, "year", "must be " + FIRST_YEAR + " or later");
        v.check(shares != null && !shares.isEmpty(), "shares", "needs at least one material (CO, LI, NI, PB)");
        if (shares != null) {
            for (var e : shares.entrySet()) {
                String field = "shares." + e.getKey();
                if (Material.of(e.getKey()).isEmpty()) {
                    v.check(false, field, "is not a material of Art. 8 (CO, LI, NI, PB)");
                    continue;
                }
                Share s = e.getValue();
                Integer pre = s == null ? null : s.preConsumerBasisPoints();
                Integer post = s == null ? null : s.postConsumerBasisPoints();
                basisPoints(v, pre, field + ".preConsumerBasisPoints");
                basisPoints(v, post, field + ".postConsumerBasisPoints");
                v.check(pre == null || post == null || pre + post <= WHOLE, field,
                        "pre- and post-consumer shares add up to more than 10000 basis points (100 %)");
            }
        }
        v.required(documentHash, "documentHash");
        v.hash(documentHash, "documentHash");
        v.text(documentRef, MAX_DOCUMENT_REF, "documentRef");
    }

    private static void name(Violations v, String value, int max, String field) {
        v.required(value, field);
        v.text(value, max, field);
        v.check(value == null || value.chars().noneMatch(Character::isISOControl), field,
                "must not contain control characters");
    }

    private static void basisPoints(Violations v, Integer value, String field) {
        v.required(value, field);
        v.check(value == null || (value >= 0 && value <= WHOLE), field, "must be between 0 and 10000 basis points");
    }
}
