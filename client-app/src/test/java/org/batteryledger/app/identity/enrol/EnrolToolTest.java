package org.batteryledger.app.identity.enrol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.batteryledger.app.demo.DemoConsortium;
import org.batteryledger.app.identity.FabricCaAttributes;
import org.batteryledger.app.identity.LedgerUsers;
import org.batteryledger.app.identity.PemFiles;
import org.batteryledger.chaincode.Transactions;
import org.batteryledger.chaincode.fixture.LedgerFixture;
import org.batteryledger.chaincode.testkit.TestIdentities.Identity;
import org.batteryledger.chaincode.testkit.TxRunner;
import org.batteryledger.chaincode.json.Json;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.hyperledger.fabric.shim.Chaincode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enrolment tool issues network users from an organisation's cryptogen CA. */
class EnrolToolTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private OrgCaFiles ca;
    private Path msp;
    private final LedgerFixture f = LedgerFixture.withConsortium();

    private record Run(int status, String out, String err) {}

    @BeforeEach
    void orgCa() throws Exception {
        ca = OrgCaFiles.create(tmp, "maker.battery.example", true);
        msp = tmp.resolve("identities/MakerMSP/alice/msp");
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = EnrolTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run enrol(String participant, String role, String... extra) {
        List<String> args = new ArrayList<>(List.of("--ca-dir", ca.directory().toString(), "--msp-id", "MakerMSP",
                "--user", "alice", "--participant", participant, "--role", role, "--out", msp.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private X509Certificate issued() {
        return PemFiles.readCertificate(msp.resolve("signcerts/cert.pem"));
    }

    @Nested
    class Issuing {
        @Test
        void the_certificate_is_signed_by_the_organisation_ca_and_names_its_key_identifier() throws Exception {
            assertThat(enrol(f.batteryMaker.id(), "BATTERY_MAKER").status()).isZero();

            X509Certificate cert = issued();
            cert.verify(ca.caCertificate().getPublicKey());
            assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.caCertificate().getSubjectX500Principal());
            byte[] aki = AuthorityKeyIdentifier.getInstance(
                    ASN1OctetString.getInstance(cert.getExtensionValue("2.5.29.35")).getOctets()).getKeyIdentifier();
            byte[] ski = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(
                    ca.caCertificate().getExtensionValue("2.5.29.14")).getOctets()).getKeyIdentifier();
            assertThat(aki).isEqualTo(ski);
        }

        @Test
        void the_certificate_is_a_client_of_the_msp_carrying_participant_and_role_attributes() {
            enrol(f.batteryMaker.id(), "BATTERY_MAKER");

            X509Certificate cert = issued();
            assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=alice,OU=client,O=MakerMSP");
            assertThat(FabricCaAttributes.read(cert)).containsEntry("participant", f.batteryMaker.id())
                    .containsEntry("role", "BATTERY_MAKER").containsEntry("hf.EnrollmentID", "alice")
                    .containsEntry("hf.Type", "client");
        }

        @Test
        void the_chaincode_accepts_the_enrolled_user_as_the_company_it_acts_for() {
            enrol(f.batteryMaker.id(), "BATTERY_MAKER");
            X509Certificate cert = issued();
            PrivateKey key = PemFiles.readPrivateKey(msp.resolve("keystore/key.pem"));
            String pem = PemFiles.toPem(cert);
            Identity enrolled = new Identity("MakerMSP", "alice", cert, key, pem,
                    LedgerUsers.serializedIdentity("MakerMSP", pem));
            String code = f.code(f.batteryMaker, 'P', 1);

            TxRunner.TxResult<Chaincode.Response> r = f.runner.submit(enrolled, f.router, Transactions.REGISTER_UNITS,
                    Json.string(f.req("units", List.of(Map.of("code", code)))));

            assertThat(r.value().getStatusCode()).as(r.value().getMessage()).isEqualTo(200);
            assertThat(f.unit(f.regulator, code).get("registeredBy").asText()).isEqualTo(f.batteryMaker.id());
        }

        @Test
        void the_msp_folder_holds_the_certificate_its_owner_only_key_and_the_ca() throws Exception {
            enrol(f.batteryMaker.id(), "BATTERY_MAKER");

            PrivateKey key = PemFiles.readPrivateKey(msp.resolve("keystore/key.pem"));
            LedgerUsers.requireKeyMatches(issued(), key, "enrolled user");
            assertThat(PemFiles.readCertificate(msp.resolve("cacerts/ca.pem"))).isEqualTo(ca.caCertificate());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(msp.resolve("keystore/key.pem"))))
                    .isEqualTo("rw-------");
        }

        @Test
        void demo_takes_participant_role_and_user_from_the_demo_company_of_the_msp() {
            Run r = run("--ca-dir", ca.directory().toString(), "--msp-id", "MakerMSP", "--demo", "--out",
                    msp.toString());

            assertThat(r.status()).as(r.err()).isZero();
            Map<String, String> attrs = FabricCaAttributes.read(issued());
            assertThat(attrs).containsEntry("participant", DemoConsortium.byUsername("maker").id())
                    .containsEntry("role", "BATTERY_MAKER").containsEntry("hf.EnrollmentID", "maker");
        }
    }

    @Nested
    class Repeating {
        @Test
        void the_same_enrolment_again_keeps_the_identity() {
            enrol(f.batteryMaker.id(), "BATTERY_MAKER");
            X509Certificate first = issued();

            Run again = enrol(f.batteryMaker.id(), "BATTERY_MAKER");

            assertThat(again.status()).isZero();
            assertThat(again.out()).startsWith("kept ");
            assertThat(issued()).isEqualTo(first);
        }

        @Test
        void other_attributes_over_an_identity_are_refused_without_force() {
            enrol(f.batteryMaker.id(), "BATTERY_MAKER");
            X509Certificate first = issued();

            Run other = enrol(f.automaker.id(), "AUTOMAKER");

            assertThat(other.status()).isEqualTo(EnrolTool.BAD_INPUT);
            assertThat(other.err()).contains("holds another identity").contains("--force");
            assertThat(issued()).isEqualTo(first);
        }

        @Test
        void force_replaces_the_identity_and_leaves_one_key_and_one_certificate() throws Exception {
            enrol(f.batteryMaker.id(), "BATTERY_MAKER");
            Files.writeString(msp.resolve("keystore/0a1b_sk"), "left by a Fabric CA client");

            Run replaced = enrol(f.batteryMaker.id(), "REGULATOR", "--force");

            assertThat(replaced.status()).as(replaced.err()).isZero();
            assertThat(FabricCaAttributes.read(issued())).containsEntry("role", "REGULATOR");
            try (var keys = Files.list(msp.resolve("keystore"))) {
                assertThat(keys.map(p -> p.getFileName().toString()).toList()).containsExactly("key.pem");
            }
        }
    }

    @Nested
    class BadInput {
        @Test
        void a_missing_option_is_named() {
            Run r = run("--ca-dir", ca.directory().toString(), "--msp-id", "MakerMSP", "--out", msp.toString(),
                    "--user", "alice", "--role", "BATTERY_MAKER");

            assertThat(r.status()).isEqualTo(EnrolTool.BAD_INPUT);
            assertThat(r.err()).contains("--participant is required").contains("usage:");
            assertThat(msp).doesNotExist();
        }

        @Test
        void an_unknown_option_is_named() {
            Run r = run("--ca-dir", ca.directory().toString(), "--colour", "red");

            assertThat(r.status()).isEqualTo(EnrolTool.BAD_INPUT);
            assertThat(r.err()).contains("unknown option '--colour'");
        }

        @Test
        void an_unknown_role_lists_the_roles() {
            Run r = enrol(f.batteryMaker.id(), "WIZARD");

            assertThat(r.status()).isEqualTo(EnrolTool.BAD_INPUT);
            assertThat(r.err()).contains("role 'WIZARD' is not one of").contains("BATTERY_MAKER").contains("RECYCLER");
            assertThat(msp).doesNotExist();
        }

        @Test
        void a_participant_that_is_not_a_credit_code_names_the_rule() {
            String good = f.batteryMaker.id();
            String wrongCheck = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');

            Run r = enrol(wrongCheck, "BATTERY_MAKER");

            assertThat(r.status()).isEqualTo(EnrolTool.BAD_INPUT);
            assertThat(r.err()).contains("participant '" + wrongCheck + "' is not a unified social credit code")
                    .contains("check character");
            assertThat(msp).doesNotExist();
        }

        @Test
        void a_key_that_is_not_the_ca_key_is_refused() throws Exception {
            OrgCaFiles other = OrgCaFiles.create(tmp, "auto.battery.example", true);
            Run r = run("--ca-cert", ca.certificate().toString(), "--ca-key", other.key().toString(), "--msp-id",
                    "MakerMSP", "--user", "alice", "--participant", f.batteryMaker.id(), "--role", "BATTERY_MAKER",
                    "--out", msp.toString());

            assertThat(r.status()).isEqualTo(EnrolTool.BAD_INPUT);
            assertThat(r.err()).contains("the private key does not belong to the certificate");
            assertThat(msp).doesNotExist();
        }

        @Test
        void a_certificate_that_is_not_a_ca_is_refused() throws Exception {
            OrgCaFiles leaf = OrgCaFiles.create(tmp, "leaf.battery.example", false);
            Run r = run("--ca-dir", leaf.directory().toString(), "--msp-id", "MakerMSP", "--user", "alice",
                    "--participant", f.batteryMaker.id(), "--role", "BATTERY_MAKER", "--out", msp.toString());

            assertThat(r.status()).isEqualTo(EnrolTool.BAD_INPUT);
            assertThat(r.err()).contains("is not a CA certificate");
        }

        @Test
        void a_ca_folder_without_its_key_names_the_missing_file() throws Exception {
            Files.delete(ca.key());

            Run r = enrol(f.batteryMaker.id(), "BATTERY_MAKER");

            assertThat(r.status()).isEqualTo(EnrolTool.BAD_INPUT);
            assertThat(r.err()).contains("CA private key").contains("priv_sk").contains("does not exist");
        }

        @Test
        void demo_for_an_msp_without_a_demo_company_lists_the_demo_msps() {
            Run r = run("--ca-dir", ca.directory().toString(), "--msp-id", "ElsewhereMSP", "--demo", "--out",
                    msp.toString());

            assertThat(r.status()).isEqualTo(EnrolTool.BAD_INPUT);
            assertThat(r.err()).contains("no demo company in ElsewhereMSP").contains("MakerMSP");
        }
    }
}
