package dev.fulcrum.proxyprotocol;

/**
 * Why a connection expecting a PROXY protocol header was closed, with the text
 * HAProxy logs for it ({@code <client> [<date>] <frontend>/<listener>: <text>}).
 */
public enum ProxyError {
    /** the client closed before sending anything */
    EMPTY("Connection closed while waiting for PROXY protocol header"),
    /** a read error before anything arrived */
    ABORT("Connection error while waiting for PROXY protocol header"),
    /** nothing came within the client timeout */
    TIMEOUT("Timeout while waiting for PROXY protocol header"),
    /** part of a header came, then the client closed or went silent */
    TRUNCATED("Truncated PROXY protocol header received"),
    /** neither a v1 nor a v2 signature */
    NOT_HEADER("Received something which does not look like a PROXY protocol header"),
    /** a signature, then something malformed */
    BAD_HEADER("Received an invalid PROXY protocol header"),
    /** a v1 header for another protocol than TCP4, TCP6 or UNKNOWN */
    BAD_PROTOCOL("Received an unhandled protocol in the PROXY protocol header");

    private final String message;

    ProxyError(String message) {
        this.message = message;
    }

    /** HAProxy's log text for it. */
    public String message() {
        return message;
    }
}
