package dev.fulcrum.http;

import dev.fulcrum.action.ProxyRules;
import dev.fulcrum.action.Verdict;
import dev.fulcrum.backend.Backend;
import dev.fulcrum.frontend.Frontend;
import dev.fulcrum.logformat.LogVariables;
import dev.fulcrum.sample.ProxyView;
import dev.fulcrum.server.Server;
import dev.fulcrum.switching.Switching;
import io.netty.channel.EventLoop;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP transaction: a request from a client connection, the server chosen
 * for it, the connection carrying it there, and the response coming back.
 *
 * <p>This class holds the transaction's state and runs the request analysis
 * (frontend rules, backend switching, backend rules). The later steps are
 * functions of the stream, as HAProxy's analysers are, kept stateless so that a
 * request costs no object more than before: {@link RequestBodyWait} (a body held
 * for rules), {@link StreamPersistence} (stick rules, persistence cookie),
 * {@link ServerDispatch} (the server and the queue), {@link RequestForwarding}
 * (connect, send the request), {@link ResponseRelay} (the answer, a tunnel),
 * {@link ServiceRun} ({@code use-service}), and {@link StreamEnd} (error
 * replies, aborts, counters and the log record).
 *
 * <p>Everything runs on the client connection's event loop. The only foreign
 * thread that touches a stream is a releasing thread handing it a server slot
 * while it is queued (see {@link ServerDispatch}), which just schedules the work here.
 *
 * <p>Phases, as logged in the second termination character: R (request), Q
 * (queued), C (connecting), H (waiting for response headers), D (data).
 */
final class HttpStream {

    final FrontConnection front;
    final Frontend fe;
    final HttpRuntime rt;
    final EventLoop loop;
    final HttpRequestHead req;
    /** The request line as received, which logs show even after rules rewrote it (as HAProxy's %r). */
    final String requestMethod;
    final String requestUri;
    final H1Head reqInfo;
    final boolean firstRequest;

    Backend be;
    final ServerDispatch dispatch;
    BackConnection conn;
    /** The service answering this stream ({@code use-service}), or {@code null}. */
    ServiceRun applet;

    boolean headSent;
    boolean requestComplete;
    boolean responseStarted;
    /** The response ended while the request body was still being forwarded. */
    boolean responseDone;
    boolean finished;
    boolean tunnel;
    boolean closeClient;
    /** The client closed while the server was still to answer: the response is read and dropped. */
    boolean clientGone;
    boolean headRequest;
    int status = -1;
    long bytesOut;
    long bytesIn;
    /** What {@link StreamEnd#countBytes} already added to the counters ({@code option contstats} counts as data flows). */
    long countedOut;
    long countedIn;
    char cause = Termination.NONE;
    char phase = Termination.PHASE_REQUEST;

    final StreamTimeline times;
    HttpResponseHead response;
    /** HAProxy's request counter value for this stream ({@code %rt}). */
    final long requestId;
    String uniqueId;
    /** The server connection's addresses, kept for the log once it is released. */
    InetSocketAddress serverAddr;
    InetSocketAddress backendSrc;

    final StreamClock clock;
    /** The request body held for rules, created when a rule or fetch first asks for it. */
    RequestBodyBuffer body;
    /** Where processing goes on once the body wait in progress ends. */
    Stage resumeAt;

    /** The request-processing steps a body wait can hold up, in HAProxy's analyser order. */
    enum Stage { FRONTEND_RULES, BACKEND_RULES }
    /** Cookie persistence of this transaction, when the backend has a {@code cookie}; else {@code null}. */
    dev.fulcrum.cookie.CookieTxn cookie;

    HttpStream(FrontConnection front, HttpRequestHead req, H1Head reqInfo, boolean firstRequest, long tAccept,
               long tIdleStart, long tRequestStart, long acceptEpochMillis, long requestEpochMillis) {
        this.front = front;
        this.fe = front.frontend();
        this.rt = front.runtime();
        this.loop = front.loop();
        this.req = req;
        this.requestMethod = req.method();
        this.requestUri = req.uri();
        this.reqInfo = reqInfo;
        this.firstRequest = firstRequest;
        this.times = new StreamTimeline(tAccept, tIdleStart, tRequestStart, acceptEpochMillis, requestEpochMillis);
        this.clock = new StreamClock(this, loop, times.headEnd);
        this.dispatch = new ServerDispatch(this, loop);
        this.headRequest = "HEAD".equals(req.method());
        this.requestId = rt.nextRequestId();
        this.bytesIn = HtxSize.request(req); // as received: before any header is added
    }

