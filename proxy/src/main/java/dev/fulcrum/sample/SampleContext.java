package dev.fulcrum.sample;

import dev.fulcrum.http.HttpRequestHead;
import dev.fulcrum.http.HttpResponseHead;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Everything sample fetches read from a stream: the data path implements it once
 * per stream (or reuses one instance per event loop and repoints it), and passes
 * it to {@link SampleExpr#eval}, {@code Condition.test} and log-format rendering.
 *
 * <p>Contract for implementors:
 * <ul>
 *   <li>Called on the stream's event loop only; no method may block.</li>
 *   <li>Return {@code null} (or -1 for ids and ports) for what does not exist
 *       at this point: a fetch that gets {@code null} simply fails, which makes an
 *       ACL false and a log field empty. Where a piece of data is legitimately
 *       missing (no response yet, a UNIX socket client) this is the normal case.</li>
 *   <li>Return live objects, not copies: fetches read them and never keep them
 *       beyond the call. Buffers are read through their position and limit and
 *       are never modified.</li>
 *   <li>Strings are one char per byte (ISO-8859-1), like {@link dev.fulcrum.http.HttpHeaders}.</li>
 * </ul>
 * Only the first group of methods is abstract; the rest have defaults suited to
 * contexts that do not have the data (health checks, the CLI, tests).
 */
public interface SampleContext {

    // ---- connection (layer 4) --------------------------------------------------

    /** The client's address ({@code src}), as possibly changed by set-src; {@code null} for UNIX sockets. */
    InetAddress srcAddress();

    /** The client's port ({@code src_port}), or -1. */
    int srcPort();

    /** The address the client connected to ({@code dst}), or {@code null}. */
    InetAddress dstAddress();

    /** The port the client connected to ({@code dst_port}), or -1. */
    int dstPort();

    /**
     * The client connection's own source address ({@code fc_src}): what the socket
     * (or its PROXY header) says, which {@code set-src} in content rules does not
     * change. Defaults to {@link #srcAddress()}.
     */
    default InetAddress connectionSrcAddress() {
        return srcAddress();
    }

    /** The client connection's own source port ({@code fc_src_port}), or -1. */
    default int connectionSrcPort() {
        return srcPort();
    }

    /** The client connection's own destination address ({@code fc_dst}), or {@code null}. */
    default InetAddress connectionDstAddress() {
        return dstAddress();
    }

    /** The client connection's own destination port ({@code fc_dst_port}), or -1. */
    default int connectionDstPort() {
        return dstPort();
    }

    /** The HTTP major version of the client connection's wire encoding ({@code fc_http_major}), or -1. */
    default int frontHttpMajor() {
        return -1;
    }

    /**
     * The kernel's round trip time of the client connection in microseconds
     * ({@code fc_rtt}), or its variance ({@code fc_rttvar}); -1 when the
     * transport cannot say (not TCP, no TCP_INFO).
     */
    default long frontRttMicros(boolean variance) {
        return -1;
    }

    // ---- proxies and servers --------------------------------------------------

    /** The frontend handling the stream. */
    ProxyView frontend();

    /** The backend chosen so far, or {@code null} before backend selection. */
    ProxyView backend();

    /** The server chosen so far, or {@code null} before server selection. */
    ServerView server();

    /** Lookups of other proxies by name. */
    EngineView engine();

    // ---- the listener ------------------------------------------------------

    /** The id of the listening socket ({@code so_id}), or -1. */
    default int listenerId() {
        return -1;
    }

    /** The {@code name} of the bind line ({@code so_name}), or {@code null}. */
    default String listenerName() {
        return null;
    }

    // ---- HTTP ---------------------------------------------------------------

    /**
     * The request being processed, or {@code null} before it is parsed or in TCP
     * mode. Its headers are those HAProxy's fetches see: values without
     * surrounding whitespace, and without the {@code Connection} header, which
     * haproxy consumes while parsing (checked with {@code req.hdr_names}).
     */
    default HttpRequestHead request() {
        return null;
    }

    /** The response being processed, or {@code null} before it arrives. */
    default HttpResponseHead response() {
        return null;
    }

    /** Whether the connection started with a PROXY protocol header ({@code fc_rcvd_proxy}). */
    default boolean receivedProxyHeader() {
        return false;
    }

    /** The authority TLV of the connection's PROXY v2 header ({@code fc_pp_authority}), or {@code null}. */
    default String proxyAuthority() {
        return null;
    }

    /** The unique-id TLV of the connection's PROXY v2 header ({@code fc_pp_unique_id}), or {@code null}. */
    default String proxyUniqueId() {
        return null;
    }

    /**
     * The request body buffered so far ({@code req.body}), or {@code null} when none
     * was buffered. The advertised size for {@code req.body_size} comes from the
     * request's headers.
     */
    default ByteBuffer requestBody() {
        return null;
    }

    /**
     * {@code req.body_size} as the data path knows it: the announced length, or
     * for a chunked body the data held plus the rest of the chunk being read;
     * -1 when unknown (the fetch then reads Content-Length).
     */
    default long requestBodySize() {
        return -1;
    }

    /**
     * The size of the request as haproxy holds it in HTTP mode (its HTX form: the
     * head and the body bytes received so far), which is what {@code req.len}
     * counts there; -1 without a parsed request.
     */
    default long requestMessageSize() {
        return -1;
    }

    /**
     * The raw request bytes waiting in the request buffer, for layer 6 fetches
     * ({@code req.len}, {@code req.payload}, {@code req.ssl_sni}) in TCP mode, or
     * {@code null}.
     */
    default ByteBuffer requestBuffer() {
        return null;
    }

    /** Whether this is the first request on the client connection ({@code http_first_req}). */
    default boolean firstRequest() {
        return true;
    }

    /** The value captured by the {@code idx}-th {@code capture request header} (0-based), or {@code null}. */
    default String capturedRequestHeader(int idx) {
        return null;
    }

    /** The value captured by the {@code idx}-th {@code capture response header}, or {@code null}. */
    default String capturedResponseHeader(int idx) {
        return null;
    }

    /** The request's unique id ({@code unique-id}), or {@code null} without a unique-id-format. */
    default String uniqueId() {
        return null;
    }

    // ---- variables and state --------------------------------------------------

    /**
     * The variables of {@code scope}, or {@code null} when the scope does not exist
     * here (for example {@code res} while processing the request). The {@code proc}
     * store is shared by the engine; the others belong to the stream.
     */
    default VarStore vars(VarScope scope) {
        return null;
    }

    /**
     * The stick counters of the client connection ({@code sc0}..{@code sc2}),
     * created on first use; {@code null} where there is no client connection.
     */
    default dev.fulcrum.stick.StickCounters stickCounters() {
        return null;
    }

    /** The current time in milliseconds since the epoch (the event loop's clock). */
    default long nowMillis() {
        return System.currentTimeMillis();
    }

    /** The microseconds within the current second, consistent with {@link #nowMillis()}. */
    default long nowMicrosPart() {
        return (nowMillis() % 1000) * 1000;
    }

    /** Whether the engine is stopping ({@code stopping}). */
    default boolean stopping() {
        return false;
    }

    /** The index of the event loop thread, from 0 ({@code thread}). */
    default int threadIndex() {
        return 0;
    }

    /**
     * Whether no more data can arrive for what is being inspected (HAProxy's
     * "final" evaluation: the inspect delay expired or the buffer is full). When
     * false, a fetch lacking data may report that its value could still change,
     * so that a {@code tcp-request content} rule waits.
     */
    default boolean isFinal() {
        return true;
    }
}
