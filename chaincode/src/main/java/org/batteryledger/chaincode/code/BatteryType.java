package org.batteryledger.chaincode.code;

/**
 * One row of the battery-type table, position 5 of the code (GB/T 34014-2017 §4.3; domain.md
 * §1.4). The rows are data, loaded by {@link CodeTables}: the allowed set {@code A–G, Z} is
 * confirmed, but most individual meanings are not, so {@link #confidence()} carries the evidence
 * marker of domain.md.
 *
 * @param letter the code letter at position 5
 * @param key short stable identifier of the chemistry: {@code NIMH, LFP, LMO, LCO, NCM,
 *     SUPERCAPACITOR, LTO, OTHER}. Stored and compared instead of the letter, so correcting a
 *     letter in the table never changes what a stored key means.
 * @param nameEn English name
 * @param nameZh Chinese name as in the standard
 * @param confidence {@code confirmed}, {@code secondary} or {@code unconfirmed} (domain.md
 *     evidence legend ✅ ⚠️ ❓)
 */
public record BatteryType(char letter, String key, String nameEn, String nameZh, String confidence) {

    /**
     * Whether the chemistry is lithium-based in the sense of EU Regulation 2023/1542 Annex XII
     * Part B, whose recycling-efficiency target differs for lithium-based batteries (domain.md
     * §4.5, §6.5): LFP, LMO, LCO, NCM and LTO. Decided by {@link #key()}, not the letter, so it
     * follows the chemistry if an operator corrects the table.
     */
    public boolean lithiumBased() {
        switch (key) {
            case "LFP":
            case "LMO":
            case "LCO":
            case "NCM":
            case "LTO":
                return true;
            default:
                return false;
        }
    }
}
