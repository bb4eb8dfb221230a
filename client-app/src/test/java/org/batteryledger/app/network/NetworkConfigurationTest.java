package org.batteryledger.app.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.batteryledger.app.network.NetworkFiles.NETWORK;
import static org.batteryledger.app.network.NetworkFiles.at;
import static org.batteryledger.app.network.NetworkFiles.setting;
import static org.batteryledger.app.network.NetworkFiles.settings;
import static org.batteryledger.app.network.NetworkFiles.words;
import static org.batteryledger.app.network.NetworkFiles.yaml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.batteryledger.app.demo.DemoCompany;
import org.batteryledger.app.demo.DemoConsortium;
import org.batteryledger.chaincode.participant.Role;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The consortium as configured: network.env, configtx.yaml and crypto-config.yaml agree with each
 * other and with the demo consortium, so the scripts, the compose file and the channel describe
 * one network.
 */
class NetworkConfigurationTest {
    private static final Map<String, Object> CONFIGTX = yaml(NETWORK.resolve("config/configtx.yaml"));
    private static final Map<String, Object> CRYPTO = yaml(NETWORK.resolve("config/crypto-config.yaml"));
    private static final String DOMAIN = settings().get("DOMAIN");

    private static List<Map<String, Object>> applicationOrgs() {
        return at(CONFIGTX, "Profiles", "BatteryChannel", "Application", "Organizations");
    }

    @Nested
    class Ordering {
        @Test
        void three_raft_consenters_on_the_orderer_ports_of_network_env_each_with_its_own_tls_certificate() {
            List<Map<String, Object>> consenters = at(CONFIGTX, "Profiles", "BatteryChannel", "Orderer", "EtcdRaft",
                    "Consenters");
            assertThat(at(CONFIGTX, "Profiles", "BatteryChannel", "Orderer", "OrdererType").toString())
                    .isEqualTo("etcdraft");
            List<String> orderers = words("ORDERERS");
            assertThat(orderers).hasSize(3);
            assertThat(consenters).hasSize(3);
            for (int i = 0; i < 3; i++) {
                Map<String, Object> c = consenters.get(i);
                String node = orderers.get(i) + ".orderer." + DOMAIN;
                assertThat(c.get("Host")).isEqualTo("127.0.0.1");
                assertThat(c.get("Port").toString()).isEqualTo(setting(orderers.get(i), "PORT"));
                assertThat(c.get("ServerTLSCert").toString()).endsWith("/orderers/" + node + "/tls/server.crt");
                assertThat(c.get("ClientTLSCert").toString()).endsWith("/orderers/" + node + "/tls/server.crt");
            }
        }

        @Test
        void the_orderer_organisation_lists_every_orderer_endpoint() {
            Map<String, Object> ordererOrg = ((List<Map<String, Object>>) at(CONFIGTX, "Profiles", "BatteryChannel",
                    "Orderer", "Organizations")).get(0);
            assertThat(ordererOrg.get("ID")).isEqualTo(settings().get("ORDERER_MSP"));
            assertThat((List<String>) ordererOrg.get("OrdererEndpoints")).containsExactlyElementsOf(
                    words("ORDERERS").stream().map(o -> "127.0.0.1:" + setting(o, "PORT")).toList());
        }

        @Test
        void cryptogen_issues_a_certificate_for_every_orderer_naming_127_0_0_1() {
            Map<String, Object> org = ((List<Map<String, Object>>) CRYPTO.get("OrdererOrgs")).get(0);
            assertThat(org.get("Domain")).isEqualTo("orderer." + DOMAIN);
            assertThat(org.get("EnableNodeOUs")).isEqualTo(true);
            List<Map<String, Object>> specs = (List<Map<String, Object>>) org.get("Specs");
            assertThat(specs.stream().map(s -> s.get("Hostname")).toList()).containsExactlyElementsOf(words("ORDERERS"));
            assertThat(specs).allSatisfy(s -> assertThat((List<String>) s.get("SANS")).contains("127.0.0.1"));
        }
    }

