package org.batteryledger.app.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.batteryledger.app.network.NetworkFiles.NETWORK;
import static org.batteryledger.app.network.NetworkFiles.at;
import static org.batteryledger.app.network.NetworkFiles.lines;
import static org.batteryledger.app.network.NetworkFiles.setting;
import static org.batteryledger.app.network.NetworkFiles.settings;
import static org.batteryledger.app.network.NetworkFiles.words;
import static org.batteryledger.app.network.NetworkFiles.yaml;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The compose file runs the same network as the native scripts. No Docker engine here: it is
 * checked as YAML, against network.env, and never started by these tests.
 */
class ComposeFileTest {
    private static final Map<String, Object> COMPOSE = yaml(NETWORK.resolve("compose/compose.yaml"));
    private static final String DOMAIN = settings().get("DOMAIN");

    private static Map<String, Object> service(String name) {
        return at(COMPOSE, "services", name);
    }

    @Test
    void three_orderers_on_the_official_2_5_image_with_the_ports_of_network_env_and_tls() {
        for (String o : words("ORDERERS")) {
            Map<String, Object> s = service(o);
            Map<String, Object> env = at(s, "environment");
            assertThat(s.get("image")).isEqualTo("hyperledger/fabric-orderer:2.5");
            assertThat(env.get("ORDERER_GENERAL_LISTENPORT").toString()).isEqualTo(setting(o, "PORT"));
            assertThat(env.get("ORDERER_ADMIN_LISTENADDRESS")).isEqualTo("127.0.0.1:" + setting(o, "ADMIN_PORT"));
            assertThat(env.get("ORDERER_OPERATIONS_LISTENADDRESS"))
                    .isEqualTo("127.0.0.1:" + setting(o, "OPERATIONS_PORT"));
            assertThat(env.get("ORDERER_GENERAL_TLS_ENABLED")).isEqualTo("true");
            assertThat(env.get("ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED")).isEqualTo("true");
        }
    }

    @Test
    void one_peer_per_organisation_on_the_official_2_5_image_with_the_ccaas_builder_and_tls() {
        for (String org : words("PEER_ORGS")) {
            Map<String, Object> s = service("peer0." + org);
            Map<String, Object> env = at(s, "environment");
            assertThat(s.get("image")).isEqualTo("hyperledger/fabric-peer:2.5");
            assertThat(env.get("CORE_PEER_ID")).isEqualTo("peer0." + org + "." + DOMAIN);
            assertThat(env.get("CORE_PEER_LISTENADDRESS")).isEqualTo("127.0.0.1:" + setting(org, "PEER_PORT"));
            assertThat(env.get("CORE_PEER_LOCALMSPID")).isEqualTo(setting(org, "MSP"));
            assertThat(env.get("CORE_OPERATIONS_LISTENADDRESS"))
                    .isEqualTo("127.0.0.1:" + setting(org, "OPERATIONS_PORT"));
            assertThat(env.get("CORE_PEER_TLS_ENABLED")).isEqualTo("true");
            assertThat(env.get("CORE_CHAINCODE_EXTERNALBUILDERS").toString())
                    .contains("path: /opt/hyperledger/ccaas_builder");
        }
    }

    @Test
    void one_chaincode_server_per_organisation_from_the_chaincode_image_on_its_ccaas_port() {
        for (String org : words("PEER_ORGS")) {
            Map<String, Object> s = service("ccaas." + org);
            Map<String, Object> env = at(s, "environment");
            assertThat(at(s, "build", "dockerfile").toString()).endsWith("chaincode.Dockerfile");
            assertThat(env.get("CHAINCODE_SERVER_ADDRESS")).isEqualTo("127.0.0.1:" + setting(org, "CCAAS_PORT"));
            assertThat(env.get("CORE_CHAINCODE_ID_NAME").toString())
                    .contains(org.toUpperCase(java.util.Locale.ROOT) + "_PACKAGE_ID");
            assertThat(env.get("CORE_PEER_LOCALMSPID")).isEqualTo(setting(org, "MSP"));
            assertThat(env.get("CORE_PEER_TLS_ENABLED")).isEqualTo("true");
        }
    }

    @Test
    void every_container_shares_the_hosts_network_so_the_native_addresses_hold() {
        Map<String, Map<String, Object>> services = at(COMPOSE, "services");
        assertThat(services).hasSize(3 + 2 * words("PEER_ORGS").size() + 1);
        assertThat(services.values()).allSatisfy(s -> assertThat(s.get("network_mode")).isEqualTo("host"));
        assertThat(service("tools").get("image")).isEqualTo("hyperledger/fabric-tools:2.5");
    }

    @Test
    void the_chaincode_image_runs_the_shaded_jar_on_a_java_17_runtime() {
        var dockerfile = lines(NETWORK.resolve("compose/chaincode.Dockerfile"));
        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre", "COPY chaincode.jar /opt/battery/chaincode.jar");
        assertThat(at(service("ccaas.maker"), "build", "context").toString()).isEqualTo("../../chaincode/target");
    }
}
