package dev.fulcrum.http;

import static java.util.Objects.requireNonNull;

/** The status line and header fields of a response. */
public final class HttpResponseHead {

    private String version;
    private int status;
    private String reason;
    private final HttpHeaders headers;

    public HttpResponseHead(String version, int status, String reason, HttpHeaders headers) {
        this.version = requireNonNull(version, "version");
        this.status = status;
        this.reason = requireNonNull(reason, "reason");
        this.headers = requireNonNull(headers, "headers");
    }

    public String version() {
        return version;
    }

    public void version(String v) {
        this.version = requireNonNull(v, "version");
    }

    public int status() {
        return status;
    }

    public void status(int s) {
        this.status = s;
    }

    public String reason() {
        return reason;
    }

    public void reason(String r) {
        this.reason = requireNonNull(r, "reason");
    }

    public HttpHeaders headers() {
        return headers;
    }
}
