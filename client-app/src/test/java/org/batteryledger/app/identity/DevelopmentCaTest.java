package org.batteryledger.app.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import org.batteryledger.chaincode.testkit.InMemoryLedger;
import org.batteryledger.chaincode.testkit.InMemoryStub;
import org.bouncycastle.asn1.ASN1OctetString;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Test;

class DevelopmentCaTest {
    private static final String PARTICIPANT = "91350900MA2XK3L41X";
    private final DevelopmentCa ca = new DevelopmentCa();

    @Test
    void a_user_certificate_is_signed_by_its_msps_ca_and_no_other() throws Exception {
        LedgerUser user = ca.issue("MakerMSP", "maker", PARTICIPANT, "BATTERY_MAKER");
        X509Certificate caCert = ca.caCertificate("MakerMSP");

        user.certificate().verify(caCert.getPublicKey());
        caCert.verify(caCert.getPublicKey()); // self-signed
        assertThat(user.certificate().getIssuerX500Principal()).isEqualTo(caCert.getSubjectX500Principal());
        assertThat(user.certificate().getSubjectX500Principal().getName("RFC1779"))
                .isEqualTo("CN=maker, OU=client, O=MakerMSP");
        assertThat(caCert.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(user.certificate().getBasicConstraints()).isEqualTo(-1);
        assertThat(((ECPublicKey) user.certificate().getPublicKey()).getParams().getCurve().getField().getFieldSize())
                .isEqualTo(256);

        X509Certificate otherCa = ca.caCertificate("AutoMSP");
        assertThatThrownBy(() -> user.certificate().verify(otherCa.getPublicKey()))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void the_attribute_extension_is_fabric_cas_raw_sorted_json() {
        LedgerUser user = ca.issue("MakerMSP", "maker", PARTICIPANT, "BATTERY_MAKER");
        byte[] raw = ASN1OctetString.getInstance(user.certificate().getExtensionValue(FabricCaAttributes.OID))
                .getOctets();

        assertThat(new String(raw, StandardCharsets.UTF_8)).isEqualTo("{\"attrs\":{\"hf.Affiliation\":\"\","
                + "\"hf.EnrollmentID\":\"maker\",\"hf.Type\":\"client\",\"participant\":\"" + PARTICIPANT + "\","
                + "\"role\":\"BATTERY_MAKER\"}}");
        assertThat(user.certificate().getNonCriticalExtensionOIDs()).contains(FabricCaAttributes.OID);
        assertThat(LedgerUsers.attributes(user)).containsEntry("participant", PARTICIPANT)
                .containsEntry("role", "BATTERY_MAKER");
    }

    @Test
    void the_serialized_identity_is_msp_id_plus_pem() throws Exception {
        LedgerUser user = ca.issue("MakerMSP", "maker", PARTICIPANT, "BATTERY_MAKER");
        SerializedIdentity id = SerializedIdentity.parseFrom(user.serialized());

        assertThat(id.getMspid()).isEqualTo("MakerMSP");
        assertThat(id.getIdBytes().toStringUtf8()).isEqualTo(user.certificatePem())
                .startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(user.name()).isEqualTo("maker");
        assertThat(user.mspId()).isEqualTo("MakerMSP");
    }

    @Test
    void the_shims_client_identity_reads_msp_id_and_attributes() throws Exception {
        LedgerUser user = ca.issue("RecycleMSP", "recycler", PARTICIPANT, "RECYCLER");
        InMemoryStub stub = new InMemoryStub(new InMemoryLedger(), "tx-1", Instant.now(), user.serialized(),
                "Participants:WhoAmI");

        ClientIdentity identity = new ClientIdentity(stub);

        assertThat(identity.getMSPID()).isEqualTo("RecycleMSP");
        assertThat(identity.getAttributeValue("participant")).isEqualTo(PARTICIPANT);
        assertThat(identity.getAttributeValue("role")).isEqualTo("RECYCLER");
        assertThat(identity.getAttributeValue("hf.EnrollmentID")).isEqualTo("recycler");
        assertThat(identity.getAttributeValue("hf.Type")).isEqualTo("client");
        assertThat(identity.assertAttributeValue("role", "RECYCLER")).isTrue();
        assertThat(identity.getId()).isEqualTo("x509::CN=recycler, OU=client, O=RecycleMSP::CN=ca.recyclemsp, O=RecycleMSP");
    }

    @Test
    void without_participant_and_role_the_certificate_carries_only_fabrics_own_attributes() throws Exception {
        LedgerUser user = ca.issue("MakerMSP", "anonymous", null, null);
        InMemoryStub stub = new InMemoryStub(new InMemoryLedger(), "tx-1", Instant.now(), user.serialized(),
                "Participants:WhoAmI");

        ClientIdentity identity = new ClientIdentity(stub);

        assertThat(identity.getAttributeValue("participant")).isNull();
        assertThat(identity.getAttributeValue("hf.EnrollmentID")).isEqualTo("anonymous");
    }

    @Test
    void bad_arguments_fail_before_a_certificate_is_made() {
        assertThatThrownBy(() -> ca.issue("MakerMSP", "maker", PARTICIPANT, "BATTERY_MAKR"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BATTERY_MAKR");
        assertThatThrownBy(() -> ca.issue("MakerMSP", "maker", PARTICIPANT, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
        assertThatThrownBy(() -> ca.issue("MakerMSP", "../maker", PARTICIPANT, "BATTERY_MAKER"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user name");
        assertThatThrownBy(() -> ca.issue("Maker/MSP", "maker", PARTICIPANT, "BATTERY_MAKER"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MSP id");
    }

    @Test
    void each_msp_keeps_one_ca() {
        X509Certificate first = ca.caCertificate("MakerMSP");
        ca.issue("MakerMSP", "a", PARTICIPANT, "BATTERY_MAKER");
        ca.issue("MakerMSP", "b", PARTICIPANT, "BATTERY_MAKER");

        assertThat(ca.caCertificate("MakerMSP")).isEqualTo(first);
        assertThat(ca.mspIds()).containsExactly("MakerMSP");
    }
}
