package org.batteryledger.app.ledger.embedded;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A deterministic, length-prefixed binary encoding (big-endian integers, UTF-8 strings) for the
 * bytes that are hashed into blocks: the same values always give the same bytes.
 */
final class Canonical {
    private Canonical() {}

    /** Appends fields to a growing buffer. */
    static final class Writer {
        private byte[] buf;
        private int len;

        Writer(int initialCapacity) {
            buf = new byte[Math.max(16, initialCapacity)];
        }

        private void ensure(int extra) {
            if (len + extra > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
            }
        }

        Writer u8(int v) {
            ensure(1);
            buf[len++] = (byte) v;
            return this;
        }

        Writer i32(int v) {
            ensure(4);
            buf[len++] = (byte) (v >>> 24);
            buf[len++] = (byte) (v >>> 16);
            buf[len++] = (byte) (v >>> 8);
            buf[len++] = (byte) v;
            return this;
        }

        Writer i64(long v) {
            i32((int) (v >>> 32));
            return i32((int) v);
        }

        Writer raw(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
            return this;
        }

        Writer bytes(byte[] b) {
            i32(b.length);
            return raw(b);
        }

        /** {@code null} is encoded apart from an empty array (length -1). */
        Writer nullableBytes(byte[] b) {
            return b == null ? i32(-1) : bytes(b);
        }

        Writer str(String s) {
            return bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        Writer nullableStr(String s) {
            return s == null ? i32(-1) : str(s);
        }

        int length() {
            return len;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }
    }

    /** Reads what {@link Writer} wrote. */
    static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf) {
            this.buf = buf;
        }

        private void need(int n) {
            if (n < 0 || pos + n > buf.length) {
                throw new IllegalArgumentException("truncated canonical encoding at byte " + pos);
            }
        }

        int u8() {
            need(1);
            return buf[pos++] & 0xff;
        }

        int i32() {
            need(4);
            int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
                    | (buf[pos + 3] & 0xff);
            pos += 4;
            return v;
        }

        long i64() {
            long hi = i32() & 0xffffffffL;
            long lo = i32() & 0xffffffffL;
            return (hi << 32) | lo;
        }

        byte[] raw(int n) {
            need(n);
            byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return out;
        }

        void skip(int n) {
            need(n);
            pos += n;
        }

        byte[] bytes() {
            return raw(i32());
        }

        void skipBytes() {
            skip(i32());
        }

        byte[] nullableBytes() {
            int n = i32();
            return n == -1 ? null : raw(n);
        }

        String str() {
            int n = i32();
            need(n);
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        String nullableStr() {
            int n = i32();
            if (n == -1) {
                return null;
            }
            pos -= 4;
            return str();
        }

        /** Everything not read yet. */
        byte[] rest() {
            return raw(buf.length - pos);
        }

        boolean atEnd() {
            return pos == buf.length;
        }
    }
}
