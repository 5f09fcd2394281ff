package dev.fulcrum.action;

import java.util.Arrays;

/**
 * The values a stream captured for its log line: HAProxy's request and response
 * capture slots, filled by {@code capture request header}, {@code capture response
 * header}, {@code declare capture} slots and {@code http-request/http-response
 * capture} rules, in their declaration order. The log formats them as {@code %hr}
 * and {@code %hs} (slots joined with {@code |}, in braces), and the
 * {@code capture.req.hdr(n)}/{@code capture.res.hdr(n)} fetches read them.
 *
 * <p>One instance per stream, allocated only when the frontend declares captures;
 * a slot is {@code null} until something is captured into it. Values are already
 * truncated to the slot's length.
 */
public final class Captures {

    /** No capture declared: every read returns {@code null}. */
    public static final Captures NONE = new Captures(new int[0], new int[0]);

    private final int[] requestLengths;
    private final int[] responseLengths;
    private final String[] request;
    private final String[] response;

    Captures(int[] requestLengths, int[] responseLengths) {
        this.requestLengths = requestLengths;
        this.responseLengths = responseLengths;
        this.request = new String[requestLengths.length];
        this.response = new String[responseLengths.length];
    }

    /** Number of request slots (a {@code %hr} field has this many values). */
    public int requestSlots() {
        return request.length;
    }

    /** Number of response slots. */
    public int responseSlots() {
        return response.length;
    }

    /** The value captured in request slot {@code i}, or {@code null}. */
    public String request(int i) {
        return i >= 0 && i < request.length ? request[i] : null;
    }

    /** The value captured in response slot {@code i}, or {@code null}. */
    public String response(int i) {
        return i >= 0 && i < response.length ? response[i] : null;
    }

    /** Stores {@code value} in request slot {@code i}, cut to the slot's length; out of range is ignored. */
    public void captureRequest(int i, String value) {
        if (i >= 0 && i < request.length) {
            request[i] = cut(value, requestLengths[i]);
        }
    }

    /** Stores {@code value} in response slot {@code i}, cut to the slot's length. */
    public void captureResponse(int i, String value) {
        if (i >= 0 && i < response.length) {
            response[i] = cut(value, responseLengths[i]);
        }
    }

    /** Forgets every value (a new stream on the same connection). */
    public void clear() {
        Arrays.fill(request, null);
        Arrays.fill(response, null);
    }

    private static String cut(String v, int len) {
        return v == null || v.length() <= len ? v : v.substring(0, len);
    }
}
