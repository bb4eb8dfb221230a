package org.batteryledger.app.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.batteryledger.app.identity.DevelopmentCa;
import org.batteryledger.app.identity.IdentityStore;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.identity.PemFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the network's enrolments from {@code battery.fabric.identity-dir}. */
class FabricIdentitiesTest {
    @TempDir
    Path dir;
    final DevelopmentCa enrolment = new DevelopmentCa();

    @Test
    void eachUserDirectoryIsOneIdentityWithItsOwnMspId() throws Exception {
        LedgerUser maker = enrolment.issue("MakerMSP", "maker", "91350900MA2XK3L41", "BATTERY_MAKER");
        FakeFabricNetwork.writeEnrolment(dir.resolve("maker"), maker);
        LedgerUser auditor = enrolment.issue("Org1MSP", "auditor", "11110000MB0011223", "REGULATOR");
        PemFiles.writeCertificate(dir.resolve("auditor/msp/signcerts/cert.pem"), auditor.certificate());
        // fabric-ca-client names the key after its SKI
        PemFiles.writePrivateKey(dir.resolve("auditor/msp/keystore/4f2a9c_sk"), auditor.privateKey());

        List<LedgerUser> users = FabricIdentities.load(dir, "Org1MSP");

        assertThat(users).extracting(LedgerUser::name, LedgerUser::mspId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("auditor", "Org1MSP"),
                        org.assertj.core.groups.Tuple.tuple("maker", "MakerMSP"));
        assertThat(users.get(1).certificatePem()).isEqualTo(maker.certificatePem());
    }

    @Test
    void anMspFolderIsOneUserNamedAfterItsDirectory() throws Exception {
        LedgerUser maker = enrolment.issue("MakerMSP", "maker", "91350900MA2XK3L41", "BATTERY_MAKER");
        Path msp = dir.resolve("identities/MakerMSP/maker/msp");
        PemFiles.writeCertificate(msp.resolve("signcerts/cert.pem"), maker.certificate());
        PemFiles.writePrivateKey(msp.resolve("keystore/key.pem"), maker.privateKey());

        List<LedgerUser> one = FabricIdentities.load(msp, "MakerMSP");
        List<LedgerUser> all = FabricIdentities.load(dir.resolve("identities"), "Org1MSP");

        assertThat(one).extracting(LedgerUser::name, LedgerUser::mspId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("maker", "MakerMSP"));
        // grouped by organisation: the folder names the MSP
        assertThat(all).extracting(LedgerUser::name, LedgerUser::mspId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("maker", "MakerMSP"));
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedNamingTheUser() throws Exception {
        LedgerUser a = enrolment.issue("Org1MSP", "alice", "91350900MA2XK3L41", "BATTERY_MAKER");
        LedgerUser b = enrolment.issue("Org1MSP", "bob", "91350900MA2XK3L41", "BATTERY_MAKER");
        PemFiles.writeCertificate(dir.resolve("alice/signcerts/cert.pem"), a.certificate());
        PemFiles.writePrivateKey(dir.resolve("alice/keystore/key.pem"), b.privateKey());

        assertThatThrownBy(() -> FabricIdentities.load(dir, "Org1MSP"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("identity alice")
                .hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void importingMakesThemTheAppsIdentitiesAndRefusesAStaleCopy() throws Exception {
        Path ids = Files.createDirectories(dir.resolve("ids"));
        LedgerUser maker = enrolment.issue("MakerMSP", "maker", "91350900MA2XK3L41", "BATTERY_MAKER");
        FakeFabricNetwork.writeEnrolment(ids.resolve("maker"), maker);
        IdentityStore store = new IdentityStore(dir.resolve("data"));

        FabricIdentities.importInto(store, ids, "Org1MSP");
        FabricIdentities.importInto(store, ids, "Org1MSP"); // a restart: same certificate, nothing to do

        assertThat(new IdentityStore(dir.resolve("data")).user("maker").certificatePem())
                .isEqualTo(maker.certificatePem());
        LedgerUser reenrolled = enrolment.issue("MakerMSP", "maker2", "91350900MA2XK3L41", "BATTERY_MAKER");
        FakeFabricNetwork.writeEnrolment(ids.resolve("maker"), reenrolled);
        assertThatThrownBy(() -> FabricIdentities.importInto(store, ids, "Org1MSP"))
                .hasMessageContaining("identity maker")
                .hasMessageContaining("remove");
    }

    @Test
    void anEmptyDirectoryIsAClearStartupError() {
        assertThatThrownBy(() -> FabricIdentities.importInto(new IdentityStore(dir.resolve("data")), dir, "Org1MSP"))
                .hasMessageContaining("holds no identity");
    }
}
