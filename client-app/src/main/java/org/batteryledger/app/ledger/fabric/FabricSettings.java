package org.batteryledger.app.ledger.fabric;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;

/**
 * How the app reaches a Fabric network through a peer's Gateway service ({@code battery.fabric.*}),
 * read only when {@code battery.ledger-mode=FABRIC}. The network scripts write a connection file
 * with exactly these keys. Deadlines are per call kind, as the Gateway client applies them; the
 * defaults are those of the Fabric samples.
 *
 * @param peerEndpoint the gateway peer as {@code host:port}
 * @param tlsCaCert PEM file of the CA that signed the peer's TLS certificate
 * @param serverNameOverride the host name in the peer's TLS certificate, when connecting by IP or
 *     {@code localhost} (empty: the endpoint's host)
 * @param mspId the MSP id of a user whose identity directory does not name one
 * @param channel the channel the battery chaincode is committed on
 * @param chaincode the chaincode name
 * @param identityDir the users' enrolments: one MSP folder ({@code signcerts/cert.pem},
 *     {@code keystore/key.pem}) for a single user, or one directory per user, optionally grouped
 *     by MSP (layouts in {@link FabricIdentities})
 * @param serviceUser the identity that reads blocks and events for the read model (empty: the
 *     first user of the identity directory by name)
 * @param evaluateTimeout deadline of a read
 * @param endorseTimeout deadline of collecting endorsements
 * @param submitTimeout deadline of handing the endorsed transaction to the orderer
 * @param commitStatusTimeout deadline of waiting for the commit
 * @param mvccRetries how often a write that lost an MVCC race is endorsed again before the
 *     failure goes back to the caller (the outbox retries it later)
 * @param maxInFlight writes waiting for their commit at once (one thread each)
 * @param reconnectDelay the wait before the event stream reconnects after the peer went away
 */
@ConfigurationProperties("battery.fabric")
public record FabricSettings(
        @Nullable String peerEndpoint,
        @Nullable Path tlsCaCert,
        @DefaultValue("") String serverNameOverride,
        @Nullable String mspId,
        @DefaultValue("battery") String channel,
        @DefaultValue("battery") String chaincode,
        @Nullable Path identityDir,
        @DefaultValue("") String serviceUser,
        @DefaultValue("5s") Duration evaluateTimeout,
        @DefaultValue("15s") Duration endorseTimeout,
        @DefaultValue("5s") Duration submitTimeout,
        @DefaultValue("1m") Duration commitStatusTimeout,
        @DefaultValue("3") int mvccRetries,
        @DefaultValue("64") int maxInFlight,
        @DefaultValue("1s") Duration reconnectDelay) {

    /**
     * Checks everything a connection needs, all at once, so a misconfigured start-up names every
     * missing or invalid key in one message.
     *
     * @throws IllegalStateException listing each problem with its {@code battery.fabric.*} key
     */
    public FabricSettings requireValid() {
        List<String> problems = new ArrayList<>();
        if (blank(peerEndpoint)) {
            problems.add("battery.fabric.peer-endpoint is missing (host:port of the gateway peer)");
        } else if (!peerEndpoint.matches("[^\\s:/]+:\\d{1,5}")) {
            problems.add("battery.fabric.peer-endpoint '" + peerEndpoint + "' must be host:port");
        }
        if (tlsCaCert == null) {
            problems.add("battery.fabric.tls-ca-cert is missing (PEM file of the peer's TLS CA)");
        } else if (!Files.isReadable(tlsCaCert)) {
            problems.add("battery.fabric.tls-ca-cert " + tlsCaCert + " is not a readable file");
        }
        if (blank(mspId)) {
            problems.add("battery.fabric.msp-id is missing (the MSP id of the app's users)");
        }
        if (identityDir == null) {
            problems.add("battery.fabric.identity-dir is missing (an MSP folder with signcerts/ and keystore/,"
                    + " or one such folder per user)");
        } else if (!Files.isDirectory(identityDir)) {
            problems.add("battery.fabric.identity-dir " + identityDir + " is not a directory");
        }
        if (blank(channel)) {
            problems.add("battery.fabric.channel must not be empty");
        }
        if (blank(chaincode)) {
            problems.add("battery.fabric.chaincode must not be empty");
        }
        positive(evaluateTimeout, "evaluate-timeout", problems);
        positive(endorseTimeout, "endorse-timeout", problems);
        positive(submitTimeout, "submit-timeout", problems);
        positive(commitStatusTimeout, "commit-status-timeout", problems);
        positive(reconnectDelay, "reconnect-delay", problems);
        if (mvccRetries < 0) {
            problems.add("battery.fabric.mvcc-retries must be 0 or more, not " + mvccRetries);
        }
        if (maxInFlight < 1) {
            problems.add("battery.fabric.max-in-flight must be at least 1, not " + maxInFlight);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("battery.ledger-mode=FABRIC cannot start: " + String.join("; ", problems));
        }
        return this;
    }

    /** The host name the peer's TLS certificate must carry. */
    String tlsAuthority() {
        return blank(serverNameOverride) ? peerEndpoint.substring(0, peerEndpoint.lastIndexOf(':')) : serverNameOverride;
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static void positive(@Nullable Duration d, String key, List<String> problems) {
        if (d == null || d.isZero() || d.isNegative()) {
            problems.add("battery.fabric." + key + " must be a positive duration, not " + d);
        }
    }
}
