package org.batteryledger.app.ledger.fabric;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.batteryledger.app.ledger.BlockEvents;
import org.batteryledger.app.ledger.ChaincodeEvent;
import org.batteryledger.app.ledger.Ledger;
import org.hyperledger.fabric.client.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription to the chaincode's events, delivered a whole block at a time on its own thread.
 *
 * <p>Why not {@code Network.getChaincodeEvents} with a {@code Checkpointer}: that iterator hands out
 * events one by one and hides where a block ends, while the read model applies and checkpoints
 * whole blocks in one H2 transaction ({@code rm_checkpoint}, next to the rows). The gateway peer
 * sends exactly one {@link ChaincodeEventsResponse} per block, so this class builds the request
 * with the client API ({@code newChaincodeEventsRequest(...).startBlock(n)}, the user's identity),
 * signs its digest with the user's signer as the client would, and reads the same gRPC stream
 * itself. The checkpoint is then the projector's block number, written in the same transaction
 * as the rows; resuming at checkpoint + 1 is exactly Fabric's {@code checkpointBlock} semantics,
 * and no transaction id is needed within a block because a block is never half-applied.
 *
 * <p>When the stream breaks (peer stopped, network), it waits {@code reconnectDelay} and asks
 * again from the block after the last one delivered, until closed. Blocks without events of this
 * chaincode are not delivered (the peer does not send them).
 */
final class ChaincodeEventStream implements Ledger.Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(ChaincodeEventStream.class);

    private final ManagedChannel channel;
    private final Supplier<FabricLedger.Session> session;
    private final String channelName;
    private final String chaincode;
    private final Ledger.BlockListener listener;
    private final Duration reconnectDelay;
    private final Consumer<ChaincodeEventStream> onClose;
    private final Thread thread;
    private final Object lock = new Object();

    private volatile long next;
    private volatile boolean closed;
    private Context.CancellableContext call;

    ChaincodeEventStream(ManagedChannel channel, Supplier<FabricLedger.Session> session, String channelName,
            String chaincode, long fromBlock, Ledger.BlockListener listener, Duration reconnectDelay,
            Consumer<ChaincodeEventStream> onClose) {
        this.channel = channel;
        this.session = session;
        this.channelName = channelName;
        this.chaincode = chaincode;
        this.next = fromBlock;
        this.listener = listener;
        this.reconnectDelay = reconnectDelay;
        this.onClose = onClose;
        this.thread = new Thread(this::run, "fabric-events-" + chaincode + "-from-" + fromBlock);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The next block this stream will deliver. */
    long nextBlock() {
        return next;
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (call != null) {
                call.cancel(null);
            }
        }
        onClose.accept(this);
        if (Thread.currentThread() != thread) {
            // No interrupt: the listener may be writing to H2, which an interrupt can break.
            // Cancelling the call ends the stream; the notify ends a wait between reconnections.
            synchronized (lock) {
                lock.notifyAll();
            }
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        boolean reported = false;
        while (!closed) {
            try {
                streamOnce();
                reported = false;
            } catch (StatusRuntimeException e) {
                if (closed) {
                    break;
                }
                if (!reported) {
                    LOG.warn("chaincode events of {} broke at block {} ({}); reconnecting every {}", chaincode, next,
                            e.getStatus(), reconnectDelay);
                    reported = true;
                }
            } catch (RuntimeException e) {
                if (closed) {
                    break;
                }
                LOG.error("chaincode events of {} at block {} failed; retrying in {}", chaincode, next,
                        reconnectDelay, e);
            }
            channel.resetConnectBackoff(); // our delay, not gRPC's growing one, paces the reconnection
            synchronized (lock) {
                if (!closed) {
                    try {
                        lock.wait(reconnectDelay.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** Reads one stream until it ends or breaks; each response is one block. */
    private void streamOnce() {
        SignedChaincodeEventsRequest request = signedRequest(next);
        Context.CancellableContext context = Context.current().withCancellation();
        synchronized (lock) {
            if (closed) {
                return;
            }
            call = context;
        }
        try {
            context.run(() -> {
                Iterator<ChaincodeEventsResponse> responses = GatewayGrpc.newBlockingStub(channel)
                        .chaincodeEvents(request);
                while (!closed && responses.hasNext()) {
                    ChaincodeEventsResponse response = responses.next();
                    if (response.getBlockNumber() < next) {
                        continue; // delivered before the reconnection
                    }
                    listener.onBlock(toBlock(response));
                    next = response.getBlockNumber() + 1;
                }
            });
        } finally {
            context.cancel(null);
        }
    }

    private SignedChaincodeEventsRequest signedRequest(long startBlock) {
        FabricLedger.Session s = session.get();
        ChaincodeEventsRequest request = s.gateway().getNetwork(channelName)
                .newChaincodeEventsRequest(chaincode)
                .startBlock(startBlock)
                .build();
        try {
            return SignedChaincodeEventsRequest.parseFrom(request.getBytes()).toBuilder()
                    .setSignature(ByteString.copyFrom(s.signer().sign(request.getDigest())))
                    .build();
        } catch (InvalidProtocolBufferException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the chaincode events request as " + s.user().name(), e);
        }
    }

    static BlockEvents toBlock(ChaincodeEventsResponse response) {
        List<ChaincodeEvent> events = new ArrayList<>(response.getEventsCount());
        int index = 0;
        for (org.hyperledger.fabric.protos.peer.ChaincodeEvent e : response.getEventsList()) {
            // The stream carries no transaction index; the event's position keeps the block's order.
            events.add(new ChaincodeEvent(response.getBlockNumber(), index++, e.getTxId(), e.getEventName(),
                    e.getPayload().toByteArray()));
        }
        return new BlockEvents(response.getBlockNumber(), events);
    }
}
