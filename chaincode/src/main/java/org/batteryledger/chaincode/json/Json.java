package org.batteryledger.chaincode.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;

/**
 * The one JSON mapper of the ledger. Every peer must write the same bytes for the same state,
 * so properties and map keys are sorted, nulls are left out, and floating point is refused on
 * input (masses, energies and shares are integers). Dates are ISO strings.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            // Only record components are state: isActive(), isContained() and the like are derived.
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .addModule(new com.fasterxml.jackson.module.blackbird.BlackbirdModule())
            .build();

    private Json() {}

    /** The shared mapper, for callers outside the chaincode that must write identical JSON. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Our own records always serialize; reaching this is a programming error.
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static String string(Object value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    /** Reads stored state; stored bytes were written by this mapper, so failure is corruption. */
    public static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable", e);
        }
    }

    /** Reads a client request; any problem is the client's and is reported as INVALID_ARGUMENT. */
    public static <T> T request(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw new LedgerException(LedgerError.INVALID_ARGUMENT, "request body is empty");
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new LedgerException(LedgerError.INVALID_ARGUMENT,
                    "field '%s' is not part of %s", e.getPropertyName(), type.getSimpleName());
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw new LedgerException(LedgerError.INVALID_ARGUMENT,
                    "field '%s' has the wrong type or is missing: %s", path(e), e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new LedgerException(LedgerError.INVALID_ARGUMENT, "request is not valid JSON: %s",
                    e.getOriginalMessage());
        }
    }

    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new LedgerException(LedgerError.INVALID_ARGUMENT, "not valid JSON: %s", e.getOriginalMessage());
        }
    }

    private static String path(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(root)" : sb.toString();
    }
}
