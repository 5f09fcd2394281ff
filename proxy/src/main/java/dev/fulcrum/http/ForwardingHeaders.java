package dev.fulcrum.http;

import dev.fulcrum.backend.Backend;
import dev.fulcrum.frontend.Frontend;

import java.net.InetSocketAddress;

/**
 * The request header changes HAProxy makes on the way to any server: {@code
 * option forwardfor} and {@code option originalto} (the backend's header name
 * wins over the frontend's, either side's {@code except} network spares an
 * address, {@code if-none} only when every side that sets it says so), and the
 * {@code Connection} header the connection mode calls for.
 */
final class ForwardingHeaders {

    private ForwardingHeaders() {
    }

    /**
     * @param client the client's address as rules left it ({@code set-src}), or {@code null}
     * @param dst    the address the client connected to, or {@code null}
     */
    static void apply(HttpHeaders h, Frontend fe, Backend be, InetSocketAddress client, InetSocketAddress dst,
                      H1Head reqInfo, ConnectionMode mode) {
        ForwardFor ff = be.forwardFor != null ? be.forwardFor : fe.forwardFor;
        if (ff != null && client != null && !excepted(fe.forwardFor, client) && !excepted(be.forwardFor, client)) {
            boolean ifNone = (be.forwardFor == null || be.forwardFor.ifNone())
                    && (fe.forwardFor == null || fe.forwardFor.ifNone());
            if (!(ifNone && h.contains(ff.header()))) {
                h.add(ff.header(), dev.fulcrum.sample.Inet.format(client.getAddress()));
            }
        }
        ForwardFor ot = be.originalTo != null ? be.originalTo : fe.originalTo;
        if (ot != null && dst != null && !excepted(fe.originalTo, dst) && !excepted(be.originalTo, dst)) {
            h.add(ot.header(), dev.fulcrum.sample.Inet.format(dst.getAddress()));
        }
        if (reqInfo.connectionUpgrade) {
            // an upgrade keeps its "Connection: upgrade" in every mode: haproxy adds neither close nor keep-alive
            return;
        }
        // option http-pretend-keepalive (a backend option): the server is told nothing of the close
        if (mode != ConnectionMode.KEEP_ALIVE && !be.pretendKeepAlive) {
            // HTTP/1.0 closes by default: haproxy then sends no connection header at all
            if (reqInfo.http11) {
                h.set("connection", "close");
            } else {
                h.remove("connection");
            }
        } else if (!reqInfo.http11 && !reqInfo.ambiguousLength) {
            h.set("connection", "keep-alive");
        }
    }

    /** Whether one side's {@code except} network holds the address: haproxy honours the frontend's and the backend's. */
    private static boolean excepted(ForwardFor option, InetSocketAddress address) {
        return option != null && option.exceptNet() != null && option.exceptNet().contains(address.getAddress().getAddress());
    }
}
