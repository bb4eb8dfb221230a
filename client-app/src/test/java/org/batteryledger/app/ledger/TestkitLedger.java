package org.batteryledger.app.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.batteryledger.app.identity.LedgerUser;
import org.batteryledger.chaincode.testkit.InMemoryLedger;
import org.batteryledger.chaincode.testkit.InMemoryStub;
import org.hyperledger.fabric.contract.RouterInvoker;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * A {@link Ledger} over the chaincode's in-memory test kit, one transaction per block, for
 * tests of the application that do not need the embedded ledger's durability.
 */
public final class TestkitLedger implements Ledger {
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final RouterInvoker router = RouterInvoker.shared();
    private final List<BlockEvents> blocks = new ArrayList<>();
    private final List<BlockListener> listeners = new CopyOnWriteArrayList<>();
    private Instant clock = Instant.parse("2026-06-01T08:00:00Z");
    private volatile boolean down;

    /** Simulates an unreachable ledger. */
    public void setDown(boolean down) {
        this.down = down;
    }

    public synchronized void setTime(Instant time) {
        clock = time;
    }

    @Override
    public synchronized CompletableFuture<Commit> submit(LedgerUser user, String transaction,
            Map<String, byte[]> transientData, String... args) {
        if (down) {
            return CompletableFuture.failedFuture(new LedgerUnavailableException("ledger is down"));
        }
        clock = clock.plusSeconds(1);
        InMemoryStub stub = new InMemoryStub(ledger, ledger.nextTxId(), clock, user.serialized(), user.mspId(),
                InMemoryStub.toArgs(transaction, args), transientData);
        Chaincode.Response r = router.invoke(stub);
        if (r.getStatusCode() >= 400) {
            stub.discard();
            return CompletableFuture.failedFuture(new LedgerRejectedException(r.getMessage(), stub.getTxId()));
        }
        InMemoryStub.CommittedTx tx = stub.commit();
        long number = blocks.size();
        List<ChaincodeEvent> events = tx.eventName() == null ? List.of()
                : List.of(new ChaincodeEvent(number, 0, tx.txId(), tx.eventName(), tx.eventPayload()));
        BlockEvents block = new BlockEvents(number, events);
        blocks.add(block);
        listeners.forEach(l -> l.onBlock(block));
        return CompletableFuture.completedFuture(
                new Commit(tx.txId(), number, new String(r.getPayload(), StandardCharsets.UTF_8)));
    }

    @Override
    public synchronized String evaluate(LedgerUser user, String transaction, String... args) {
        if (down) {
            throw new LedgerUnavailableException("ledger is down");
        }
        InMemoryStub stub = new InMemoryStub(ledger, ledger.nextTxId(), clock, user.serialized(), user.mspId(),
                InMemoryStub.toArgs(transaction, args), Map.of());
        try {
            Chaincode.Response r = router.invoke(stub);
            if (r.getStatusCode() >= 400) {
                throw new LedgerRejectedException(r.getMessage(), stub.getTxId());
            }
            return new String(r.getPayload(), StandardCharsets.UTF_8);
        } finally {
            stub.discard();
        }
    }

    @Override
    public synchronized Subscription subscribe(long fromBlock, BlockListener listener) {
        for (int i = (int) fromBlock; i < blocks.size(); i++) {
            listener.onBlock(blocks.get(i));
        }
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public synchronized long height() {
        return blocks.size();
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
