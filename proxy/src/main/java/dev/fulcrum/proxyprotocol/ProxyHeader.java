package dev.fulcrum.proxyprotocol;

import java.net.InetSocketAddress;

/**
 * A PROXY protocol header received at the start of a connection.
 *
 * @param version     1 (text) or 2 (binary)
 * @param source      the client's address as the sender saw it, or {@code null}
 *                    when the header carries none ({@code LOCAL}, {@code UNKNOWN},
 *                    an unsupported family): the connection's own addresses stay
 * @param destination the address the client connected to, or {@code null} likewise
 * @param authority   the {@code PP2_TYPE_AUTHORITY} TLV (v2), or {@code null}
 * @param uniqueId    the {@code PP2_TYPE_UNIQUE_ID} TLV (v2), or {@code null}
 */
public record ProxyHeader(int version, InetSocketAddress source, InetSocketAddress destination, String authority,
                          String uniqueId) {

    /** Whether the header carries addresses that replace the connection's. */
    public boolean hasAddresses() {
        return source != null && destination != null;
    }
}
