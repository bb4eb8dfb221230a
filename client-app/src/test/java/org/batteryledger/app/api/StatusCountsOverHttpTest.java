package org.batteryledger.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * The dashboard's status counts cover, for each trade, the units it would call its own: producers
 * what they hold or answer for (each unit once), the other trades what they hold. The counts must
 * agree with the search over the same read model.
 */
class StatusCountsOverHttpTest extends HttpLedgerTestBase {

    private static long total(ResponseEntity<JsonNode> counts) {
        long sum = 0;
        for (JsonNode n : counts.getBody()) {
            sum += n.asLong();
        }
        return sum;
    }

    /** Every code the search lists for a filter, across pages. */
    private Set<String> codes(String user, String query) {
        Set<String> out = new HashSet<>();
        String after = null;
        do {
            JsonNode page = get(user, "/api/batteries?limit=500&" + query + (after == null ? "" : "&after=" + after))
                    .getBody();
            page.get("items").forEach(u -> out.add(u.get("code").asText()));
            after = page.hasNonNull("next") ? page.get("next").asText() : null;
        } while (after != null);
        return out;
    }

    @Test
    void aRecyclerCountsTheUnitsItHolds() {
        ResponseEntity<JsonNode> counts = get("recycler", "/api/dashboard/status-counts");

        assertThat(counts.getHeaders().getFirst("Count-Scope")).isEqualTo("HELD");
        assertThat(total(counts)).isPositive()
                .isEqualTo(codes("recycler", "holder=" + companyId("recycler")).size());
    }

    @Test
    void aDismantlerCountsTheUnitsItHolds() {
        ResponseEntity<JsonNode> counts = get("dismantler", "/api/dashboard/status-counts");

        assertThat(counts.getHeaders().getFirst("Count-Scope")).isEqualTo("HELD");
        assertThat(total(counts)).isEqualTo(codes("dismantler", "holder=" + companyId("dismantler")).size());
    }

    @Test
    void anAutomakerCountsWhatItHoldsOrAnswersForEachUnitOnce() {
        String me = companyId("automaker");
        Set<String> union = codes("automaker", "holder=" + me);
        int held = union.size();
        union.addAll(codes("automaker", "responsible=" + me));

        ResponseEntity<JsonNode> counts = get("automaker", "/api/dashboard/status-counts");

        assertThat(counts.getHeaders().getFirst("Count-Scope")).isEqualTo("HELD_OR_RESPONSIBLE");
        assertThat(total(counts)).isEqualTo(union.size()).isGreaterThan(held);
    }

    @Test
    void aMakerMayNarrowItsCountsToTheUnitsItHolds() {
        ResponseEntity<JsonNode> held = get("maker", "/api/dashboard/status-counts?scope=HELD");
        ResponseEntity<JsonNode> both = get("maker", "/api/dashboard/status-counts");

        assertThat(total(held)).isEqualTo(codes("maker", "holder=" + companyId("maker")).size());
        assertThat(total(both)).isGreaterThan(total(held));
    }

    @Test
    void anAuthorityCountsEverything() {
        ResponseEntity<JsonNode> counts = get("regulator", "/api/dashboard/status-counts");

        assertThat(counts.getHeaders().getFirst("Count-Scope")).isEqualTo("ALL");
        assertThat(total(counts)).isGreaterThan(total(get("maker", "/api/dashboard/status-counts")));
    }

    @Test
    void anUnknownScopeIsABadRequestNamingTheField() {
        ResponseEntity<JsonNode> r = get("maker", "/api/dashboard/status-counts?scope=EVERYONE");

        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody().get("detail").asText()).contains("field 'scope'");
    }
}
