package dev.fulcrum.http;

/**
 * What the H1 parser learnt about a message's framing and connection handling,
 * besides its start line and headers.
 */
public final class H1Head {

    /** How the body is delimited. */
    public enum Framing {
        /** no body (Content-Length 0, or a request without length) */
        NONE,
        /** Content-Length: {@link #contentLength} bytes */
        LENGTH,
        /** Transfer-Encoding: chunked */
        CHUNKED,
        /** a response delimited by the server closing the connection */
        UNTIL_CLOSE
    }

    public Framing framing = Framing.NONE;
    public long contentLength = -1;
    /** {@code Connection: close} was seen. */
    public boolean connectionClose;
    /** {@code Connection: keep-alive} was seen. */
    public boolean connectionKeepAlive;
    /** {@code Connection: upgrade} was seen. */
    public boolean connectionUpgrade;
    /** Both Transfer-Encoding and Content-Length were present (request smuggling guard: close after). */
    public boolean ambiguousLength;
    /** The version was HTTP/1.1 or later (anything but 1.0 is handled as 1.1). */
    public boolean http11;
    /** Bytes of the head on the wire, final empty line included. */
    public int wireLength;

    /** Whether a body follows the head. */
    public boolean hasBody() {
        return framing != Framing.NONE;
    }

    /** A copy, for a stream to keep while the parser's own instance moves on to the next message. */
    H1Head copy() {
        H1Head c = new H1Head();
        c.framing = framing;
        c.contentLength = contentLength;
        c.connectionClose = connectionClose;
        c.connectionKeepAlive = connectionKeepAlive;
        c.connectionUpgrade = connectionUpgrade;
        c.ambiguousLength = ambiguousLength;
        c.http11 = http11;
        c.wireLength = wireLength;
        return c;
    }

    void reset() {
        framing = Framing.NONE;
        contentLength = -1;
        connectionClose = false;
        connectionKeepAlive = false;
        connectionUpgrade = false;
        ambiguousLength = false;
        http11 = false;
        wireLength = 0;
    }
}
