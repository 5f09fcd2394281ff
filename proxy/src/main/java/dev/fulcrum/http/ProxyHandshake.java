package dev.fulcrum.http;

import dev.fulcrum.proxyprotocol.ProxyError;
import dev.fulcrum.proxyprotocol.ProxyHeader;
import dev.fulcrum.proxyprotocol.ProxyHeaderHandler;

import java.net.InetSocketAddress;

/**
 * The PROXY protocol handshake of a client connection ({@code accept-proxy},
 * {@code tcp-request connection expect-proxy layer4}): the header is read before
 * anything else, and the session starts (its accept date and timers, its
 * addresses) once it is; a bad or missing header ends the connection the way
 * HAProxy ends an embryonic session.
 *
 * <p>Made only for connections that expect the header, in place of the
 * callback the header reader needs anyway.
 */
final class ProxyHandshake implements ProxyHeaderHandler.Outcome {

    private final FrontConnection fc;

    private ProxyHandshake(FrontConnection fc) {
        this.fc = fc;
    }

    /** Puts the header reader in front of the connection's handler (the connection's idle timer bounds the wait). */
    static void start(FrontConnection fc) {
        fc.proxyHandler = new ProxyHeaderHandler(new ProxyHandshake(fc));
        fc.ch.pipeline().addBefore(fc.ctx.name(), "proxy-header", fc.proxyHandler);
    }

    @Override
    public void received(ProxyHeader header) {
        fc.proxyHandler = null;
        fc.proxyHeader = header;
        // as haproxy, the session (its accept date and timers) starts once the handshake is over
        fc.tAccept = fc.tIdleStart = System.nanoTime();
        fc.acceptEpochMillis = System.currentTimeMillis();
        if (header.hasAddresses()) {
            fc.remote = header.source();
            fc.local = header.destination();
            if (fc.context != null) {
                fc.context.addressesChanged();
            }
        }
        fc.sessionStart();
    }

    @Override
    public void failed(ProxyError error, InetSocketAddress source) {
        if (source != null) {
            fc.remote = source;
        }
        failed(fc, error);
    }

    /** The header was bad, or did not come in time: logged as a connection error, then closed or reset. */
    static void failed(FrontConnection fc, ProxyError error) {
        fc.proxyHandler = null;
        fc.rt.hooks.connectionError(fc.fe, fc.remote, fc.bind.name(), fc.acceptEpochMillis, error.message());
        if (error == ProxyError.TIMEOUT) {
            fc.closing = true; // haproxy just closes a connection that stayed silent...
            fc.ch.close();
        } else {
            fc.reset(); // ...and resets one that sent something else
        }
    }
}
