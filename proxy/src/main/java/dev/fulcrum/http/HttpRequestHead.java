package dev.fulcrum.http;

import static java.util.Objects.requireNonNull;

/**
 * The start line and header fields of a request. The URI is kept as received
 * (origin form {@code /path?query}, absolute form {@code http://host/path},
 * asterisk or authority form); path and query are derived from it.
 */
public final class HttpRequestHead {

    private String method;
    private String uri;
    private String version;
    private final HttpHeaders headers;

    public HttpRequestHead(String method, String uri, String version, HttpHeaders headers) {
        this.method = requireNonNull(method, "method");
        this.uri = requireNonNull(uri, "uri");
        this.version = requireNonNull(version, "version");
        this.headers = requireNonNull(headers, "headers");
    }

    public String method() {
        return method;
    }

    public void method(String m) {
        this.method = requireNonNull(m, "method");
    }

    public String uri() {
        return uri;
    }

    public void uri(String u) {
        this.uri = requireNonNull(u, "uri");
    }

    /** {@code HTTP/1.0} or {@code HTTP/1.1}. */
    public String version() {
        return version;
    }

    public void version(String v) {
        this.version = requireNonNull(v, "version");
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** Start of the path within the URI: after {@code scheme://authority} for absolute URIs. */
    public int pathStart() {
        return Uris.pathStart(uri);
    }

    /**
     * The path as HAProxy's {@code path} fetch returns it: from the first slash
     * after the authority (or the start of an origin-form URI) up to, not
     * including, the question mark.
     */
    public String path() {
        return Uris.path(uri);
    }

    /** The query string without the {@code ?}, or {@code null} when there is no {@code ?}. */
    public String query() {
        return Uris.query(uri);
    }

    /** Path and query ({@code pathq}): the URI minus any scheme and authority. */
    public String pathAndQuery() {
        int s = pathStart();
        return s < 0 ? "" : uri.substring(s);
    }

    public boolean isHttp11() {
        return "HTTP/1.1".equals(version);
    }
}
