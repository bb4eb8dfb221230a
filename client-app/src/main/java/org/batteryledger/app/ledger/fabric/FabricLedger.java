package org.batteryledger.app.ledger.fabric;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.ledger.Commit;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.ledger.LedgerRejectedException;
import org.batteryledger.app.ledger.LedgerUnavailableException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger port on a Fabric network, through one peer's Gateway service (fabric-gateway).
 *
 * <ul>
 *   <li><b>Identities.</b> Every app user signs with its own X.509 identity and key: one {@link
 *       Gateway} per user, made on first use and kept, all over one shared TLS gRPC channel.
 *   <li><b>Writes.</b> {@code endorse()} then {@code submitAsync()}, then the commit status, on a
 *       pool of {@link FabricSettings#maxInFlight()} threads. A transaction invalidated by an MVCC
 *       (or phantom) read conflict is endorsed again, up to {@link FabricSettings#mvccRetries()}
 *       times; then it fails with {@link LedgerUnavailableException#isMvccConflict()} and the
 *       outbox retries it later with the same client event id, which the contract makes
 *       idempotent.
 *   <li><b>Failures</b> map as in {@link FabricErrors}: the chaincode's refusal becomes {@link
 *       LedgerRejectedException} with its {@code LedgerError} code; anything else, {@link
 *       LedgerUnavailableException}.
 *   <li><b>Deadlines</b> per call kind from {@link FabricSettings}.
 *   <li><b>Events</b> arrive a block at a time ({@link ChaincodeEventStream}), and the stream
 *       reconnects by itself after the peer restarts.
 *   <li><b>Height</b> is {@code qscc GetChainInfo}.
 * </ul>
 *
 * <pre>{@code
 * FabricLedger ledger = FabricLedger.connect(settings.requireValid(), () -> identities.user("regulator"));
 * Commit c = ledger.submit(user, Transactions.SHIP, Map.of(), json).join();
 * }</pre>
 *
 * Thread-safe. {@link #close()} stops the event streams, waits briefly for writes in flight, closes
 * the gateways and shuts the channel down.
 */
public final class FabricLedger implements Ledger {
    private static final Logger LOG = LoggerFactory.getLogger(FabricLedger.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final FabricSettings settings;
    private final ManagedChannel channel;
    private final Supplier<LedgerUser> serviceUser;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<ChaincodeEventStream, Boolean> streams = new ConcurrentHashMap<>();
    /** Participant id to MSP id, for choosing who endorses a write carrying private data. */
    private final Map<String, String> participantMsps = new ConcurrentHashMap<>();
    private final ExecutorService writers;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** One user's connection: its Gateway and the signer it was built with (events are signed with it too). */
    record Session(LedgerUser user, Gateway gateway, Signer signer) {}

    /**
     * A ledger over a channel the caller made; the ledger shuts it down on {@link #close()}.
     *
     * @param serviceUser the identity for reads that belong to no user: events and the height
     */
    public FabricLedger(FabricSettings settings, ManagedChannel channel, Supplier<LedgerUser> serviceUser) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.serviceUser = Objects.requireNonNull(serviceUser, "serviceUser");
        int id = INSTANCES.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(settings.maxInFlight(), settings.maxInFlight(), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "fabric-ledger-" + id + "-writer-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.writers = pool;
    }

    /** Opens the TLS channel to {@link FabricSettings#peerEndpoint()}; nothing is sent until the first call. */
    public static FabricLedger connect(FabricSettings settings, Supplier<LedgerUser> serviceUser) {
        return new FabricLedger(settings, channel(settings), serviceUser);
    }

    /** A TLS channel that trusts the network's TLS CA and expects the peer's host name. */
    static ManagedChannel channel(FabricSettings settings) {
        ChannelCredentials tls;
        try {
            tls = TlsChannelCredentials.newBuilder().trustManager(settings.tlsCaCert().toFile()).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read battery.fabric.tls-ca-cert " + settings.tlsCaCert(), e);
        }
        return Grpc.newChannelBuilder(settings.peerEndpoint(), tls)
                .overrideAuthority(settings.tlsAuthority())
                .build();
    }

    @Override
    public CompletableFuture<Commit> submit(LedgerUser user, String transaction, Map<String, byte[]> transientData,
            String... args) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(transaction, "transaction");
        Map<String, byte[]> transientCopy = transientData == null ? Map.of() : Map.copyOf(transientData);
        String[] argsCopy = args.clone();
        if (closed.get()) {
            return CompletableFuture.failedFuture(closedException());
        }
        try {
            return CompletableFuture.supplyAsync(() -> submitNow(user, transaction, transientCopy, argsCopy), writers);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(closedException());
        }
    }

    private Commit submitNow(LedgerUser user, String transaction, Map<String, byte[]> transientData, String[] args) {
        String[] endorsers = endorsingOrganizations(user, transientData, args);
        for (int attempt = 0; ; attempt++) {
            Proposal.Builder builder = session(user).gateway().getNetwork(settings.channel())
                    .getContract(settings.chaincode())
                    .newProposal(transaction)
                    .addArguments(args)
                    .putAllTransient(transientData);
            if (endorsers.length > 0) {
                builder.setEndorsingOrganizations(endorsers);
            }
            Proposal proposal = builder.build();
            SubmittedTransaction submitted;
            Status status;
            try {
                submitted = proposal.endorse().submitAsync();
                status = submitted.getStatus();
            } catch (GatewayException e) {
                throw failure(transaction, e);
            }
            if (status.isSuccessful()) {
                return new Commit(status.getTransactionId(), status.getBlockNumber(),
                        new String(submitted.getResult(), StandardCharsets.UTF_8));
            }
            LedgerUnavailableException failure = FabricErrors.invalidated(transaction, status.getTransactionId(),
                    status.getCode());
            if (!failure.isMvccConflict() || attempt >= settings.mvccRetries() || closed.get()) {
                throw failure;
            }
            LOG.debug("{} ({}) lost an MVCC race; endorsing again ({} of {})", transaction,
                    status.getTransactionId(), attempt + 1, settings.mvccRetries());
        }
    }

    /**
     * Who endorses a write that carries private data (transient): the caller's organisation and
     * that of the participant the request names in {@code to} (an offer's receiver), whose
     * implicit collections the contract writes. Left to itself the Gateway keeps transient data
     * within its own organisation, which cannot satisfy a policy of two organisations. Empty (the
     * Gateway's own plan) for every other write.
     */
    private String[] endorsingOrganizations(LedgerUser user, Map<String, byte[]> transientData, String[] args) {
        if (transientData.isEmpty() || args.length == 0) {
            return new String[0];
        }
        java.util.LinkedHashSet<String> orgs = new java.util.LinkedHashSet<>();
        orgs.add(user.mspId());
        try {
            com.fasterxml.jackson.databind.JsonNode request = org.batteryledger.chaincode.json.Json.tree(args[0]);
            String to = request.path("to").asText("");
            if (!to.isEmpty()) {
                orgs.add(participantMsps.computeIfAbsent(to, id -> org.batteryledger.chaincode.json.Json
                        .tree(evaluate(user, org.batteryledger.chaincode.Transactions.GET_PARTICIPANT, id))
                        .path("mspId").asText(user.mspId())));
            }
        } catch (RuntimeException e) {
            // Not JSON, or no such participant: the contract refuses the write with the reason.
            LOG.debug("endorsers for a private write: {}", e.toString());
        }
        return orgs.toArray(String[]::new);
    }

    @Override
    public String evaluate(LedgerUser user, String transaction, String... args) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(transaction, "transaction");
        if (closed.get()) {
            throw closedException();
        }
        try {
            byte[] result = session(user).gateway().getNetwork(settings.channel())
                    .getContract(settings.chaincode())
                    .newProposal(transaction)
                    .addArguments(args)
                    .build()
                    .evaluate();
            return new String(result, StandardCharsets.UTF_8);
        } catch (GatewayException e) {
            throw failure(transaction, e);
        }
    }

    @Override
    public Subscription subscribe(long fromBlock, BlockListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (closed.get()) {
            throw closedException();
        }
        ChaincodeEventStream stream = new ChaincodeEventStream(channel, () -> session(serviceUser.get()),
                settings.channel(), settings.chaincode(), Math.max(0, fromBlock), listener, settings.reconnectDelay(),
                streams::remove);
        streams.put(stream, Boolean.TRUE);
        stream.start();
        return stream;
    }

    /** The channel's block count, from the query system chaincode. */
    @Override
    public long height() {
        if (closed.get()) {
            throw closedException();
        }
        try {
            byte[] info = session(serviceUser.get()).gateway().getNetwork(settings.channel())
                    .getContract("qscc")
                    .newProposal("GetChainInfo")
                    .addArguments(settings.channel())
                    .build()
                    .evaluate();
            return BlockchainInfo.parseFrom(info).getHeight();
        } catch (GatewayException e) {
            throw failure("qscc GetChainInfo", e);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerUnavailableException("qscc GetChainInfo answered something that is not BlockchainInfo",
                    e, false);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        streams.keySet().forEach(ChaincodeEventStream::close);
        writers.shutdown();
        try {
            // Writes still waiting are abandoned: the outbox keeps them PENDING and sends them again.
            if (!writers.awaitTermination(Math.min(settings.commitStatusTimeout().toMillis(), 10_000),
                    TimeUnit.MILLISECONDS)) {
                writers.shutdownNow();
            }
        } catch (InterruptedException e) {
            writers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        sessions.values().forEach(s -> s.gateway().close());
        sessions.clear();
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Maps the failure; when the peer was unreachable, also lets the channel reconnect at once on
     * the next call instead of after gRPC's growing backoff (up to two minutes), so writes resume
     * as soon as a restarted peer listens.
     */
    private RuntimeException failure(String transaction, GatewayException e) {
        if (e.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE) {
            channel.resetConnectBackoff();
        }
        return FabricErrors.of(transaction, e);
    }

    /** The user's Gateway, made on first use; remade if the user's certificate changed (re-enrolment). */
    Session session(LedgerUser user) {
        return sessions.compute(user.name(), (name, existing) -> {
            if (existing != null && existing.user().certificatePem().equals(user.certificatePem())) {
                return existing;
            }
            if (existing != null) {
                existing.gateway().close();
            }
            Signer signer = Signers.newPrivateKeySigner(user.privateKey());
            Gateway gateway = Gateway.newInstance()
                    .identity(new X509Identity(user.mspId(), user.certificate()))
                    .signer(signer)
                    .hash(Hash.SHA256)
                    .connection(channel)
                    .evaluateOptions(deadline(settings.evaluateTimeout()))
                    .endorseOptions(deadline(settings.endorseTimeout()))
                    .submitOptions(deadline(settings.submitTimeout()))
                    .commitStatusOptions(deadline(settings.commitStatusTimeout()))
                    .connect();
            return new Session(user, gateway, signer);
        });
    }

    private static java.util.function.UnaryOperator<io.grpc.CallOptions> deadline(Duration d) {
        return options -> options.withDeadlineAfter(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static LedgerUnavailableException closedException() {
        return new LedgerUnavailableException("the Fabric ledger connection is closed");
    }
}
