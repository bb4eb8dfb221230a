package org.batteryledger.app.ledger.embedded;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * Byte-string map keys in unsigned lexicographic order, which is LevelDB's (and Fabric's) key
 * order for UTF-8 keys. H2's own byte-array type has no order, so it cannot key a map.
 */
final class UnsignedBytes extends BasicDataType<byte[]> {
    static final UnsignedBytes INSTANCE = new UnsignedBytes();

    private UnsignedBytes() {}

    @Override
    public int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    @Override
    public int getMemory(byte[] b) {
        return 24 + b.length;
    }

    @Override
    public void write(WriteBuffer buff, byte[] b) {
        buff.putVarInt(b.length).put(b);
    }

    @Override
    public byte[] read(ByteBuffer buff) {
        byte[] b = new byte[DataUtils.readVarInt(buff)];
        buff.get(b);
        return b;
    }

    @Override
    public byte[][] createStorage(int size) {
        return new byte[size][];
    }
}
