package org.batteryledger.chaincode.code;

/**
 * The two shapes of a GB/T 34014-2017 code (§4.2, §4.3; domain.md §1.3, §1.6).
 */
public enum CodeForm {
    /**
     * 24 characters: manufacturer(3) product type(1) battery type(1) specification(2)
     * traceability(7) date(3) serial(7).
     */
    STANDARD(24),
    /**
     * 19 characters, the cascade-use (梯级利用) re-code: design information(7) date(3) serial(7)
     * {@code R} level(1). §4.2 says the re-code has no traceability-information code; the
     * 19-character layout is the Catena-X regex's (domain.md §1.6), whose prose says 18.
     */
    CASCADE(19);

    private final int length;

    CodeForm(int length) {
        this.length = length;
    }

    /** The number of characters of a code of this form. */
    public int length() {
        return length;
    }
}
