package org.batteryledger.app.ledger.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Edits a closed ledger's file behind the ledger's back, as anyone with access to the file could:
 * for tamper tests. Each edit is committed to the file.
 */
public final class LedgerFile {
    private LedgerFile() {}

    static void edit(Path ledgerDir, Consumer<Store> change) {
        try (Store store = Store.openFile(ledgerDir.resolve(Store.FILE), Settings.defaults())) {
            change.accept(store);
            store.commit();
        }
    }

    /** Replaces the event payload of every transaction of {@code block}; the number of transactions changed. */
    public static int replaceEventPayloads(Path ledgerDir, long block, byte[] payload) {
        int[] changed = {0};
        edit(ledgerDir, s -> {
            for (Store.TxRow t : s.read(view -> Store.blockTxs(view, block))) {
                s.txs.put(Version.of(block, t.index()), new Store.TxRow(t.block(), t.index(), t.txId(),
                        t.validationCode(), t.tsSeconds(), t.tsNanos(), t.creatorMsp(), t.creatorHash(), t.function(),
                        t.eventName(), payload, t.rwset()).encode());
                changed[0]++;
            }
        });
        return changed[0];
    }

    /** Replaces a world-state value, keeping its version; false if the key is absent. */
    public static boolean replaceState(Path ledgerDir, String key, byte[] value) {
        boolean[] found = {false};
        edit(ledgerDir, s -> {
            byte[] stored = s.state.get(Bytes.utf8(key));
            if (stored != null) {
                s.state.put(Bytes.utf8(key), Codec.versioned(Codec.version(stored), value));
                found[0] = true;
            }
        });
        return found[0];
    }

    /** Deletes a world-state entry; false if it was absent. */
    public static boolean deleteState(Path ledgerDir, String key) {
        boolean[] found = {false};
        edit(ledgerDir, s -> found[0] = s.state.remove(Bytes.utf8(key)) != null);
        return found[0];
    }

    /** The first world-state key written in {@code block} whose value contains {@code text}, if any. */
    public static java.util.Optional<String> stateKeyWritten(Path ledgerDir, long block, String text) {
        try (Store store = Store.openFile(ledgerDir.resolve(Store.FILE), Settings.defaults())) {
            for (java.util.Map.Entry<byte[], byte[]> e : store.state.entrySet()) {
                if (Version.block(Codec.version(e.getValue())) == block
                        && Bytes.string(Codec.value(e.getValue())).contains(text)) {
                    return java.util.Optional.of(Bytes.string(e.getKey()));
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** The stored transactions of a block. */
    static List<Store.TxRow> transactions(Path ledgerDir, long block) {
        try (Store store = Store.openFile(ledgerDir.resolve(Store.FILE), Settings.defaults())) {
            return store.read(view -> Store.blockTxs(view, block));
        }
    }
}
