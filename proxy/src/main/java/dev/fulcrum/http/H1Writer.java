package dev.fulcrum.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;

/** Serializes HTTP/1 heads into buffers. Header names are already lower case. */
public final class H1Writer {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] COLON_SP = {':', ' '};

    private H1Writer() {
    }

    public static ByteBuf request(ByteBufAllocator alloc, HttpRequestHead head) {
        HttpHeaders h = head.headers();
        ByteBuf out = alloc.directBuffer(estimate(h) + head.method().length() + head.uri().length() + 16);
        ascii(out, head.method());
        out.writeByte(' ');
        ascii(out, head.uri());
        out.writeByte(' ');
        ascii(out, head.version());
        out.writeBytes(CRLF);
        headers(out, h);
        return out;
    }

    public static ByteBuf response(ByteBufAllocator alloc, HttpResponseHead head) {
        HttpHeaders h = head.headers();
        ByteBuf out = alloc.directBuffer(estimate(h) + head.reason().length() + 16);
        ascii(out, head.version());
        out.writeByte(' ');
        int s = head.status();
        out.writeByte('0' + s / 100 % 10).writeByte('0' + s / 10 % 10).writeByte('0' + s % 10);
        out.writeByte(' ');
        ascii(out, head.reason());
        out.writeBytes(CRLF);
        headers(out, h);
        return out;
    }

    private static void headers(ByteBuf out, HttpHeaders h) {
        for (int i = 0, n = h.size(); i < n; i++) {
            ascii(out, h.name(i));
            out.writeBytes(COLON_SP);
            ascii(out, h.value(i));
            out.writeBytes(CRLF);
        }
        out.writeBytes(CRLF);
    }

    private static int estimate(HttpHeaders h) {
        int n = 2;
        for (int i = 0; i < h.size(); i++) {
            n += h.name(i).length() + h.value(i).length() + 4;
        }
        return n;
    }

    private static void ascii(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.ISO_8859_1);
    }
}