    @Nested
    class Organisations {
        @Test
        void the_channel_has_one_organisation_per_peer_org_of_network_env_with_its_anchor_peer() {
            List<String> orgs = words("PEER_ORGS");
            assertThat(applicationOrgs()).hasSameSizeAs(orgs);
            for (int i = 0; i < orgs.size(); i++) {
                Map<String, Object> org = applicationOrgs().get(i);
                String msp = setting(orgs.get(i), "MSP");
                assertThat(org.get("ID")).isEqualTo(msp);
                assertThat(org.get("MSPDir").toString()).endsWith("/peerOrganizations/" + orgs.get(i) + "." + DOMAIN
                        + "/msp");
                Map<String, Object> anchor = ((List<Map<String, Object>>) org.get("AnchorPeers")).get(0);
                assertThat(anchor.get("Host")).isEqualTo("127.0.0.1");
                assertThat(anchor.get("Port").toString()).isEqualTo(setting(orgs.get(i), "PEER_PORT"));
                assertThat(at(org, "Policies", "Endorsement", "Rule").toString()).isEqualTo("OR('" + msp + ".peer')");
            }
        }

        @Test
        void every_organisation_is_a_demo_company_and_the_stakeholders_the_issue_names_are_all_there() {
            Set<Role> roles = new HashSet<>();
            for (String org : words("PEER_ORGS")) {
                DemoCompany company = DemoConsortium.companies().stream()
                        .filter(c -> c.mspId().equals(setting(org, "MSP"))).findFirst()
                        .orElseThrow(() -> new AssertionError(org + " is no demo company's MSP"));
                roles.add(company.role());
                assertThat(setting(org, "APP_USER")).as("app user of " + org).isEqualTo(company.username());
            }
            assertThat(roles).contains(Role.REGULATOR, Role.BATTERY_MAKER, Role.AUTOMAKER, Role.RECYCLER);
        }

        @Test
        void cryptogen_gives_every_organisation_a_peer_and_a_chaincode_server_certificate_naming_127_0_0_1() {
            List<Map<String, Object>> peerOrgs = (List<Map<String, Object>>) CRYPTO.get("PeerOrgs");
            assertThat(peerOrgs.stream().map(o -> o.get("Domain")).toList()).containsExactlyElementsOf(
                    words("PEER_ORGS").stream().map(o -> o + "." + DOMAIN).toList());
            for (Map<String, Object> org : peerOrgs) {
                assertThat(org.get("EnableNodeOUs")).isEqualTo(true);
                List<Map<String, Object>> specs = (List<Map<String, Object>>) org.get("Specs");
                assertThat(specs.stream().map(s -> s.get("Hostname")).toList()).containsExactly("peer0", "ccaas");
                assertThat(specs).allSatisfy(s -> assertThat((List<String>) s.get("SANS")).contains("127.0.0.1"));
            }
        }

        @Test
        void the_channel_runs_with_fabric_2_5_application_capabilities() {
            Map<String, Object> caps = at(CONFIGTX, "Profiles", "BatteryChannel", "Application", "Capabilities");
            assertThat(caps).containsEntry("V2_5", true);
        }
    }

    @Nested
    class Settings {
        @Test
        void every_port_is_unique() {
            List<String> ports = new ArrayList<>();
            settings().forEach((k, v) -> {
                if (k.endsWith("_PORT")) {
                    ports.add(v);
                }
            });
            assertThat(ports).hasSize(3 * 3 + words("PEER_ORGS").size() * 4).doesNotHaveDuplicates()
                    .allSatisfy(p -> assertThat(Integer.parseInt(p)).isBetween(1024, 65535));
        }

        @Test
        void the_endorsement_policy_asks_two_distinct_organisations_out_of_all_of_them() {
            Matcher m = Pattern.compile("OutOf\\((\\d+),(.*)\\)").matcher(settings().get("ENDORSEMENT_POLICY"));
            assertThat(m.matches()).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(2);
            List<String> principals = List.of(m.group(2).split(","));
            assertThat(principals).containsExactlyInAnyOrderElementsOf(
                    words("PEER_ORGS").stream().map(o -> "'" + setting(o, "MSP") + ".peer'").toList());
        }
    }
}
