package org.batteryledger.app.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.batteryledger.app.network.NetworkFiles.NETWORK;
import static org.batteryledger.app.network.NetworkFiles.setting;
import static org.batteryledger.app.network.NetworkFiles.settings;
import static org.batteryledger.app.network.NetworkFiles.words;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each organisation's client app finds its own peer, TLS root, MSP and identity in connection/<org>.properties. */
class ConnectionSettingsTest {

    static java.util.List<String> organisations() {
        return words("PEER_ORGS");
    }

    private static Properties load(String org) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(NETWORK.resolve("connection/" + org + ".properties"))) {
            p.load(r);
        }
        return p;
    }

    @ParameterizedTest
    @MethodSource("organisations")
    void the_settings_name_the_organisations_peer_msp_channel_and_chaincode_from_network_env(String org)
            throws IOException {
        Properties p = load(org);
        String domain = org + "." + settings().get("DOMAIN");

        assertThat(p.getProperty("battery.fabric.peer-endpoint")).isEqualTo("127.0.0.1:" + setting(org, "PEER_PORT"));
        assertThat(p.getProperty("battery.fabric.server-name-override")).isEqualTo("peer0." + domain);
        assertThat(p.getProperty("battery.fabric.msp-id")).isEqualTo(setting(org, "MSP"));
        assertThat(p.getProperty("battery.fabric.channel")).isEqualTo(settings().get("CHANNEL"));
        assertThat(p.getProperty("battery.fabric.chaincode")).isEqualTo(settings().get("CHAINCODE_NAME"));
        assertThat(p.getProperty("battery.ledger-mode")).isEqualTo("FABRIC");
    }

    @ParameterizedTest
    @MethodSource("organisations")
    void the_paths_point_where_the_scripts_write_the_tls_root_and_the_app_users_identity(String org)
            throws IOException {
        Properties p = load(org);
        String domain = org + "." + settings().get("DOMAIN");

        assertThat(p.getProperty("battery.fabric.tls-ca-cert")).isEqualTo("network-config/state/organizations/"
                + "peerOrganizations/" + domain + "/tlsca/tlsca." + domain + "-cert.pem");
        assertThat(p.getProperty("battery.fabric.identity-dir")).isEqualTo("network-config/state/identities/"
                + setting(org, "MSP") + "/" + setting(org, "APP_USER") + "/msp");
    }
}
