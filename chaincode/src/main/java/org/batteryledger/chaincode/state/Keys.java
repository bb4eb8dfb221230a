package org.batteryledger.chaincode.state;


/**
 * Every key the contract writes. All are composite keys ({@code \u0000type\u0000attr…\u0000}),
 * so they never collide with each other or with simple keys, and each index is a partial-key
 * scan. Index entries hold a single byte: Fabric treats an empty value as a delete.
 */
public final class Keys {
    public static final String UNIT = "unit";
    public static final String PARTICIPANT = "participant";
    public static final String PREFIX = "prefix";
    public static final String VEHICLE = "vehicle";
    public static final String BATCH = "recycling";
    public static final String EU_ID = "euid";
    public static final String CLIENT_EVENT = "clientevent";
    public static final String BOOTSTRAP = "bootstrap";

    public static final String BY_HOLDER = "idx~holder";
    public static final String BY_STATUS = "idx~status";
    public static final String BY_RESPONSIBLE = "idx~responsible";
    public static final String BY_VIN = "idx~vin";
    public static final String BY_RECEIVER = "idx~receiver";

    /** The value of an index entry. */
    public static final byte[] MARK = {0x00};

    private Keys() {}

    /**
     * The composite key, byte for byte what the shim's {@code CompositeKey} writes
     * ({@code \u0000type\u0000attr\u0000…}), built by concatenation: the shim validates every
     * segment with a regular expression, which was a third of a transaction's time.
     */
    public static String of(String type, String... attributes) {
        int length = 2 + type.length();
        for (String a : attributes) {
            length += a.length() + 1;
        }
        StringBuilder sb = new StringBuilder(length).append('\u0000').append(requireSegment(type)).append('\u0000');
        for (String a : attributes) {
            sb.append(requireSegment(a)).append('\u0000');
        }
        return sb.toString();
    }

    /** The shim's rule for a segment: no U+0000 (the separator) and no U+10FFFF (the range end). */
    private static String requireSegment(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u0000' || c == '\udbff') {
                throw new org.batteryledger.chaincode.error.LedgerException(
                        org.batteryledger.chaincode.error.LedgerError.INVALID_ARGUMENT,
                        "a key may not contain U+0000 or U+10FFFF");
            }
        }
        return s;
    }

    public static String unit(String code) {
        return of(UNIT, code);
    }

    public static String participant(String id) {
        return of(PARTICIPANT, id);
    }

    public static String prefix(String manufacturerCode) {
        return of(PREFIX, manufacturerCode);
    }

    public static String vehicle(String vin) {
        return of(VEHICLE, vin);
    }

    public static String batch(String batchId) {
        return of(BATCH, batchId);
    }

    public static String euId(String euUniqueId) {
        return of(EU_ID, euUniqueId);
    }

    public static String clientEvent(String participantId, String clientEventId) {
        return of(CLIENT_EVENT, participantId, clientEventId);
    }

    /** The last attribute of a composite key: the unit code of an index entry. */
    public static String lastAttribute(String compositeKey) {
        int end = compositeKey.length() - 1; // the trailing separator
        int start = compositeKey.lastIndexOf('\u0000', end - 1) + 1;
        return compositeKey.substring(start, end);
    }
}
