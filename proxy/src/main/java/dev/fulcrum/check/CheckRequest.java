package dev.fulcrum.check;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An HTTP check request with {@code option httpchk}'s defaults filled in: what
 * {@code http-check send} asks for, written as HTTP/1.x text by the run or as
 * HTTP/2 frames by {@link H2CheckStream}.
 *
 * @param method      the method
 * @param uri         the request target
 * @param version     the HTTP/1 version ({@code HTTP/1.0} unless set); not used over HTTP/2
 * @param headers     the headers, in order
 * @param body        the body, or {@code ""}
 * @param stateHeader the {@code x-haproxy-server-state} value ({@code send-state}), or {@code null}
 */
record CheckRequest(String method, String uri, String version, List<CheckRule.Header> headers, String body,
                    String stateHeader) {

    /** The headers to send, with the state header last. */
    List<Map.Entry<String, String>> headerList() {
        List<Map.Entry<String, String>> out = new ArrayList<>(headers.size() + 1);
        for (CheckRule.Header h : headers) {
            out.add(Map.entry(h.name(), h.value()));
        }
        if (stateHeader != null) {
            out.add(Map.entry("x-haproxy-server-state", stateHeader));
        }
        return out;
    }

    /** The request as HTTP/1.x bytes: lower-case header names, a length for a body, {@code connection: close} on 1.1. */
    byte[] http1() {
        StringBuilder b = new StringBuilder(128).append(method).append(' ').append(uri).append(' ').append(version)
                .append("\r\n");
        boolean connection = false;
        for (Map.Entry<String, String> h : headerList()) {
            b.append(h.getKey().toLowerCase()).append(": ").append(h.getValue()).append("\r\n");
            connection |= h.getKey().equalsIgnoreCase("connection");
        }
        if (!body.isEmpty()) {
            b.append("content-length: ").append(body.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n");
        }
        if (!connection && version.equals("HTTP/1.1")) {
            b.append("connection: close\r\n");
        }
        b.append("\r\n").append(body);
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
