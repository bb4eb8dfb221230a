package org.batteryledger.app.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The identifiers a request names: every string of 17 or more upper-case letters and digits,
 * which covers GB/T 34014 codes (24 and 19 characters), VINs (17) and unified social credit codes
 * (18) without knowing any request's fields. Two entries sharing one are sent in creation order,
 * one after the other, so "register, then ship" queued offline never reaches the ledger as "ship,
 * then register" (which the contract would refuse for good). A false match only costs parallelism.
 */
final class OrderingKeys {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Z0-9]{17,64}");
    private static final Set<String> SKIPPED_FIELDS = Set.of("clientEventId", "occurredAt");

    private OrderingKeys() {}

    static Set<String> of(JsonNode request) {
        Set<String> keys = new TreeSet<>();
        if (request.isObject()) {
            for (Map.Entry<String, JsonNode> field : request.properties()) {
                if (!SKIPPED_FIELDS.contains(field.getKey())) {
                    collect(field.getValue(), keys);
                }
            }
        }
        return keys;
    }

    static String join(Set<String> keys) {
        return String.join(" ", keys);
    }

    static Set<String> split(String joined) {
        return joined.isEmpty() ? Collections.emptySet() : new TreeSet<>(Arrays.asList(joined.split(" ")));
    }

    private static void collect(JsonNode node, Set<String> keys) {
        if (node.isTextual()) {
            String text = node.textValue();
            if (IDENTIFIER.matcher(text).matches()) {
                keys.add(text);
            }
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, keys));
        }
    }
}
