package org.batteryledger.chaincode.recycledcontent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.batteryledger.chaincode.recycledcontent.DeclareRecycledContent.Share;
import org.batteryledger.chaincode.tx.Violations;
import org.junit.jupiter.api.Test;

/** The field rules of a declaration, without a ledger: each names its field. */
class DeclareRecycledContentTest {
    private static final String HASH = "0123456789abcdef".repeat(4);

    private static DeclareRecycledContent request(String model, String plant, Integer year, Map<String, Share> shares,
            String hash) {
        return new DeclareRecycledContent("evt-1", null, model, plant, year, shares, hash, null);
    }

    private static String problems(DeclareRecycledContent r) {
        Violations v = new Violations();
        r.validate(v);
        try {
            v.throwIfAny();
            return "";
        } catch (org.batteryledger.chaincode.error.LedgerException e) {
            return e.detail();
        }
    }

    @Test
    void a_complete_declaration_has_no_problem() {
        assertThat(problems(request("NCM-811-P1", "Ningde plant 1", 2026,
                Map.of("CO", new Share(500, 1200), "PB", new Share(0, 10_000)), HASH))).isEmpty();
    }

    @Test
    void shares_adding_to_exactly_100_percent_are_accepted() {
        assertThat(problems(request("M", "P", 2026, Map.of("LI", new Share(4_000, 6_000)), HASH))).isEmpty();
    }

    @Test
    void shares_adding_to_more_than_100_percent_are_refused_naming_the_material() {
        assertThat(problems(request("M", "P", 2026, Map.of("NI", new Share(6_000, 4_001)), HASH)))
                .contains("field 'shares.NI'", "more than 10000");
    }

    @Test
    void a_negative_or_over_whole_share_is_refused() {
        String p = problems(request("M", "P", 2026, Map.of("CO", new Share(-1, 10_001)), HASH));
        assertThat(p).contains("field 'shares.CO.preConsumerBasisPoints': must be between 0 and 10000",
                "field 'shares.CO.postConsumerBasisPoints': must be between 0 and 10000");
    }

    @Test
    void copper_is_not_a_material_of_article_8() {
        assertThat(problems(request("M", "P", 2026, Map.of("CU", new Share(100, 100)), HASH)))
                .contains("field 'shares.CU': is not a material of Art. 8");
    }

    @Test
    void a_missing_share_figure_is_refused_not_read_as_zero() {
        assertThat(problems(request("M", "P", 2026, Map.of("CO", new Share(null, 100)), HASH)))
                .contains("field 'shares.CO.preConsumerBasisPoints': is required");
    }

    @Test
    void a_declaration_without_materials_is_refused() {
        assertThat(problems(request("M", "P", 2026, Map.of(), HASH))).contains("field 'shares'");
    }

    @Test
    void model_and_plant_are_required_and_bounded() {
        assertThat(problems(request(" ", null, 2026, Map.of("CO", new Share(1, 1)), HASH)))
                .contains("field 'model': is required", "field 'plant': is required");
        assertThat(problems(request("M".repeat(101), "P".repeat(201), 2026, Map.of("CO", new Share(1, 1)), HASH)))
                .contains("field 'model': takes at most 100", "field 'plant': takes at most 200");
    }

    @Test
    void control_characters_in_a_key_part_are_refused() {
        assertThat(problems(request("M\u0000X", "P", 2026, Map.of("CO", new Share(1, 1)), HASH)))
                .contains("field 'model': must not contain control characters");
    }

    @Test
    void a_year_before_2011_is_refused() {
        assertThat(problems(request("M", "P", 2010, Map.of("CO", new Share(1, 1)), HASH)))
                .contains("field 'year': must be 2011 or later");
        assertThat(problems(request("M", "P", null, Map.of("CO", new Share(1, 1)), HASH)))
                .contains("field 'year': is required");
    }

    @Test
    void the_document_hash_is_required_and_a_sha256() {
        assertThat(problems(request("M", "P", 2026, Map.of("CO", new Share(1, 1)), null)))
                .contains("field 'documentHash': is required");
        assertThat(problems(request("M", "P", 2026, Map.of("CO", new Share(1, 1)), "ABC")))
                .contains("field 'documentHash': must be a SHA-256");
    }

    @Test
    void every_problem_is_reported_at_once() {
        Map<String, Share> shares = new LinkedHashMap<>();
        shares.put("CU", new Share(1, 1));
        shares.put("LI", new Share(9_000, 9_000));
        String p = problems(request(null, "P", 2000, shares, "x"));
        assertThat(p).contains("'model'", "'year'", "'shares.CU'", "'shares.LI'", "'documentHash'");
    }
}
