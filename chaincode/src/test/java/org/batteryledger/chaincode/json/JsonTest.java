package org.batteryledger.chaincode.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.batteryledger.chaincode.error.LedgerError;
import org.batteryledger.chaincode.error.LedgerException;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Sample(String zeta, long alpha, Map<String, Integer> map, String absent) {}

    record Mass(long grams) {}

    @Test
    void writes_properties_and_map_keys_in_sorted_order_without_nulls() {
        String json = Json.string(new Sample("z", 1, Map.of("b", 2, "a", 1), null));

        assertThat(json).isEqualTo("{\"alpha\":1,\"map\":{\"a\":1,\"b\":2},\"zeta\":\"z\"}");
    }

    @Test
    void refuses_floating_point_where_an_integer_is_expected() {
        assertThatThrownBy(() -> Json.request("{\"grams\":1.5}", Mass.class))
                .isInstanceOfSatisfying(LedgerException.class,
                        e -> assertThat(e.error()).isEqualTo(LedgerError.INVALID_ARGUMENT))
                .hasMessageContaining("grams");
    }

    @Test
    void refuses_unknown_fields_naming_them() {
        assertThatThrownBy(() -> Json.request("{\"grams\":1,\"kg\":2}", Mass.class))
                .hasMessageStartingWith("INVALID_ARGUMENT")
                .hasMessageContaining("'kg'");
    }

    @Test
    void refuses_an_empty_request() {
        assertThatThrownBy(() -> Json.request(" ", Mass.class)).hasMessageContaining("empty");
    }
}
