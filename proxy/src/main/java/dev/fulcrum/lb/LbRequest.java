package dev.fulcrum.lb;

/**
 * What key-based algorithms read from a request. The data path implements the
 * parts it has (an HTTP request has a URI and headers, a TCP connection only a
 * source address and perhaps an RDP cookie); the defaults say "absent", which
 * makes the algorithm fall back to round robin as HAProxy does. Implementations
 * should return views, not copies: a pick must not allocate.
 */
public interface LbRequest {

    /** An absent request: every key-based algorithm falls back to round robin. */
    LbRequest NONE = new LbRequest() {
    };

    /** The client's IPv4 (4 bytes) or IPv6 (16 bytes) address, or {@code null} (e.g. a UNIX socket). Not modified. */
    default byte[] sourceAddress() {
        return null;
    }

    /** The request target as received (origin, absolute, authority or asterisk form), or {@code null} outside HTTP. */
    default CharSequence uri() {
        return null;
    }

    /** The value of the first header field called {@code name} (any case), or {@code null} when there is none. */
    default CharSequence header(String name) {
        return null;
    }

    /**
     * The body of a POST request as far as it was received, for
     * {@code balance url_param <p> check_post}; {@code null} otherwise.
     */
    default CharSequence body() {
        return null;
    }

    /** The value of the RDP cookie called {@code name} (any case) in the TCP payload, or {@code null}. */
    default CharSequence rdpCookie(String name) {
        return null;
    }

    /**
     * For {@code balance hash <expr>}: the expression's value hashed with
     * {@link Balancer#hash(byte[], int, int)}, as an unsigned 32-bit number, or
     * -1 when the expression produced no value. The value is hashed as HAProxy
     * converts samples to binary: strings as their bytes, IPv4 and IPv6 addresses
     * as 4 and 16 bytes, integers as 8 bytes big-endian.
     */
    default long exprHash() {
        return -1;
    }
}
