package org.batteryledger.app.ledger.fabric;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.app.ledger.BlockEvents;
import org.batteryledger.app.ledger.Commit;
import org.batteryledger.app.ledger.Ledger;
import org.batteryledger.app.ledger.LedgerRejectedException;
import org.batteryledger.app.ledger.LedgerUnavailableException;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * A gateway peer for tests: the Fabric Gateway gRPC service on 127.0.0.1 over TLS, backed by a
 * {@link Ledger} (the embedded ledger, so the real contract decides). It parses what the real
 * client sends (signed proposals, commit-status and event requests), checks every signature
 * against the creator's certificate as a peer would, and answers in the wire formats a peer uses:
 * a prepared transaction envelope carrying the result, chaincode errors as {@code "chaincode
 * response 500, ..."} error details, one events response per block.
 *
 * <p>Endorsement here runs the whole transaction on the backing ledger (endorse, order and commit
 * in one step) and remembers its commit status for the client's later request; events carry the
 * client's transaction ids. Tests can make the next commits fail with {@code MVCC_READ_CONFLICT}
 * (nothing applied, as on a peer), and stop and restart the server on the same port.
 */
public final class FakeGatewayPeer implements AutoCloseable {
    static final String MSP = "FakePeerMSP";

    private final Ledger ledger;
    private final TestTls tls;
    private final String channel;
    private final Map<ByteString, LedgerUser> users = new ConcurrentHashMap<>();
    private final Map<String, CommitStatusResponse> statuses = new ConcurrentHashMap<>();
    /** Backing ledger's transaction id → the client's. */
    private final Map<String, String> clientTxIds = new ConcurrentHashMap<>();
    private final AtomicInteger mvccToInject = new AtomicInteger();
    private final AtomicInteger endorsements = new AtomicInteger();
    /** The endorsing organisations each endorsement request named, by function, latest first. */
    private final Map<String, List<String>> endorsingOrganizations = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger eventStreams = new AtomicInteger();
    private final List<Ledger.Subscription> subscriptions = new ArrayList<>();
    private int port;
    private Server server;

    FakeGatewayPeer(Ledger ledger, TestTls tls, String channel, List<LedgerUser> knownUsers) {
        this.ledger = ledger;
        this.tls = tls;
        this.channel = channel;
        knownUsers.forEach(this::addUser);
    }

    void addUser(LedgerUser u) {
        try {
            users.put(ByteString.copyFrom(u.certificate().getEncoded()), u);
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Starts on a free port, or on the port it had before a {@link #stop()}. */
    public synchronized FakeGatewayPeer start() throws IOException {
        ServerCredentials creds = TlsServerCredentials.create(tls.serverCert().toFile(), tls.serverKey().toFile());
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port), creds)
                .addService(new Service())
                .build()
                .start();
        port = server.getPort();
        return this;
    }

    /** Stops at once, breaking open streams, as a killed peer would. */
    public synchronized void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server = null;
        }
        synchronized (subscriptions) {
            subscriptions.forEach(Ledger.Subscription::close);
            subscriptions.clear();
        }
    }

    String endpoint() {
        return "127.0.0.1:" + port;
    }

    /** The next {@code n} endorsed transactions fail validation with MVCC_READ_CONFLICT and change nothing. */
    void failNextCommitsWithMvccConflict(int n) {
        mvccToInject.set(n);
    }

    /** The organisations the last endorsement of {@code function} asked for (empty: the Gateway's choice). */
    List<String> endorsingOrganizationsOf(String function) {
        return endorsingOrganizations.getOrDefault(function, List.of());
    }

    int endorsements() {
        return endorsements.get();
    }

    int eventStreamsOpened() {
        return eventStreams.get();
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a proposal asks for, as a peer unpacks it. */
    private record Invocation(String txId, String channel, String chaincode, ByteString creator, String function,
            String[] args, Map<String, byte[]> transientData) {}

    private final class Service extends GatewayGrpc.GatewayImplBase {
        @Override
        public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> out) {
            try {
                Invocation inv = invocation(request.getProposedTransaction());
                String result;
                if (inv.chaincode().equals("qscc") && inv.function().equals("GetChainInfo")) {
                    reply(out, EvaluateResponse.newBuilder().setResult(Response.newBuilder().setStatus(200)
                            .setPayload(BlockchainInfo.newBuilder().setHeight(ledger.height()).build().toByteString()))
                            .build());
                    return;
                }
                try {
                    result = ledger.evaluate(user(inv), inv.function(), inv.args());
                } catch (LedgerRejectedException e) {
                    String detail = "chaincode response 500, " + e.getMessage();
                    throw error(Status.Code.UNKNOWN, "evaluate call to endorser returned error: " + detail, detail);
                }
                reply(out, EvaluateResponse.newBuilder().setResult(Response.newBuilder().setStatus(200)
                        .setPayload(ByteString.copyFromUtf8(result))).build());
            } catch (StatusRuntimeException e) {
                out.onError(e);
            }
        }

        @Override
        public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> out) {
            try {
                Invocation inv = invocation(request.getProposedTransaction());
                endorsements.incrementAndGet();
                endorsingOrganizations.put(inv.function(), List.copyOf(request.getEndorsingOrganizationsList()));
                if (mvccToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    statuses.put(inv.txId(), status(TxValidationCode.MVCC_READ_CONFLICT, ledger.height()));
                    reply(out, endorsed(inv, ""));
                    return;
                }
                Commit commit;
                try {
                    commit = ledger.submit(user(inv), inv.function(), inv.transientData(), inv.args()).join();
                } catch (CompletionException e) {
                    if (e.getCause() instanceof LedgerRejectedException r) {
                        throw error(Status.Code.ABORTED, "failed to endorse transaction, see attached details for more"
                                + " info", "chaincode response 500, " + r.getMessage());
                    }
                    if (e.getCause() instanceof LedgerUnavailableException u && u.isMvccConflict()) {
                        statuses.put(inv.txId(), status(TxValidationCode.MVCC_READ_CONFLICT, ledger.height()));
                        reply(out, endorsed(inv, ""));
                        return;
                    }
                    throw error(Status.Code.UNAVAILABLE, "endorser unavailable: " + e.getCause(),
                            String.valueOf(e.getCause()));
                }
                clientTxIds.put(commit.txId(), inv.txId());
                statuses.put(inv.txId(), status(TxValidationCode.VALID, commit.blockNumber()));
                reply(out, endorsed(inv, commit.result()));
            } catch (StatusRuntimeException e) {
                out.onError(e);
            }
        }

        @Override
        public void submit(SubmitRequest request, StreamObserver<SubmitResponse> out) {
            if (!statuses.containsKey(request.getTransactionId())) {
                out.onError(Status.FAILED_PRECONDITION.withDescription("unknown transaction").asRuntimeException());
                return;
            }
            reply(out, SubmitResponse.getDefaultInstance());
        }

        @Override
        public void commitStatus(SignedCommitStatusRequest request, StreamObserver<CommitStatusResponse> out) {
            try {
                CommitStatusRequest r = CommitStatusRequest.parseFrom(request.getRequest());
                verify(r.getIdentity(), request.getRequest(), request.getSignature());
                CommitStatusResponse status = statuses.get(r.getTransactionId());
                if (status == null) {
                    throw Status.NOT_FOUND.withDescription("no transaction " + r.getTransactionId())
                            .asRuntimeException();
                }
                reply(out, status);
            } catch (InvalidProtocolBufferException e) {
                out.onError(Status.INVALID_ARGUMENT.withCause(e).asRuntimeException());
            } catch (StatusRuntimeException e) {
                out.onError(e);
            }
        }

        @Override
        public void chaincodeEvents(SignedChaincodeEventsRequest request, StreamObserver<ChaincodeEventsResponse> out) {
            ChaincodeEventsRequest r;
            try {
                r = ChaincodeEventsRequest.parseFrom(request.getRequest());
                verify(r.getIdentity(), request.getRequest(), request.getSignature());
            } catch (InvalidProtocolBufferException e) {
                out.onError(Status.INVALID_ARGUMENT.withCause(e).asRuntimeException());
                return;
            } catch (StatusRuntimeException e) {
                out.onError(e);
                return;
            }
            eventStreams.incrementAndGet();
            long start = r.getStartPosition().hasSpecified() ? r.getStartPosition().getSpecified().getNumber()
                    : ledger.height();
            ServerCallStreamObserver<ChaincodeEventsResponse> stream =
                    (ServerCallStreamObserver<ChaincodeEventsResponse>) out;
            Ledger.Subscription sub = ledger.subscribe(start, block -> send(stream, block));
            synchronized (subscriptions) {
                subscriptions.add(sub);
            }
            stream.setOnCancelHandler(sub::close);
        }
    }

    private void send(ServerCallStreamObserver<ChaincodeEventsResponse> stream, BlockEvents block) {
        if (block.events().isEmpty() || stream.isCancelled()) {
            return;
        }
        ChaincodeEventsResponse.Builder b = ChaincodeEventsResponse.newBuilder().setBlockNumber(block.blockNumber());
        for (org.batteryledger.app.ledger.ChaincodeEvent e : block.events()) {
            b.addEvents(ChaincodeEvent.newBuilder().setTxId(clientTxId(e.txId())).setEventName(e.name())
                    .setPayload(ByteString.copyFrom(e.payload())));
        }
        try {
            stream.onNext(b.build());
        } catch (RuntimeException e) {
            // the client went away; its cancel handler closes the subscription
        }
    }

    /** The client's id for a backing transaction; the endorse call records it just after the commit. */
    private String clientTxId(String backingTxId) {
        for (int i = 0; i < 200; i++) {
            String id = clientTxIds.get(backingTxId);
            if (id != null) {
                return id;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return backingTxId;
    }

    private LedgerUser user(Invocation inv) {
        LedgerUser u;
        try {
            u = users.get(ByteString.copyFrom(certificate(inv.creator()).getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            u = null;
        }
        if (u == null) {
            throw Status.PERMISSION_DENIED.withDescription("creator unknown to this peer").asRuntimeException();
        }
        return u;
    }

    private Invocation invocation(SignedProposal signed) {
        try {
            Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
            Header header = Header.parseFrom(proposal.getHeader());
            ChannelHeader ch = ChannelHeader.parseFrom(header.getChannelHeader());
            SignatureHeader sh = SignatureHeader.parseFrom(header.getSignatureHeader());
            verify(sh.getCreator(), signed.getProposalBytes(), signed.getSignature());
            if (!ch.getChannelId().equals(channel)) {
                throw Status.NOT_FOUND.withDescription("channel " + ch.getChannelId() + " not found")
                        .asRuntimeException();
            }
            ChaincodeProposalPayload payload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
            ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.parseFrom(payload.getInput());
            List<ByteString> args = spec.getChaincodeSpec().getInput().getArgsList();
            String[] rest = new String[args.size() - 1];
            for (int i = 1; i < args.size(); i++) {
                rest[i - 1] = args.get(i).toStringUtf8();
            }
            Map<String, byte[]> transientData = new LinkedHashMap<>();
            payload.getTransientMapMap().forEach((k, v) -> transientData.put(k, v.toByteArray()));
            return new Invocation(ch.getTxId(), ch.getChannelId(), spec.getChaincodeSpec().getChaincodeId().getName(),
                    sh.getCreator(), args.get(0).toStringUtf8(), rest, transientData);
        } catch (InvalidProtocolBufferException e) {
            throw Status.INVALID_ARGUMENT.withDescription("failed to unpack transaction proposal: " + e.getMessage())
                    .asRuntimeException();
        }
    }

    /** A peer checks each request's signature against the creator's certificate. */
    private static void verify(ByteString creator, ByteString message, ByteString signature) {
        try {
            X509Certificate cert = certificate(creator);
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(cert.getPublicKey());
            verifier.update(message.toByteArray());
            if (!verifier.verify(signature.toByteArray())) {
                throw Status.PERMISSION_DENIED.withDescription("signature does not verify").asRuntimeException();
            }
        } catch (StatusRuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw Status.PERMISSION_DENIED.withDescription("cannot verify signature: " + e).asRuntimeException();
        }
    }

    private static X509Certificate certificate(ByteString creator) {
        try {
            SerializedIdentity id = SerializedIdentity.parseFrom(creator);
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(id.getIdBytes().toByteArray()));
        } catch (Exception e) {
            throw Status.PERMISSION_DENIED.withDescription("creator is not an X.509 identity: " + e)
                    .asRuntimeException();
        }
    }

    private EndorseResponse endorsed(Invocation inv, String result) {
        ChaincodeAction action = ChaincodeAction.newBuilder()
                .setResponse(Response.newBuilder().setStatus(200).setPayload(ByteString.copyFromUtf8(result)))
                .build();
        ChaincodeActionPayload actionPayload = ChaincodeActionPayload.newBuilder()
                .setAction(ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(
                        ProposalResponsePayload.newBuilder().setExtension(action.toByteString()).build().toByteString()))
                .build();
        Transaction tx = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder().setPayload(actionPayload.toByteString()))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(ChannelHeader.newBuilder().setChannelId(inv.channel())
                        .setTxId(inv.txId()).build().toByteString()))
                .setData(tx.toByteString())
                .build();
        return EndorseResponse.newBuilder()
                .setPreparedTransaction(Envelope.newBuilder().setPayload(payload.toByteString()))
                .build();
    }

    private static CommitStatusResponse status(TxValidationCode code, long block) {
        return CommitStatusResponse.newBuilder().setResult(code).setBlockNumber(block).build();
    }

    private StatusRuntimeException error(Status.Code code, String message, String detail) {
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(message)
                .addDetails(Any.pack(ErrorDetail.newBuilder().setAddress(endpoint()).setMspId(MSP).setMessage(detail)
                        .build()))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    private static <T> void reply(StreamObserver<T> out, T value) {
        out.onNext(value);
        out.onCompleted();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
