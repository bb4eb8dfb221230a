package org.batteryledger.app.ledger.embedded;

import java.security.MessageDigest;

/**
 * How blocks are hashed, in one place for the committer and {@code verify}:
 *
 * <ul>
 *   <li>a transaction's canonical bytes are {@code index ‖ validation code ‖ body} ({@link
 *       PendingTx#body});
 *   <li>{@code dataHash} = SHA-256 over each transaction's canonical bytes, length-prefixed, in
 *       block order;
 *   <li>{@code hash} = SHA-256(number ‖ previousHash ‖ dataHash);
 *   <li>the genesis block (0) holds no transaction; its data is the ledger format and channel.
 * </ul>
 */
final class Chain {
    private Chain() {}

    /** Accumulates a block's data hash, one transaction at a time. */
    static final class DataHash {
        private final MessageDigest digest = Bytes.sha256();

        void add(int index, int validationCode, byte[] body) {
            Canonical.Writer w = new Canonical.Writer(12);
            w.i32(8 + body.length).i32(index).i32(validationCode);
            digest.update(w.toByteArray());
            digest.update(body);
        }

        byte[] finish() {
            return digest.digest();
        }
    }

    static byte[] blockHash(long number, byte[] previousHash, byte[] dataHash) {
        MessageDigest d = Bytes.sha256();
        d.update(new Canonical.Writer(8).i64(number).toByteArray());
        d.update(previousHash);
        d.update(dataHash);
        return d.digest();
    }

    static byte[] genesisDataHash(String channelId, int format) {
        return Bytes.sha256(new Canonical.Writer(64).str("battery-ledger genesis").str(channelId).i32(format)
                .toByteArray());
    }
}
