package org.batteryledger.app.ledger.embedded;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.batteryledger.app.ledger.BlockEvents;
import org.batteryledger.app.ledger.Ledger;

/**
 * Block event delivery, as a peer's deliver service: each subscription has its own thread that
 * replays committed blocks from the transaction rows (a lagging or new subscriber), then follows
 * new blocks as they are published. The last few blocks are kept in memory so subscribers that
 * keep up never touch the database.
 */
final class EventHub {
    private static final Logger LOG = Logger.getLogger(EventHub.class.getName());
    private static final int RECENT_BLOCKS = 32;
    private static final int REPLAY_CHUNK = 200;
    private static final AtomicLong THREADS = new AtomicLong();

    private final Store store;
    private final Object monitor = new Object();
    private final ConcurrentHashMap<Long, BlockEvents> recent = new ConcurrentHashMap<>();
    private final Set<Sub> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile long height;

    EventHub(Store store, long height) {
        this.store = store;
        this.height = height;
    }

    long height() {
        return height;
    }

    /** Called by the committer after a block's database commit. */
    void published(BlockEvents block) {
        recent.put(block.blockNumber(), block);
        recent.remove(block.blockNumber() - RECENT_BLOCKS);
        synchronized (monitor) {
            height = block.blockNumber() + 1;
            monitor.notifyAll();
        }
    }

    Ledger.Subscription subscribe(long fromBlock, Ledger.BlockListener listener) {
        if (fromBlock < 0) {
            throw new IllegalArgumentException("fromBlock must not be negative: " + fromBlock);
        }
        Sub sub = new Sub(fromBlock, listener);
        subscriptions.add(sub);
        Thread t = new Thread(sub, "embedded-ledger-events-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        t.start();
        return sub;
    }

    void closeAll() {
        subscriptions.forEach(Sub::close);
    }

    /** One subscription and its delivery thread. */
    private final class Sub implements Ledger.Subscription, Runnable {
        private final Ledger.BlockListener listener;
        private volatile boolean closed;
        private long next;

        Sub(long from, Ledger.BlockListener listener) {
            this.next = from;
            this.listener = listener;
        }

        @Override
        public void run() {
            try {
                while (!closed) {
                    long h;
                    synchronized (monitor) {
                        while (!closed && height <= next) {
                            monitor.wait();
                        }
                        h = height;
                    }
                    if (closed) {
                        break;
                    }
                    BlockEvents cached = recent.get(next);
                    Iterable<BlockEvents> blocks = cached != null ? java.util.List.of(cached)
                            : store.events(next, Math.min(h, next + REPLAY_CHUNK));
                    for (BlockEvents b : blocks) {
                        if (closed) {
                            break;
                        }
                        try {
                            listener.onBlock(b);
                        } catch (RuntimeException e) {
                            // Stop rather than skip: the consumer resubscribes from its checkpoint.
                            LOG.log(Level.SEVERE, "event listener failed on block " + b.blockNumber()
                                    + "; subscription stopped", e);
                            closed = true;
                            break;
                        }
                        next = b.blockNumber() + 1;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Store.StoreException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "event subscription stopped: " + e.getMessage(), e);
                }
            } finally {
                closed = true;
                subscriptions.remove(this);
            }
        }

        @Override
        public void close() {
            closed = true;
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }
}
