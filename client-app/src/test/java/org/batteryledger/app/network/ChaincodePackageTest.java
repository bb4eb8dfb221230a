package org.batteryledger.app.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.batteryledger.app.network.NetworkFiles.JSON;
import static org.batteryledger.app.network.NetworkFiles.NETWORK;
import static org.batteryledger.app.network.NetworkFiles.SCRIPTS;
import static org.batteryledger.app.network.NetworkFiles.bash;
import static org.batteryledger.app.network.NetworkFiles.run;
import static org.batteryledger.app.network.NetworkFiles.setting;
import static org.batteryledger.app.network.NetworkFiles.settings;
import static org.batteryledger.app.network.NetworkFiles.words;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.batteryledger.app.identity.DevelopmentCa;
import org.batteryledger.app.identity.PemFiles;
import org.batteryledger.app.network.NetworkFiles.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaincode-as-a-service packages (scripts/package-cc.sh, network.sh package) and the builder the
 * native peers run them with (builders/ccaas/bin): the install-package layout, the package id,
 * and the detect / build / release contract.
 */
class ChaincodePackageTest {
    private static final Path BUILDER = NETWORK.resolve("builders/ccaas/bin");

    @TempDir
    Path tmp;

    private Path rootCert;

    @BeforeEach
    void tlsRoot() {
        rootCert = tmp.resolve("tls-ca.pem");
        PemFiles.writeCertificate(rootCert, new DevelopmentCa().caCertificate("MakerMSP"));
    }

    private Result packageCc(String label, String address, Path out) {
        return bash(Map.of(), SCRIPTS.resolve("package-cc.sh").toString(), "--label", label, "--address", address,
                "--tls-root-cert", rootCert.toString(), "--out", out.toString());
    }

    private Path untar(Path archive, String dir) throws IOException {
        Path target = Files.createDirectories(tmp.resolve(dir));
        Result r = run(Map.of(), tmp, "tar", "-xzf", archive.toString(), "-C", target.toString());
        assertThat(r.status()).as(r.err()).isZero();
        return target;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            d.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(d.digest());
    }

    @Nested
    class Package {
        @Test
        void holds_ccaas_metadata_and_a_code_archive_with_the_connection_and_the_couchdb_indexes() throws Exception {
            Path pkg = tmp.resolve("out/maker.tar.gz");

            Result r = packageCc("battery_1.0", "127.0.0.1:8060", pkg);

            assertThat(r.status()).as(r.err()).isZero();
            Path outer = untar(pkg, "outer");
            try (Stream<Path> s = Files.list(outer)) {
                assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("metadata.json",
                        "code.tar.gz");
            }
            JsonNode metadata = JSON.readTree(outer.resolve("metadata.json").toFile());
            assertThat(metadata.get("type").asText()).isEqualTo("ccaas");
            assertThat(metadata.get("label").asText()).isEqualTo("battery_1.0");
            Path code = untar(outer.resolve("code.tar.gz"), "code");
            JsonNode connection = JSON.readTree(code.resolve("connection.json").toFile());
            assertThat(connection.get("address").asText()).isEqualTo("127.0.0.1:8060");
            assertThat(connection.get("tls_required").asBoolean()).isTrue();
            assertThat(connection.get("root_cert").asText()).isEqualTo(Files.readString(rootCert));
            try (Stream<Path> s = Files.list(code.resolve("META-INF/statedb/couchdb/indexes"))) {
                assertThat(s.map(p -> p.getFileName().toString())).contains("indexUnitHolderStatus.json",
                        "indexUnitVin.json");
            }
        }

        @Test
        void prints_the_package_id_the_peer_computes_and_the_same_inputs_give_the_same_id() throws Exception {
            Path first = tmp.resolve("a.tar.gz");
            Path second = tmp.resolve("b.tar.gz");

            Result r1 = packageCc("battery_1.0", "127.0.0.1:8060", first);
            Result r2 = packageCc("battery_1.0", "127.0.0.1:8060", second);

            assertThat(r1.out().strip()).isEqualTo("battery_1.0:" + sha256(first));
            assertThat(r2.out()).isEqualTo(r1.out());
            Result other = packageCc("battery_1.0", "127.0.0.1:9060", tmp.resolve("c.tar.gz"));
            assertThat(other.out()).isNotEqualTo(r1.out());
        }

        @Test
        void refuses_a_label_the_peer_would_refuse_and_an_address_without_a_port() {
            Result badLabel = packageCc("-battery 1", "127.0.0.1:8060", tmp.resolve("x.tar.gz"));
            Result badAddress = packageCc("battery_1.0", "127.0.0.1", tmp.resolve("y.tar.gz"));

            assertThat(badLabel.status()).isEqualTo(2);
            assertThat(badLabel.err()).contains("label '-battery 1'");
            assertThat(badAddress.status()).isEqualTo(2);
            assertThat(badAddress.err()).contains("address '127.0.0.1' is not host:port");
            assertThat(tmp.resolve("x.tar.gz")).doesNotExist();
        }

