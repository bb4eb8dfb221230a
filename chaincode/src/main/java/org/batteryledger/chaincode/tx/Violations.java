package org.batteryledger.chaincode.tx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;

/**
 * Collects every problem of a request before failing, so the client learns all of them at once,
 * each as {@code field 'x': rule}.
 */
public final class Violations {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final List<String> problems = new ArrayList<>();

    public Violations check(boolean ok, String field, String rule) {
        if (!ok) {
            problems.add("field '" + field + "': " + rule);
        }
        return this;
    }

    public Violations required(Object value, String field) {
        return check(value != null && !(value instanceof String s && s.isBlank()), field, "is required");
    }

    public Violations notEmpty(Collection<?> values, String field) {
        return check(values != null && !values.isEmpty(), field, "needs at least one entry");
    }

    public Violations noNulls(Collection<?> values, String field) {
        return check(values == null || values.stream().noneMatch(java.util.Objects::isNull), field,
                "must not contain null");
    }

    public Violations maxSize(Collection<?> values, int max, String field) {
        return check(values == null || values.size() <= max, field, "takes at most " + max + " entries");
    }

    public Violations id(String value, String field) {
        return check(value != null && ID.matcher(value).matches(), field,
                "must be 1-128 characters of letters, digits and . _ : @ -");
    }

    public Violations text(String value, int max, String field) {
        return check(value == null || value.length() <= max, field, "takes at most " + max + " characters");
    }

    public Violations nonNegative(Number value, String field) {
        return check(value == null || value.longValue() >= 0, field, "must not be negative");
    }

    public Violations hash(String value, String field) {
        return check(value == null || SHA256_HEX.matcher(value).matches(), field,
                "must be a SHA-256 digest in lower-case hex (64 characters)");
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new LedgerException(LedgerError.INVALID_ARGUMENT, String.join("; ", problems));
        }
    }
}
