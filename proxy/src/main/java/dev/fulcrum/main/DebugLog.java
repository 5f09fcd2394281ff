package dev.fulcrum.main;

import dev.fulcrum.http.StreamRecord;

/**
 * The one-line summary printed for each request in debug mode ({@code -d}),
 * shaped like HAProxy's httplog so it reads familiar before logging is configured.
 */
final class DebugLog {

    private DebugLog() {
    }

    static String line(StreamRecord r) {
        String client = r.client() == null ? "-" : r.client().getAddress().getHostAddress() + ":" + r.client().getPort();
        return client + " " + r.frontend() + " " + r.backend() + "/" + r.server() + " " + r.tr() + "/" + r.tw() + "/"
                + r.tc() + "/" + r.tResp() + "/" + r.ta() + " " + r.status() + " " + r.bytesOut() + " "
                + r.termination() + " " + r.actconn() + "/" + r.feconn() + "/" + r.beconn() + "/" + r.srvconn() + "/"
                + r.retries() + (r.redispatched() ? "+" : "") + " \"" + r.requestLine() + "\"";
    }
}