    // ------------------------------------------------------------------ start

    void start() {
        fe.counters().requests.increment();
        fe.counters().requestRate.hit();
        if (rt.hooks.wantsUniqueId(fe)) {
            assignUniqueId();
        }
        StreamContext c = context();
        c.stickRequest();
        ProxyRules fr = fe.rules();
        fr.captureRequestHeaders(req.headers(), c.captures());
        if (!fr.monitorUri().isEmpty() && fr.monitorUri().equals(req.uri())) {
            fe.counters().interceptedRequests.increment();
            ErrorPages.Page page = errorPage(fr.monitorFails(c) ? 503 : 200);
            StreamEnd.sendLocal(this, page.head(), page.body(), Termination.NONE, Termination.NONE);
            return;
        }
        if (fe.bufferRequest && !RequestBodyWait.bufferBody(this, fe.timeoutHttpRequest, Stage.FRONTEND_RULES)) {
            return;
        }
        frontendRules();
    }

    void frontendRules() {
        StreamContext c = context();
        ProxyRules fr = fe.rules();
        if (fr.hasRequestRules() && ended(fr.request(c), c, Stage.FRONTEND_RULES)) {
            return;
        }
        be = chooseBackend();
        if (be == null) {
            StreamEnd.fail(this, 503, Termination.SERVER, Termination.PHASE_CONNECT);
            return;
        }
        be.counters().enter();
        be.counters().requests.increment();
        be.counters().lastSessionMillis = System.currentTimeMillis();
        if (be.config() != fe.config() && be.bufferRequest
                && !RequestBodyWait.bufferBody(this, be.timeoutHttpRequest, Stage.BACKEND_RULES)) {
            return;
        }
        backendRules();
    }

    void backendRules() {
        StreamContext c = context();
        if (be.config() != fe.config() && be.rules().hasRequestRules()
                && ended(be.rules().request(c), c, Stage.BACKEND_RULES)) {
            return;
        }
        // use-server rules come before the persistence cookie (HAProxy's analyser order)
        Server ruled = be.rules().hasUseServer() ? be.rules().useServer(c, be) : null;
        dispatch.ruledTo(ruled);
        prepareRequestForServer();
        if (be.cookies != null) {
            StreamPersistence.readPersistenceCookie(this, be, ruled != null);
        }
        closeClient = wantsClientClose();
        StreamPersistence.stickRequest(this, c);
        dispatch.assign(be);
    }

