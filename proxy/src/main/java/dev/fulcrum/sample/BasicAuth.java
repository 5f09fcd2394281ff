package dev.fulcrum.sample;

import dev.fulcrum.http.HttpRequestHead;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads the credentials of an {@code Authorization} header for the {@code http_auth*} fetches. */
final class BasicAuth {

    private BasicAuth() {
    }

    /**
     * The scheme, and for Basic the user and the password (split at the first
     * colon), or {@code null} without an {@code Authorization} header.
     */
    static String[] parse(SampleContext ctx) {
        HttpRequestHead q = ctx.request();
        String h = q == null ? null : q.headers().get("authorization");
        if (h == null) {
            return null;
        }
        h = h.trim();
        int sp = h.indexOf(' ');
        String scheme = sp < 0 ? h : h.substring(0, sp);
        if (sp < 0 || !scheme.equalsIgnoreCase("basic")) {
            return new String[] {scheme, null, null};
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(h.substring(sp + 1).trim());
        } catch (IllegalArgumentException e) {
            return new String[] {scheme, null, null};
        }
        String cred = new String(decoded, StandardCharsets.ISO_8859_1);
        int colon = cred.indexOf(':');
        if (colon < 0) {
            return new String[] {scheme, null, null};
        }
        return new String[] {scheme, cred.substring(0, colon), cred.substring(colon + 1)};
    }

    /** The token of a {@code Bearer} authorization in {@code header}, or {@code null}. */
    static String bearer(SampleContext ctx, String header) {
        HttpRequestHead q = ctx.request();
        String h = q == null ? null : q.headers().get(header);
        if (h == null) {
            return null;
        }
        h = h.trim();
        int sp = h.indexOf(' ');
        if (sp < 0 || !h.substring(0, sp).equalsIgnoreCase("bearer")) {
            return null;
        }
        return h.substring(sp + 1).trim();
    }
}
