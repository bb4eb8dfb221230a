package org.batteryledger.app.ledger.fabric;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.batteryledger.app.demo.DemoConsortium;
import org.batteryledger.app.demo.DemoUser;
import org.batteryledger.app.identity.DevelopmentCa;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.identity.PemFiles;
import org.batteryledger.app.ledger.embedded.EmbeddedLedger;

/**
 * What the application needs to run in Fabric mode without Fabric: a fake gateway peer over TLS
 * (backed by an embedded ledger), and an identity directory laid out as the network's enrolment
 * writes it, with one enrolled identity per demo user (issued here by a test CA standing in for
 * the network's Fabric CA). {@link #properties()} are the {@code battery.*} settings to start with.
 */
public final class FakeFabricNetwork implements AutoCloseable {
    public static final String SERVER_NAME = "peer0.fake.example";

    private final Path dir;
    private final EmbeddedLedger backing;
    private final FakeGatewayPeer peer;
    private final TestTls tls;
    private final List<LedgerUser> users;

    private FakeFabricNetwork(Path dir, EmbeddedLedger backing, FakeGatewayPeer peer, TestTls tls,
            List<LedgerUser> users) {
        this.dir = dir;
        this.backing = backing;
        this.peer = peer;
        this.tls = tls;
        this.users = List.copyOf(users);
    }

    /** Enrols the demo users into {@code <dir>/identities} and starts the peer. */
    public static FakeFabricNetwork start(Path dir) throws Exception {
        TestTls tls = TestTls.create(Files.createDirectories(dir.resolve("tls")), SERVER_NAME);
        Path identities = Files.createDirectories(dir.resolve("identities"));
        DevelopmentCa enrolment = new DevelopmentCa();
        List<LedgerUser> users = new ArrayList<>();
        for (DemoUser u : DemoConsortium.users()) {
            LedgerUser user = enrolment.issue(u.mspId(), u.username(), u.companyId(), u.role().name());
            writeEnrolment(identities.resolve(u.username()), user);
            users.add(user);
        }
        EmbeddedLedger backing = EmbeddedLedger.open(dir.resolve("peer-ledger"));
        FakeGatewayPeer peer = new FakeGatewayPeer(backing, tls, "battery", users).start();
        return new FakeFabricNetwork(dir, backing, peer, tls, users);
    }

    /** An MSP folder as {@code fabric-ca-client enroll} leaves it, plus the {@code mspid} file. */
    static void writeEnrolment(Path userDir, LedgerUser user) throws java.io.IOException {
        PemFiles.writeCertificate(userDir.resolve("signcerts").resolve("cert.pem"), user.certificate());
        PemFiles.writePrivateKey(userDir.resolve("keystore").resolve("key.pem"), user.privateKey());
        Files.writeString(userDir.resolve("mspid"), user.mspId() + "\n");
    }

    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("battery.ledger-mode", "FABRIC");
        p.put("battery.fabric.peer-endpoint", peer.endpoint());
        p.put("battery.fabric.tls-ca-cert", tls.caCert().toString());
        p.put("battery.fabric.server-name-override", SERVER_NAME);
        p.put("battery.fabric.msp-id", "RegulatorMSP");
        p.put("battery.fabric.identity-dir", dir.resolve("identities").toString());
        p.put("battery.fabric.service-user", "regulator");
        p.put("battery.fabric.endorse-timeout", "60s");
        p.put("battery.fabric.evaluate-timeout", "20s");
        p.put("battery.fabric.reconnect-delay", "200ms");
        return p;
    }

    /** The enrolled demo users, as the identity directory holds them. */
    public List<LedgerUser> users() {
        return users;
    }

    public TestTls tls() {
        return tls;
    }

    public FakeGatewayPeer peer() {
        return peer;
    }

    public EmbeddedLedger backing() {
        return backing;
    }

    @Override
    public void close() {
        peer.close();
        backing.close();
    }
}
