package dev.fulcrum.http;

import dev.fulcrum.server.Server;
import dev.fulcrum.server.ServerSettings;

/**
 * A server's {@code redir <prefix>}: GET and HEAD requests assigned to it are not
 * forwarded but answered with haproxy's 302 ({@code cache-control: no-cache},
 * {@code content-length: 0}, {@code location: <prefix><uri>}, and the
 * connection closed), so clients go to the server directly.
 */
final class ServerRedirect {

    private ServerRedirect() {
    }

    /** The redirect for this request, or {@code null} when it goes to the server as usual. */
    static HttpResponseHead of(Server server, String method, String uri) {
        String prefix = server.config().get(ServerSettings.REDIR);
        if (prefix.isEmpty() || !(method.equals("GET") || method.equals("HEAD"))) {
            return null;
        }
        HttpHeaders h = new HttpHeaders();
        h.add("cache-control", "no-cache");
        h.add("content-length", "0");
        h.add("location", prefix + uri);
        return new HttpResponseHead("HTTP/1.1", 302, "Found", h);
    }
}
