package org.batteryledger.chaincode.code;

/**
 * The product level of a traction-battery code, position 4 of the code (GB/T 34014-2017 §4.1,
 * §4.3; domain.md §1.2, §1.3).
 */
public enum Level {
    /** 电池包, battery pack. */
    PACK('P'),
    /** 电池模块, battery module. */
    MODULE('M'),
    /** 单体电池, cell. */
    CELL('C');

    private final char letter;

    Level(char letter) {
        this.letter = letter;
    }

    /** The letter at position 4 of a code (and at position 19 of the cascade-use form). */
    public char letter() {
        return letter;
    }

    /**
     * The level for a code letter.
     *
     * @return the level, or {@code null} when the letter is not {@code P}, {@code M} or
     *     {@code C}. Null rather than an {@code Optional} because the parser calls this on its
     *     hot path for every code.
     */
    public static Level ofLetter(char letter) {
        switch (letter) {
            case 'P':
                return PACK;
            case 'M':
                return MODULE;
            case 'C':
                return CELL;
            default:
                return null;
        }
    }

    /**
     * Whether a unit of this level may list a unit of {@code child}'s level as a direct child.
     *
     * <p>A pack lists its modules, a module lists its cells and a cell has no subcomponents
     * (GB/T 34014-2017 §4.1 "correspondence between pack, module and cell codes"; Catena-X
     * TractionBatteryCode; domain.md §1.2, §6.4). A pack may also list cells directly, because
     * cell-to-pack designs (e.g. BYD's blade pack) have no module level: forbidding PACK→CELL
     * would make such packs impossible to record truthfully. A level never contains its own
     * level, and nothing contains a pack.
     */
    public boolean canContain(Level child) {
        if (child == null) {
            return false;
        }
        switch (this) {
            case PACK:
                return child == MODULE || child == CELL;
            case MODULE:
                return child == CELL;
            default:
                return false;
        }
    }
}