        @Test
        void network_package_makes_one_package_per_organisation_and_the_ids_for_compose_without_fabric()
                throws Exception {
            Path state = tmp.resolve("state");
            for (String org : words("PEER_ORGS")) {
                String domain = org + "." + settings().get("DOMAIN");
                Path tls = state.resolve("organizations/peerOrganizations/" + domain + "/peers/ccaas." + domain + "/tls");
                Files.createDirectories(tls);
                Files.copy(rootCert, tls.resolve("ca.crt"));
            }
            Path jar = Files.writeString(tmp.resolve("chaincode.jar"), "not really a jar");
            Map<String, String> env = Map.of("BATTERY_NETWORK_STATE", state.toString(), "CHAINCODE_JAR",
                    jar.toString());

            Result r = bash(env, SCRIPTS.resolve("network.sh").toString(), "package");
            Result again = bash(env, SCRIPTS.resolve("network.sh").toString(), "package");

            assertThat(r.status()).as(r.err()).isZero();
            assertThat(again.status()).as(again.err()).isZero();
            String label = settings().get("CHAINCODE_NAME") + "_" + settings().get("CHAINCODE_VERSION");
            List<String> composeEnv = Files.readAllLines(state.resolve("chaincode/compose.env"));
            assertThat(composeEnv).hasSameSizeAs(words("PEER_ORGS"));
            for (String org : words("PEER_ORGS")) {
                Path pkg = state.resolve("chaincode/" + label + "/" + org + ".tar.gz");
                String id = label + ":" + sha256(pkg);
                assertThat(composeEnv).contains(org.toUpperCase(java.util.Locale.ROOT) + "_PACKAGE_ID=" + id);
                Path code = untar(untar(pkg, org + "-outer").resolve("code.tar.gz"), org + "-code");
                assertThat(JSON.readTree(code.resolve("connection.json").toFile()).get("address").asText())
                        .isEqualTo("127.0.0.1:" + setting(org, "CCAAS_PORT"));
            }
        }
    }

    @Nested
    class Builder {
        private Path source;
        private Path metadata;

        @BeforeEach
        void unpackedPackage() throws IOException {
            source = Files.createDirectories(tmp.resolve("src"));
            metadata = Files.createDirectories(tmp.resolve("meta"));
            Files.writeString(metadata.resolve("metadata.json"), "{\"type\":\"CCaaS\",\"label\":\"battery_1.0\"}");
            Files.writeString(source.resolve("connection.json"),
                    "{\"address\":\"{{.host}}:8060\",\"dial_timeout\":\"10s\",\"tls_required\":false}");
            Path indexes = Files.createDirectories(source.resolve("META-INF/statedb/couchdb/indexes"));
            Files.writeString(indexes.resolve("indexUnitVin.json"), "{\"index\":{\"fields\":[\"vin\"]}}");
        }

        private Result step(Map<String, String> env, String name, Path... args) {
            String[] cmd = new String[args.length + 1];
            cmd[0] = BUILDER.resolve(name).toString();
            for (int i = 0; i < args.length; i++) {
                cmd[i + 1] = args[i].toString();
            }
            return run(env, tmp, cmd);
        }

        @Test
        void detect_accepts_ccaas_in_any_case_and_declines_other_types() throws IOException {
            assertThat(step(Map.of(), "detect", source, metadata).status()).isZero();

            Files.writeString(metadata.resolve("metadata.json"), "{\"type\":\"java\",\"label\":\"battery_1.0\"}");
            assertThat(step(Map.of(), "detect", source, metadata).status()).isEqualTo(1);
        }

        @Test
        void build_renders_connection_values_from_the_peers_builder_config_and_keeps_the_indexes() throws IOException {
            Path out = tmp.resolve("build");
            Map<String, String> env = Map.of("CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG", "{\"host\": \"127.0.0.1\"}");

            Result r = step(env, "build", source, metadata, out);

            assertThat(r.status()).as(r.err()).isZero();
            assertThat(JSON.readTree(out.resolve("connection.json").toFile()).get("address").asText())
                    .isEqualTo("127.0.0.1:8060");
            assertThat(out.resolve("META-INF/statedb/couchdb/indexes/indexUnitVin.json")).exists();
        }

        @Test
        void build_fails_naming_a_template_key_the_builder_config_lacks() {
            Result r = step(Map.of("CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG", "{\"port\":\"1\"}"), "build", source,
                    metadata, tmp.resolve("build"));

            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err()).contains("{{.host}}");
        }

        @Test
        void release_hands_the_peer_the_connection_and_the_couchdb_indexes() throws IOException {
            Path out = tmp.resolve("build");
            Path release = tmp.resolve("release");
            step(Map.of("CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG", "{\"host\":\"127.0.0.1\"}"), "build", source, metadata,
                    out);

            Result r = step(Map.of(), "release", out, release);

            assertThat(r.status()).as(r.err()).isZero();
            assertThat(JSON.readTree(release.resolve("chaincode/server/connection.json").toFile()).get("address")
                    .asText()).isEqualTo("127.0.0.1:8060");
            assertThat(release.resolve("statedb/couchdb/indexes/indexUnitVin.json")).exists();
        }
    }
}
