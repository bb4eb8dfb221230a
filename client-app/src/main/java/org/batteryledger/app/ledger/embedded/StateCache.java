package org.batteryledger.app.ledger.embedded;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Committed world-state entries kept in memory for point reads, present or absent, each with its
 * version. It never holds anything but committed state:
 *
 * <ul>
 *   <li>the committer {@link #put}s every key of a block after the block's database commit, then
 *       calls {@link #advance()};
 *   <li>a reader that missed {@link #offer}s what it read from the database, tagged with the
 *       {@link #generation()} it saw before reading; the offer is dropped when a block was
 *       published since (its value may be older than the committer's) or when the key is already
 *       cached (the committer's value wins);
 *   <li>eviction happens only right after {@link #advance()}, so an offer racing with it is
 *       refused by its generation check.
 * </ul>
 *
 * A stale entry is therefore impossible, and even so MVCC validation would catch one: a stale
 * version read in simulation fails the committer's check.
 */
final class StateCache {
    /** A committed entry; {@code value == null} means absent. */
    record Entry(byte[] value, long version) {
        static final Entry ABSENT = new Entry(null, Version.ABSENT);
    }

    private final ConcurrentHashMap<String, Entry> map;
    private final int capacity;
    private volatile long generation;

    StateCache(int capacity) {
        this.capacity = capacity;
        this.map = new ConcurrentHashMap<>(Math.max(16, Math.min(capacity, 1 << 16)));
    }

    boolean enabled() {
        return capacity > 0;
    }

    Entry get(String key) {
        return capacity == 0 ? null : map.get(key);
    }

    long generation() {
        return generation;
    }

    /** A reader's database result, kept only if no block was published since {@code seenGeneration}. */
    void offer(String key, Entry entry, long seenGeneration) {
        if (capacity == 0 || generation != seenGeneration) {
            return;
        }
        map.computeIfAbsent(key, k -> generation == seenGeneration ? entry : null);
    }

    /** The committer's write of a committed value (always wins). */
    void put(String key, Entry entry) {
        if (capacity > 0) {
            map.put(key, entry);
        }
    }

    /** Publishes a block, then evicts arbitrary entries down to 3/4 of capacity if over it. */
    void advance() {
        generation++;
        if (capacity > 0 && map.size() > capacity) {
            int target = capacity - capacity / 4;
            Iterator<String> it = map.keySet().iterator();
            while (it.hasNext() && map.size() > target) {
                it.next();
                it.remove();
            }
        }
    }

    void clear() {
        generation++;
        map.clear();
    }

    int size() {
        return map.size();
    }
}
