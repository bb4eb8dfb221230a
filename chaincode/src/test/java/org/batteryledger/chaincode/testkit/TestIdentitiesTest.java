package org.batteryledger.chaincode.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Signature;
import java.security.SignatureException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1OctetString;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.Test;

class TestIdentitiesTest {

    private static ClientIdentity clientIdentityOf(TestIdentities.Identity id) throws Exception {
        InMemoryStub stub = new InMemoryStub(
                new InMemoryLedger(), "tx", Instant.EPOCH, id.serialized(), null, List.of(), Map.of());
        return new ClientIdentity(stub);
    }

    @Test
    void client_identity_reads_fabric_ca_attributes() throws Exception {
        TestIdentities.Identity id = TestIdentities.user("Org1MSP", "alice", Map.of("role", "manufacturer"));
        ClientIdentity ci = clientIdentityOf(id);

        assertThat(ci.getMSPID()).isEqualTo("Org1MSP");
        assertThat(ci.getAttributeValue("role")).isEqualTo("manufacturer");
        assertThat(ci.getAttributeValue("hf.EnrollmentID")).isEqualTo("alice");
        assertThat(ci.getAttributeValue("hf.Type")).isEqualTo("client");
        assertThat(ci.getAttributeValue("hf.Affiliation")).isEmpty();
        assertThat(ci.assertAttributeValue("role", "manufacturer")).isTrue();
        assertThat(ci.assertAttributeValue("role", "recycler")).isFalse();
        assertThat(ci.getAttributeValue("absent")).isNull();
        assertThat(ci.getX509Certificate()).isEqualTo(id.certificate());
    }

    @Test
    void context_built_from_the_stub_carries_the_same_identity() {
        TestIdentities.Identity id = TestIdentities.member("Org2MSP", "P-42", "Recycler");
        InMemoryStub stub = new InMemoryStub(
                new InMemoryLedger(), "tx", Instant.EPOCH, id.serialized(), null, List.of(), Map.of());
        Context ctx = new Context(stub);
        assertThat(ctx.getClientIdentity().getMSPID()).isEqualTo("Org2MSP");
        assertThat(ctx.getClientIdentity().getAttributeValue("participant")).isEqualTo("P-42");
    }

    @Test
    void client_id_looks_like_a_fabric_ca_certificate() throws Exception {
        TestIdentities.Identity id = TestIdentities.user("Org1MSP", "bob", Map.of());
        assertThat(clientIdentityOf(id).getId())
                .isEqualTo("x509::CN=bob, OU=client, O=Org1MSP::CN=ca.org1msp, O=Org1MSP");
    }

    @Test
    void member_sets_participant_role_and_enrollment_id() throws Exception {
        TestIdentities.Identity id = TestIdentities.member("Org1MSP", "P-7", "Manufacturer");
        assertThat(id.enrollmentId()).isEqualTo("manufacturer@P-7");
        assertThat(id.mspId()).isEqualTo("Org1MSP");
        ClientIdentity ci = clientIdentityOf(id);
        assertThat(ci.getAttributeValue("participant")).isEqualTo("P-7");
        assertThat(ci.getAttributeValue("role")).isEqualTo("Manufacturer");
        assertThat(ci.getAttributeValue("hf.EnrollmentID")).isEqualTo("manufacturer@P-7");
    }

    @Test
    void attribute_extension_is_non_critical_raw_json_with_sorted_keys() throws Exception {
        TestIdentities.Identity id = TestIdentities.user("Org1MSP", "carol", Map.of("zeta", "1", "alpha", "2"));
        assertThat(id.certificate().getNonCriticalExtensionOIDs()).contains(TestIdentities.FABRIC_ATTRS_OID);
        assertThat(id.certificate().getCriticalExtensionOIDs()).doesNotContain(TestIdentities.FABRIC_ATTRS_OID);

        byte[] der = id.certificate().getExtensionValue(TestIdentities.FABRIC_ATTRS_OID);
        String json = new String(ASN1OctetString.getInstance(der).getOctets(), UTF_8);
        assertThat(json).isEqualTo("{\"attrs\":{\"alpha\":\"2\",\"hf.Affiliation\":\"\","
                + "\"hf.EnrollmentID\":\"carol\",\"hf.Type\":\"client\",\"zeta\":\"1\"}}");
    }

    @Test
    void leaf_is_signed_by_its_msp_ca_only() throws Exception {
        TestIdentities.Identity org1 = TestIdentities.user("Org1MSP", "dave", Map.of());
        TestIdentities.Identity org2 = TestIdentities.user("Org2MSP", "dave", Map.of());

        org1.certificate().verify(TestIdentities.caCertificate("Org1MSP").getPublicKey());
        org2.certificate().verify(TestIdentities.caCertificate("Org2MSP").getPublicKey());
        assertThatThrownBy(() -> org1.certificate().verify(TestIdentities.caCertificate("Org2MSP").getPublicKey()))
                .isInstanceOf(SignatureException.class);
        assertThat(org1.certificate().getIssuerX500Principal())
                .isEqualTo(TestIdentities.caCertificate("Org1MSP").getSubjectX500Principal());
        assertThat(TestIdentities.caCertificatePem("Org1MSP")).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void private_key_belongs_to_the_certificate() throws Exception {
        TestIdentities.Identity id = TestIdentities.user("Org1MSP", "erin", Map.of());
        byte[] data = "proposal".getBytes(UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(id.privateKey());
        signer.update(data);
        byte[] sig = signer.sign();

        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(id.certificate().getPublicKey());
        verifier.update(data);
        assertThat(verifier.verify(sig)).isTrue();
        assertThat(id.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void serialized_identity_holds_msp_id_and_pem_certificate() throws Exception {
        TestIdentities.Identity id = TestIdentities.user("Org3MSP", "frank", Map.of());
        SerializedIdentity si = SerializedIdentity.parseFrom(id.serialized());
        assertThat(si.getMspid()).isEqualTo("Org3MSP");
        assertThat(si.getIdBytes().toStringUtf8()).isEqualTo(id.certificatePem());
        assertThat(id.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void identities_are_cached_per_msp_enrollment_and_attributes() {
        TestIdentities.Identity a = TestIdentities.user("Org1MSP", "gina", Map.of("role", "x"));
        TestIdentities.Identity b = TestIdentities.user("Org1MSP", "gina", Map.of("role", "x"));
        TestIdentities.Identity c = TestIdentities.user("Org1MSP", "gina", Map.of("role", "y"));
        assertThat(b).isSameAs(a);
        assertThat(c).isNotSameAs(a);
        assertThat(c.certificate().getSerialNumber()).isNotEqualTo(a.certificate().getSerialNumber());
    }

    @Test
    void identity_without_attributes_has_no_attribute_extension() throws Exception {
        TestIdentities.Identity id = TestIdentities.withoutAttributes("Org1MSP", "cryptogen-user");
        assertThat(id.certificate().getExtensionValue(TestIdentities.FABRIC_ATTRS_OID)).isNull();
        ClientIdentity ci = clientIdentityOf(id);
        assertThat(ci.getMSPID()).isEqualTo("Org1MSP");
        assertThat(ci.getAttributeValue("role")).isNull();
        assertThat(ci.getAttributeValue("hf.EnrollmentID")).isNull();
    }
}
