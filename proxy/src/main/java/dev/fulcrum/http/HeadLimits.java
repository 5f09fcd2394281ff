package dev.fulcrum.http;

/**
 * How big a request or response head may be, as HAProxy bounds it: the raw
 * bytes must fit its buffer minus the rewrite reserve, the head in HTX form
 * (each start line and header a block of 8 bytes plus its text, see
 * {@link HtxSize#head}) must fit that room minus HTX's fixed overhead, and the
 * header fields must be fewer than {@code tune.http.maxhdr}.
 *
 * @param rawBytes   largest head on the wire: tune.bufsize minus tune.maxrewrite
 * @param htxBytes   largest head in HTX blocks
 * @param maxHeaders tune.http.maxhdr (a head may carry one field less)
 */
record HeadLimits(int rawBytes, int htxBytes, int maxHeaders) {

    /**
     * HTX's own bytes around the blocks of a head (its buffer header and the
     * start line's fixed part), measured on haproxy 2.6 with bufsizes 8192 and
     * 16384: a head passes when its blocks take at most
     * {@code bufsize - maxrewrite - 69} bytes.
     */
    static final int HTX_FIXED_OVERHEAD = 69;

    static HeadLimits of(int bufsize, int maxrewrite, int maxHeaders) {
        int room = Math.max(1024, bufsize - maxrewrite);
        return new HeadLimits(room, room - HTX_FIXED_OVERHEAD, maxHeaders);
    }

    /** Whether a parsed head is within the HTX room and the header count. */
    boolean accepts(int htxHeadBytes, int headerFields) {
        return htxHeadBytes <= htxBytes && headerFields < maxHeaders;
    }
}