    /**
     * Acts on the verdict of a rule set (dev.fulcrum.action): sends the reply
     * they produced, now or after the tarpit delay, or closes the connection, or
     * waits for the request body before going on at {@code then}. Returns
     * whether the stream ended or is waiting.
     */
    boolean ended(Verdict v, StreamContext c, Stage then) {
        switch (v) {
            case WAIT -> {
                RequestBodyWait.awaitBody(this, then);
                return true;
            }
            case REPLY -> {
                if (c.replyDenied()) {
                    StreamEnd.countDenied(this);
                    StreamPersistence.readCookieForLog(this);
                } else if (!responseStarted) {
                    fe.counters().interceptedRequests.increment(); // a return, redirect or auth answered it
                }
                char why = c.replyCause();
                if (why == Termination.PROXY || c.replyClientError()) {
                    c.stickError(); // deny and auth are client errors in stick counters
                }
                closeClient |= c.replyCloses();
                StreamEnd.sendLocal(this, c.replyHead(), c.replyBody(), why, responseStarted ? Termination.PHASE_HEADERS
                        : Termination.PHASE_REQUEST);
                return true;
            }
            case TARPIT -> {
                StreamEnd.countDenied(this);
                StreamPersistence.readCookieForLog(this);
                c.stickError();
                phase = Termination.PHASE_TARPIT;
                long delay = fe.timeoutTarpit > 0 ? fe.timeoutTarpit : be != null && be.timeoutConnect > 0
                        ? be.timeoutConnect : 0;
                HttpResponseHead head = c.replyHead();
                byte[] body = c.replyBody();
                clock.cancel();
                loop.schedule(() -> {
                    if (!finished) {
                        StreamEnd.sendLocal(this, head, body, Termination.PROXY, Termination.PHASE_TARPIT);
                    }
                }, delay, TimeUnit.MILLISECONDS);
                return true;
            }
            case SERVICE -> {
                ServiceRun.start(this, c.serviceName());
                return true;
            }
            case REJECT -> {
                StreamEnd.countDenied(this);
                cause = Termination.PROXY;
                phase = responseStarted ? Termination.PHASE_HEADERS : Termination.PHASE_REQUEST;
                closeClient = true;
                StreamEnd.releaseServerSide(this, true);
                StreamEnd.finish(this, true);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** The error page for {@code code}: the backend's, else the frontend's, else HAProxy's built-in one. */
    ErrorPages.Page errorPage(int code) {
        ErrorPages.Page page = be != null ? be.errorPage(code) : null;
        if (page == null) {
            page = fe.errorPage(code);
        }
        return page != null ? page : ErrorPages.get(code);
    }

    /** Computes the request's unique id and adds {@code unique-id-header} when configured. */
    private void assignUniqueId() {
        uniqueId = rt.hooks.uniqueId(fe, StreamEnd.record(this, System.nanoTime()));
        String header = rt.hooks.uniqueIdHeader(fe);
        if (uniqueId != null && header != null) {
            req.headers().add(header, uniqueId);
        }
    }

    /** The {@code %} variables as they stand now, for formats that rules render mid-stream. */
    LogVariables variables() {
        return rt.hooks.variables(fe, StreamEnd.record(this, System.nanoTime()));
    }

    /** The request's unique id, or {@code null} (the {@code unique-id} fetch). */
    String uniqueId() {
        return uniqueId;
    }

    /** The first matching use_backend rule's backend, else the default one (HAProxy's process_switching_rules). */
    private Backend chooseBackend() {
        if (!fe.switchingRules().isEmpty()) {
            StreamContext c = context();
            ProxyView chosen = Switching.select(fe.switchingRules(), c, c.logVariables(), c.scratch());
            if (chosen instanceof Backend b) {
                return b;
            }
        }
        return fe.backendByDefault();
    }

    /** The sample context, pointed at this stream. */
    StreamContext context() {
        StreamContext c = front.context();
        c.bind(this);
        return c;
    }

    Backend backend() {
        return be;
    }

    Server server() {
        return dispatch.server();
    }

    HttpResponseHead response() {
        return response;
    }

    boolean isFirstRequest() {
        return firstRequest;
    }

    private boolean wantsClientClose() {
        if (reqInfo.connectionClose || reqInfo.ambiguousLength || rt.stopping()) {
            return true;
        }
        if (!reqInfo.http11 && !reqInfo.connectionKeepAlive) {
            return true;
        }
        // haproxy's client side follows the frontend's mode only: a backend's httpclose closes the server side
        return fe.connectionMode == ConnectionMode.CLOSE;
    }

    /** Whether the request itself asks to close (before a backend, whose mode may add to it, is known). */
    boolean clientWantsClose() {
        return reqInfo.connectionClose || reqInfo.ambiguousLength || rt.stopping()
                || !reqInfo.http11 && !reqInfo.connectionKeepAlive || fe.connectionMode == ConnectionMode.CLOSE;
    }

    ConnectionMode mode() {
        return ConnectionMode.strongest(fe.connectionMode, be.connectionMode);
    }

    /** Header changes that do not depend on the server: forwarding headers and connection handling. */
    private void prepareRequestForServer() {
        ForwardingHeaders.apply(req.headers(), fe, be, context().clientAddress(), front.localAddress(), reqInfo, mode());
    }

    // ------------------------------------------------------------------ for the steps (ServerDispatch, StreamClock)

    StreamClock clock() {
        return clock;
    }

    void enterPhase(char p) {
        phase = p;
    }

    /** What use-server rules and key-based balancers read of this stream. */
    StreamContext boundContext() {
        return context();
    }

    /** The server went down or an active one came back, and asked to cut its sessions. */
    void shutdownByServer(char why) {
        StreamEnd.abort(this, why, phase);
    }

    // ------------------------------------------------------------------ client events

    /**
     * The client shut its sending side down (a half-close) and still reads.
     * Returns true when the stream goes on: a request fully received is still
     * served (its response unchanged, the connection closing after it, as haproxy
     * does); a request still arriving cannot complete, so it is not.
     */
    boolean onClientHalfClosed() {
        return !finished && requestComplete && !abortsOnClose();
    }

    /**
     * {@code option abortonclose}: a client that closed (or half-closed) while its
     * request is queued or its server connection is being set up aborts it (CQ, CC).
     */
    private boolean abortsOnClose() {
        return be != null && be.abortOnClose && !headSent
                && (phase == Termination.PHASE_QUEUE || phase == Termination.PHASE_CONNECT);
    }

    /**
     * The client connection closed. Returns true when the stream goes on without
     * it: like haproxy (without {@code option abortonclose}), a request that was
     * fully received is still queued, connected (with retries and redispatch),
     * sent and answered, and the response is logged as if delivered (the
     * server's status and size, or the proxy's 503).
     */
    boolean onClientClosed() {
        if (finished) {
            return false;
        }
        if (tunnel) {
            StreamEnd.finish(this, false);
            return false;
        }
        if (!responseStarted && requestComplete && !abortsOnClose()) {
            clientGone = true;
            closeClient = true;
            return true;
        }
        fe.counters().clientAborts.increment();
        if (dispatch.server() != null) {
            dispatch.server().counters().clientAborts.increment();
        }
        if (be != null) {
            be.counters().clientAborts.increment();
        }
        // haproxy's data phase covers the request body too: a client gone in the middle of it is CD
        boolean inData = responseStarted || headSent && !requestComplete;
        StreamEnd.abort(this, Termination.CLIENT, inData ? Termination.PHASE_DATA : phase);
        return false;
    }

    // ------------------------------------------------------------------ state

    boolean isFinished() {
        return finished;
    }

    boolean isTunnel() {
        return tunnel;
    }

    // ------------------------------------------------------------------ timeouts (see StreamClock)

    /** The server (or tunnel) timeout in effect: the backend's, unless a set-timeout rule changed it. */
    long serverTimeout() {
        StreamContext c = context();
        long tunnelTimeout = c.tunnelTimeout(be.timeoutTunnel);
        return tunnel && tunnelTimeout > 0 ? tunnelTimeout : c.serverTimeout(be.timeoutServer);
    }

    /** The client (or tunnel) timeout in effect. */
    long clientTimeout() {
        return tunnel && be != null && be.timeoutTunnel > 0 ? be.timeoutTunnel : fe.timeoutClient;
    }

    /** Waiting for request body bytes from the client: the client timeout applies. */
    void waitingForRequestBody() {
        clock.keepAwaitingClient();
    }

    boolean isQueued() {
        return dispatch.queued();
    }

    boolean requestSent() {
        return headSent;
    }

    void queueExpired() {
        if (dispatch.leaveQueue()) {
            queueTimedOut();
        }
        // else a slot was assigned concurrently: slotAssigned() runs next
    }

    void connectExpired() {
        RequestForwarding.connectFailed(this, true);
    }

    /** "sQ": the queue timeout struck; Tw is the time spent queued and no server is logged. */
    private void queueTimedOut() {
        times.queueEnd = System.nanoTime();
        dispatch.queueTimedOut();
        StreamEnd.fail(this, 503, Termination.SERVER_TIMEOUT, Termination.PHASE_QUEUE);
    }

    void serverExpired() {
        if (!responseStarted) {
            if (be.retryOn.responseTimeout() && !reqInfo.hasBody() && dispatch.mayRetry(0)) {
                dispatch.retried();
                StreamEnd.releaseServerSide(this, true);
                RequestForwarding.connect(this);
                return;
            }
            StreamEnd.fail(this, 504, Termination.SERVER_TIMEOUT, Termination.PHASE_HEADERS);
        } else {
            StreamEnd.abort(this, Termination.SERVER_TIMEOUT, Termination.PHASE_DATA);
        }
    }

    void clientExpired() {
        if (RequestBodyWait.bufferingBody(this)) {
            RequestBodyWait.bodyWaitExpired(this);
            return;
        }
        if (!requestComplete && !responseStarted) {
            StreamEnd.fail(this, 408, Termination.CLIENT_TIMEOUT, Termination.PHASE_DATA);
        } else {
            StreamEnd.abort(this, Termination.CLIENT_TIMEOUT, Termination.PHASE_DATA);
        }
    }
}
