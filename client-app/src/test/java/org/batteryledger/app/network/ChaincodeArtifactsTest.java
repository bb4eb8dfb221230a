package org.batteryledger.app.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.batteryledger.app.network.NetworkFiles.REPO;
import static org.batteryledger.app.network.NetworkFiles.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.batteryledger.chaincode.recycling.RecyclingBatch;
import org.batteryledger.chaincode.unit.BatteryUnit;
import org.junit.jupiter.api.Test;

/**
 * What ships with the chaincode for the network: CouchDB indexes over fields the stored documents
 * really have, and no collection configuration, because the contract keeps private data only in
 * Fabric's implicit per-organisation collections.
 */
class ChaincodeArtifactsTest {
    private static final Path INDEXES = REPO.resolve("chaincode/src/main/resources/META-INF/statedb/couchdb/indexes");
    private static final Path CHAINCODE_SOURCES = REPO.resolve("chaincode/src/main/java");

    private static List<Path> indexFiles() throws IOException {
        try (Stream<Path> s = Files.list(INDEXES)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void every_index_is_a_couchdb_json_index_over_fields_of_a_stored_unit_or_recycling_batch() throws IOException {
        Set<String> unitFields = Arrays.stream(BatteryUnit.class.getRecordComponents()).map(c -> c.getName())
                .collect(Collectors.toSet());
        Set<String> batchFields = Arrays.stream(RecyclingBatch.class.getRecordComponents()).map(c -> c.getName())
                .collect(Collectors.toSet());
        assertThat(indexFiles()).isNotEmpty();
        for (Path file : indexFiles()) {
            JsonNode index = json(file);
            String name = file.getFileName().toString().replace(".json", "");
            assertThat(index.path("type").asText()).isEqualTo("json");
            assertThat(index.path("name").asText()).isEqualTo(name);
            assertThat(index.path("ddoc").asText()).isEqualTo(name + "Doc");
            List<String> fields = toList(index.path("index").path("fields"));
            assertThat(fields).as(name).isNotEmpty();
            Set<String> stored = name.startsWith("indexBatch") ? batchFields : unitFields;
            assertThat(stored).as(name).containsAll(fields);
        }
    }

    private static List<String> toList(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void private_data_goes_only_to_implicit_organisation_collections_so_no_collections_config_ships()
            throws IOException {
        Pattern call = Pattern.compile("(?:put|get|del|purge)PrivateData\\w*\\(\\s*([^,]+),");
        int calls = 0;
        try (Stream<Path> files = Files.walk(CHAINCODE_SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = call.matcher(Files.readString(f));
                while (m.find()) {
                    calls++;
                    assertThat(m.group(1).strip()).as(f.getFileName() + ": " + m.group()).matches(
                            "(Handovers\\.)?collectionOf\\(.*");
                }
            }
        }
        assertThat(calls).isPositive();
        assertThat(org.batteryledger.chaincode.custody.Handovers.collectionOf("MakerMSP"))
                .isEqualTo("_implicit_org_MakerMSP");
        try (Stream<Path> files = Files.walk(REPO.resolve("network-config"))) {
            assertThat(files.filter(p -> !p.startsWith(REPO.resolve("network-config/state")))
                    .map(p -> p.getFileName().toString())).doesNotContain("collections_config.json");
        }
    }
}
