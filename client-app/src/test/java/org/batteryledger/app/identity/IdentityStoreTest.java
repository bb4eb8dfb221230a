package org.batteryledger.app.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityStoreTest {
    private static final String MAKER = "91350900MA2XK3L41X";
    private static final String AUTO = "91310000MA1FL4T07X";

    @TempDir
    Path dataDir;

    @Test
    void a_reopened_store_has_the_same_certificates_and_working_keys() throws Exception {
        IdentityStore store = new IdentityStore(dataDir);
        LedgerUser maker = store.issue("MakerMSP", "maker", MAKER, "BATTERY_MAKER");
        LedgerUser auto = store.issue("AutoMSP", "automaker", AUTO, "AUTOMAKER");

        IdentityStore reopened = new IdentityStore(dataDir);

        assertThat(reopened.all()).extracting(LedgerUser::name).containsExactly("automaker", "maker");
        LedgerUser again = reopened.user("maker");
        assertThat(again.certificate().getEncoded()).isEqualTo(maker.certificate().getEncoded());
        assertThat(again.certificatePem()).isEqualTo(maker.certificatePem());
        assertThat(again.serialized()).isEqualTo(maker.serialized());
        assertThat(again.mspId()).isEqualTo("MakerMSP");
        assertThat(reopened.user("automaker").serialized()).isEqualTo(auto.serialized());

        byte[] data = "handover 42".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(again.privateKey());
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(maker.certificate());
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();

        // The CA key came back too: a user issued after the restart chains to the same CA.
        assertThat(reopened.developmentCa().caCertificate("MakerMSP"))
                .isEqualTo(store.developmentCa().caCertificate("MakerMSP"));
        LedgerUser later = reopened.issue("MakerMSP", "maker-qa", MAKER, "BATTERY_MAKER");
        later.certificate().verify(store.developmentCa().caCertificate("MakerMSP").getPublicKey());
    }

    @Test
    void files_follow_the_msp_layout_and_keys_are_private() throws Exception {
        new IdentityStore(dataDir).issue("MakerMSP", "maker", MAKER, "BATTERY_MAKER");

        Path msp = dataDir.resolve("msp").resolve("MakerMSP");
        assertThat(msp.resolve("ca-cert.pem")).exists();
        assertThat(msp.resolve("ca-key.pem")).exists();
        Path user = msp.resolve("users").resolve("maker");
        assertThat(Files.readString(user.resolve("cert.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(user.resolve("key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(user.resolve("key.pem"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(msp.resolve("ca-key.pem"))))
                    .isEqualTo("rw-------");
        }
        try (var s = Files.list(user)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("cert.pem", "key.pem");
        }
    }

    @Test
    void an_identity_issued_elsewhere_is_imported_and_survives_a_restart() {
        LedgerUser external = new DevelopmentCa().issue("RecycleMSP", "Admin@recycler", "x", "RECYCLER");
        String keyPem = PemFiles.toPem(external.privateKey());

        IdentityStore store = new IdentityStore(dataDir);
        LedgerUser imported = store.importUser("fabric-recycler", "RecycleMSP", external.certificatePem(), keyPem);

        assertThat(imported.certificate()).isEqualTo(external.certificate());
        LedgerUser reloaded = new IdentityStore(dataDir).user("fabric-recycler");
        assertThat(reloaded.serialized()).isEqualTo(imported.serialized());
        // The private value, not the encoding, which depends on whether Bouncy Castle is registered (see PemFilesTest).
        assertThat(((java.security.interfaces.ECPrivateKey) reloaded.privateKey()).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) external.privateKey()).getS());
        assertThat(new IdentityStore(dataDir).developmentCa().mspIds()).isEmpty();
    }

    @Test
    void a_bad_pem_is_refused_with_a_clear_message() {
        IdentityStore store = new IdentityStore(dataDir);
        LedgerUser other = new DevelopmentCa().issue("AutoMSP", "x", AUTO, "AUTOMAKER");
        String goodKey = PemFiles.toPem(other.privateKey());

        assertThatThrownBy(() -> store.importUser("u1", "AutoMSP", "hello", goodKey))
                .isInstanceOf(InvalidPemException.class)
                .hasMessage("certificate of u1: no PEM block found (expected -----BEGIN ...-----)");
        assertThatThrownBy(() -> store.importUser("u1", "AutoMSP", other.certificatePem(), other.certificatePem()))
                .isInstanceOf(InvalidPemException.class)
                .hasMessage("private key of u1: expected a PRIVATE KEY block, found a certificate");
        assertThatThrownBy(() -> store.importUser("u1", "AutoMSP", "", goodKey))
                .isInstanceOf(InvalidPemException.class).hasMessage("certificate of u1 is empty");
        String corrupt = "-----BEGIN CERTIFICATE-----\nMIIB%%%not-base64%%%\n-----END CERTIFICATE-----\n";
        assertThatThrownBy(() -> store.importUser("u1", "AutoMSP", corrupt, goodKey))
                .isInstanceOf(InvalidPemException.class).hasMessageStartingWith("certificate of u1: malformed PEM");
        String truncated = other.certificatePem().replace("-----END CERTIFICATE-----", "");
        assertThatThrownBy(() -> store.importUser("u1", "AutoMSP", truncated, goodKey))
                .isInstanceOf(InvalidPemException.class).hasMessageStartingWith("certificate of u1:");

        LedgerUser stranger = new DevelopmentCa().issue("AutoMSP", "y", AUTO, "AUTOMAKER");
        assertThatThrownBy(() -> store.importUser("u1", "AutoMSP", other.certificatePem(),
                PemFiles.toPem(stranger.privateKey())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
        assertThat(store.all()).isEmpty();
    }

    @Test
    void a_corrupt_file_on_disk_names_the_file() throws Exception {
        new IdentityStore(dataDir).issue("MakerMSP", "maker", MAKER, "BATTERY_MAKER");
        Path key = dataDir.resolve("msp/MakerMSP/users/maker/key.pem");
        Files.writeString(key, "garbage");

        assertThatThrownBy(() -> new IdentityStore(dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot load identity maker")
                .hasMessageContaining(key.toString())
                .hasRootCauseInstanceOf(InvalidPemException.class);
    }

    @Test
    void names_are_unique_and_lookups_of_unknown_names_fail() {
        IdentityStore store = new IdentityStore(dataDir);
        LedgerUser maker = store.issue("MakerMSP", "maker", MAKER, "BATTERY_MAKER");

        assertThatThrownBy(() -> store.issue("AutoMSP", "maker", AUTO, "AUTOMAKER"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exists already");
        assertThat(store.issueIfAbsent("MakerMSP", "maker", MAKER, "BATTERY_MAKER")).isSameAs(maker);
        assertThatThrownBy(() -> store.issueIfAbsent("AutoMSP", "maker", AUTO, "AUTOMAKER"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("MakerMSP");
        assertThatThrownBy(() -> store.user("nobody")).isInstanceOf(NoSuchElementException.class);
        assertThat(store.find("nobody")).isEmpty();
        assertThat(store.contains("maker")).isTrue();
        assertThatThrownBy(() -> store.importUser("../x", "AutoMSP", maker.certificatePem(), "k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user name");
    }

    @Test
    void an_empty_directory_is_an_empty_store_and_nothing_is_written_until_needed() {
        IdentityStore store = new IdentityStore(dataDir.resolve("not-yet"));
        assertThat(store.all()).isEmpty();
        assertThat(dataDir.resolve("not-yet")).doesNotExist();
    }
}
