package org.batteryledger.benchmarks.fabric;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * The network as the bench mains see it: the connection file the network scripts write (the
 * {@code battery.fabric.*} keys), a TLS channel to the gateway peer, and a Gateway per enrolled
 * user of the identity directory. {@link #openOrExit} ends the JVM with a clear message when the
 * file is missing or no network answers.
 */
final class FabricConnection implements AutoCloseable {
    final Properties settings;
    final ManagedChannel channel;
    final String channelName;
    private final List<Gateway> gateways = new ArrayList<>();

    private FabricConnection(Properties settings, ManagedChannel channel) {
        this.settings = settings;
        this.channel = channel;
        this.channelName = settings.getProperty("battery.fabric.channel", "battery");
    }

    static FabricConnection openOrExit(Path file) {
        if (!Files.isRegularFile(file)) {
            exit("no connection file " + file + ": bring the network up first (network-config/scripts/network.sh up,"
                    + " then deploy-chaincode.sh), or pass the file network.sh wrote");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            exit("cannot read " + file + ": " + e.getMessage());
        }
        for (String k : List.of("battery.fabric.tls-ca-cert", "battery.fabric.identity-dir")) {
            String v = p.getProperty(k);
            if (v != null && !Path.of(v.trim()).isAbsolute()) {
                p.setProperty(k, file.toAbsolutePath().getParent().resolve(v.trim()).normalize().toString());
            }
        }
        String endpoint = p.getProperty("battery.fabric.peer-endpoint");
        if (endpoint == null) {
            exit(file + " has no battery.fabric.peer-endpoint");
        }
        ManagedChannel channel;
        try {
            var tls = TlsChannelCredentials.newBuilder()
                    .trustManager(Path.of(p.getProperty("battery.fabric.tls-ca-cert")).toFile()).build();
            var builder = Grpc.newChannelBuilder(endpoint, tls);
            String override = p.getProperty("battery.fabric.server-name-override", "");
            if (!override.isBlank()) {
                builder.overrideAuthority(override);
            }
            channel = builder.build();
        } catch (IOException | RuntimeException e) {
            exit("cannot open a TLS channel to " + endpoint + ": " + e.getMessage());
            return null;
        }
        return new FabricConnection(p, channel);
    }

    /** A Gateway acting as {@code user} (a directory under battery.fabric.identity-dir). */
    Gateway gateway(String user) {
        Path dir = Path.of(settings.getProperty("battery.fabric.identity-dir")).resolve(user);
        Path msp = Files.isDirectory(dir.resolve("msp")) ? dir.resolve("msp") : dir;
        try (Reader cert = Files.newBufferedReader(only(msp.resolve("signcerts")));
                Reader key = Files.newBufferedReader(only(msp.resolve("keystore")))) {
            String mspId = Files.isRegularFile(dir.resolve("mspid")) ? Files.readString(dir.resolve("mspid")).strip()
                    : settings.getProperty("battery.fabric.msp-id");
            Gateway g = Gateway.newInstance()
                    .identity(new X509Identity(mspId, Identities.readX509Certificate(cert)))
                    .signer(Signers.newPrivateKeySigner(Identities.readPrivateKey(key)))
                    .hash(Hash.SHA256)
                    .connection(channel)
                    .evaluateOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                    .endorseOptions(o -> o.withDeadlineAfter(60, TimeUnit.SECONDS))
                    .submitOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                    .commitStatusOptions(o -> o.withDeadlineAfter(2, TimeUnit.MINUTES))
                    .connect();
            gateways.add(g);
            return g;
        } catch (IOException | java.security.GeneralSecurityException e) {
            exit("cannot load identity " + user + " from " + dir + ": " + e.getMessage());
            return null;
        }
    }

    /** Exits when the peer does not answer a channel query: no network is up. */
    void requireUp(Gateway g) {
        try {
            g.getNetwork(channelName).getContract("qscc").newProposal("GetChainInfo").addArguments(channelName)
                    .build().evaluate();
        } catch (GatewayException e) {
            exit("no Fabric network answers at " + settings.getProperty("battery.fabric.peer-endpoint") + " ("
                    + e.getStatus().getCode() + "): bring it up with network-config/scripts/network.sh up");
        }
    }

    private static Path only(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve("cert.pem"))) {
            return dir.resolve("cert.pem");
        }
        if (Files.isRegularFile(dir.resolve("key.pem"))) {
            return dir.resolve("key.pem");
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            for (Path p : ds) {
                return p;
            }
        }
        throw new IOException("nothing in " + dir);
    }

    static void exit(String message) {
        System.err.println(message);
        System.exit(2);
    }

    @Override
    public void close() throws InterruptedException {
        gateways.forEach(Gateway::close);
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
