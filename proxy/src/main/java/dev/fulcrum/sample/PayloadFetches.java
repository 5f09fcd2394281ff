package dev.fulcrum.sample;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.fulcrum.sample.ArgType.SINT;
import static dev.fulcrum.sample.ArgType.STR;
import static dev.fulcrum.sample.SampleSource.HRQHV;
import static dev.fulcrum.sample.SampleSource.L6REQ;

/**
 * Layer 6 fetches on the raw request buffer (configuration.txt 7.3.5), used by
 * {@code tcp-request content} rules: they can answer "not yet" while the data is
 * still arriving, which makes the rule wait for the inspect delay.
 */
final class PayloadFetches implements SampleProvider {

    @Override
    public void register(SampleRegistry.Builder r) {
        Fetch len = (ctx, out) -> {
            long message = ctx.requestMessageSize();
            if (message >= 0) {
                return out.setSint(message); // HTTP mode: haproxy counts its HTX message
            }
            ByteBuffer b = ctx.requestBuffer();
            out.mayChange = true; // "does not return false as long as the buffer is changing"
            return b != null && out.setSint(b.remaining());
        };
        for (String n : List.of("req.len", "req_len")) {
            r.fetch(n, SampleType.SINT, L6REQ, len);
        }
        for (String n : List.of("req.payload", "payload")) {
            r.fetch(n, ArgSpec.of(2, SINT, SINT), SampleType.BIN, L6REQ, (a, cc) -> {
                long off = a.sint(0);
                long length = a.sint(1);
                return (ctx, out) -> block(ctx, out, off, length);
            });
        }
        for (String n : List.of("req.payload_lv", "payload_lv")) {
            r.fetch(n, ArgSpec.of(2, SINT, SINT, STR), SampleType.BIN, L6REQ, PayloadFetches::lengthValue);
        }
        Fetch helloType = (ctx, out) -> {
            ByteBuffer b = ctx.requestBuffer();
            int t = b == null ? -1 : TlsHello.handshakeType(b);
            return result(ctx, out, t, () -> out.setSint(t));
        };
        Fetch sslVer = (ctx, out) -> {
            ByteBuffer b = ctx.requestBuffer();
            int v = b == null ? -1 : TlsHello.version(b);
            return result(ctx, out, v, () -> out.setSint(v));
        };
        Fetch sni = (ctx, out) -> {
            ByteBuffer b = ctx.requestBuffer();
            if (b == null) {
                return false;
            }
            String name = TlsHello.serverName(b);
            if (name == null) {
                out.mayChange = TlsHello.incomplete(b);
                return false;
            }
            return out.setStr(name);
        };
        Fetch protoHttp = (ctx, out) -> {
            if (ctx.request() != null) {
                return out.setBool(true);
            }
            ByteBuffer b = ctx.requestBuffer();
            if (b == null) {
                return false;
            }
            int state = looksLikeHttp(b);
            if (state < 0) {
                out.mayChange = true;
                return false;
            }
            return out.setBool(state == 1);
        };
        for (String n : List.of("req.ssl_hello_type", "req_ssl_hello_type")) {
            r.fetch(n, SampleType.SINT, L6REQ, helloType);
        }
        for (String n : List.of("req.ssl_ver", "req_ssl_ver")) {
            r.fetch(n, SampleType.SINT, L6REQ, sslVer);
        }
        for (String n : List.of("req.ssl_sni", "req_ssl_sni")) {
            r.fetch(n, SampleType.STR, L6REQ, sni);
        }
        for (String n : List.of("req.proto_http", "req_proto_http")) {
            r.fetch(n, SampleType.BOOL, HRQHV, protoHttp);
        }
    }

    private interface Setter {
        boolean set();
    }

    /** -1: not enough data yet; -2: does not parse; otherwise a value to store. */
    private static boolean result(SampleContext ctx, Sample out, int v, Setter setter) {
        if (v == -1) {
            out.mayChange = true;
            return false;
        }
        return v >= 0 && setter.set();
    }

    /** {@code length} bytes at {@code off} (0: up to the end); "not yet" while they are not all there. */
    private static boolean block(SampleContext ctx, Sample out, long off, long length) {
        ByteBuffer b = ctx.requestBuffer();
        if (b == null || off < 0 || length < 0) {
            return false;
        }
        long avail = b.remaining();
        long end = length == 0 ? avail : off + length;
        if (off > avail || end > avail) {
            out.mayChange = true;
            return false;
        }
        return setBin(b, (int) off, (int) (end - off), out);
    }

    private static boolean setBin(ByteBuffer b, int off, int len, Sample out) {
        if (b.hasArray()) {
            return out.setBin(b.array(), b.arrayOffset() + b.position() + off, len);
        }
        byte[] copy = new byte[len];
        b.get(b.position() + off, copy);
        return out.setBin(copy);
    }

    private static Fetch lengthValue(Args a, CompileContext cc) throws ArgException {
        long lenOff = a.sint(0);
        long lenSize = a.sint(1);
        String o2 = a.str(2, "");
        boolean relative = !o2.isEmpty() && (o2.charAt(0) == '+' || o2.charAt(0) == '-');
        Long blockOff = o2.isEmpty() ? null : ExprParser.parseSint(o2);
        if (!o2.isEmpty() && blockOff == null || lenSize < 1 || lenSize > 4) {
            throw new ArgException(lenSize < 1 || lenSize > 4 ? "length must be between 1 and 4 bytes"
                    : "failed to parse offset '" + o2 + "'");
        }
        return (ctx, out) -> {
            ByteBuffer b = ctx.requestBuffer();
            if (b == null || lenOff < 0) {
                return false;
            }
            if (lenOff + lenSize > b.remaining()) {
                out.mayChange = true;
                return false;
            }
            long blockLen = 0;
            for (int i = 0; i < lenSize; i++) {
                blockLen = blockLen << 8 | (b.get(b.position() + (int) lenOff + i) & 0xff);
            }
            long start = lenOff + lenSize;
            if (blockOff != null) {
                start = relative ? start + blockOff : blockOff;
            }
            if (start < 0 || start + blockLen > b.remaining()) {
                out.mayChange = start >= 0;
                return false;
            }
            return setBin(b, (int) start, (int) blockLen, out);
        };
    }

    /**
     * 1 when the buffer holds a complete HTTP/1 request head, 0 when it cannot be
     * one, -1 when more data is needed to tell.
     */
    static int looksLikeHttp(ByteBuffer b) {
        int n = b.remaining();
        int p = b.position();
        int lineEnd = -1;
        for (int i = 0; i < n; i++) {
            if (b.get(p + i) == '\n') {
                lineEnd = i;
                break;
            }
        }
        if (lineEnd < 0) {
            return n > 8192 ? 0 : -1;
        }
        String line = new String(bytes(b, 0, lineEnd), StandardCharsets.ISO_8859_1).strip();
        String[] parts = line.split(" ");
        if (parts.length != 3 || parts[0].isEmpty() || !parts[2].matches("HTTP/[0-9]\\.[0-9]")) {
            return 0;
        }
        for (int i = lineEnd; i + 1 < n; i++) {
            if (b.get(p + i) == '\n' && (b.get(p + i + 1) == '\n'
                    || b.get(p + i + 1) == '\r' && i + 2 < n && b.get(p + i + 2) == '\n')) {
                return 1;
            }
        }
        return -1;
    }

    private static byte[] bytes(ByteBuffer b, int off, int len) {
        byte[] a = new byte[len];
        b.get(b.position() + off, a);
        return a;
    }
}
