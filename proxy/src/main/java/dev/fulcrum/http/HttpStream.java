package dev.fulcrum.http;

import dev.fulcrum.action.ProxyRules;
import dev.fulcrum.action.Verdict;
import dev.fulcrum.backend.Backend;
import dev.fulcrum.frontend.Frontend;
import dev.fulcrum.logformat.LogVariables;
import dev.fulcrum.sample.ProxyView;
import dev.fulcrum.server.Server;
import dev.fulcrum.switching.Switching;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP transaction: a request from a client connection, the server chosen
 * for it, the connection carrying it there, and the response coming back.
 *
 * <p>Everything runs on the client connection's event loop. The only foreign
 * thread that touches a stream is a releasing thread handing it a server slot
 * while it is queued ({@link #slotAssigned}), which just schedules the work here.
 *
 * <p>Phases, as logged in the second termination character: R (request), Q
 * (queued), C (connecting), H (waiting for response headers), D (data).
 */
final class HttpStream {

    private static final long NONE = StreamTimeline.NONE;

    private final FrontConnection front;
    private final Frontend fe;
    private final HttpRuntime rt;
    private final EventLoop loop;
    final HttpRequestHead req;
    /** The request line as received, which logs show even after rules rewrote it (as HAProxy's %r). */
    private final String requestMethod;
    private final String requestUri;
    final H1Head reqInfo;
    private final boolean firstRequest;

    private Backend be;
    private final ServerDispatch dispatch;
    private BackConnection conn;
    /** The service answering this stream ({@code use-service}), or {@code null}. */
    private ServiceRun applet;

    private boolean headSent;
    private boolean requestComplete;
    private boolean responseStarted;
    /** The response ended while the request body was still being forwarded. */
    private boolean responseDone;
    private boolean finished;
    private boolean tunnel;
    private boolean closeClient;
    /** The client closed while the server was still to answer: the response is read and dropped. */
    private boolean clientGone;
    private boolean headRequest;
    private int status = -1;
    private long bytesOut;
    private long bytesIn;
    /** What {@link #countBytes} already added to the counters ({@code option contstats} counts as data flows). */
    private long countedOut;
    private long countedIn;
    private char cause = Termination.NONE;
    private char phase = Termination.PHASE_REQUEST;

    final StreamTimeline times;
    private HttpResponseHead response;
    /** HAProxy's request counter value for this stream ({@code %rt}). */
    private final long requestId;
    private String uniqueId;
    /** The server connection's addresses, kept for the log once it is released. */
    private InetSocketAddress serverAddr;
    private InetSocketAddress backendSrc;

    private final StreamClock clock;
    /** The request body held for rules, created when a rule or fetch first asks for it. */
    private RequestBodyBuffer body;
    /** Where processing goes on once the body wait in progress ends. */
    private Stage resumeAt;

    /** The request-processing steps a body wait can hold up, in HAProxy's analyser order. */
    private enum Stage { FRONTEND_RULES, BACKEND_RULES }
    /** Cookie persistence of this transaction, when the backend has a {@code cookie}; else {@code null}. */
    private dev.fulcrum.cookie.CookieTxn cookie;

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
            sendLocal(page.head(), page.body(), Termination.NONE, Termination.NONE);
            return;
        }
        if (fe.bufferRequest && !bufferBody(fe.timeoutHttpRequest, Stage.FRONTEND_RULES)) {
            return;
        }
        frontendRules();
    }

    private void frontendRules() {
        StreamContext c = context();
        ProxyRules fr = fe.rules();
        if (fr.hasRequestRules() && ended(fr.request(c), c, Stage.FRONTEND_RULES)) {
            return;
        }
        be = chooseBackend();
        if (be == null) {
            fail(503, Termination.SERVER, Termination.PHASE_CONNECT);
            return;
        }
        be.counters().enter();
        be.counters().requests.increment();
        be.counters().lastSessionMillis = System.currentTimeMillis();
        if (be.config() != fe.config() && be.bufferRequest
                && !bufferBody(be.timeoutHttpRequest, Stage.BACKEND_RULES)) {
            return;
        }
        backendRules();
    }

    private void backendRules() {
        StreamContext c = context();
        if (be.config() != fe.config() && be.rules().hasRequestRules()
                && ended(be.rules().request(c), c, Stage.BACKEND_RULES)) {
            return;
        }
        prepareRequestForServer();
        if (be.cookies != null) {
            readPersistenceCookie();
        }
        closeClient = wantsClientClose();
        stickRequest(c);
        dispatch.assign(be);
    }

    /**
     * Acts on the verdict of a rule set (dev.fulcrum.action): sends the reply
     * they produced, now or after the tarpit delay, or closes the connection, or
     * waits for the request body before going on at {@code then}. Returns
     * whether the stream ended or is waiting.
     */
    private boolean ended(Verdict v, StreamContext c, Stage then) {
        switch (v) {
            case WAIT -> {
                awaitBody(then);
                return true;
            }
            case REPLY -> {
                if (c.replyDenied()) {
                    countDenied();
                } else if (!responseStarted) {
                    fe.counters().interceptedRequests.increment(); // a return, redirect or auth answered it
                }
                char why = c.replyCause();
                if (why == Termination.PROXY) {
                    c.stickError(); // deny and auth are client errors in stick counters
                }
                closeClient |= c.replyCloses();
                sendLocal(c.replyHead(), c.replyBody(), why, responseStarted ? Termination.PHASE_HEADERS
                        : Termination.PHASE_REQUEST);
                return true;
            }
            case TARPIT -> {
                countDenied();
                c.stickError();
                phase = Termination.PHASE_TARPIT;
                long delay = fe.timeoutTarpit > 0 ? fe.timeoutTarpit : be != null && be.timeoutConnect > 0
                        ? be.timeoutConnect : 0;
                HttpResponseHead head = c.replyHead();
                byte[] body = c.replyBody();
                clock.cancel();
                loop.schedule(() -> {
                    if (!finished) {
                        sendLocal(head, body, Termination.PROXY, Termination.PHASE_TARPIT);
                    }
                }, delay, TimeUnit.MILLISECONDS);
                return true;
            }
            case SERVICE -> {
                startService(c.serviceName());
                return true;
            }
            case REJECT -> {
                countDenied();
                cause = Termination.PROXY;
                phase = responseStarted ? Termination.PHASE_HEADERS : Termination.PHASE_REQUEST;
                closeClient = true;
                releaseServerSide(true);
                finish(true);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * The backend's stick match rules: a server they name takes the request if it
     * accepts persistent traffic, or under {@code option persist} or {@code force-persist}.
     */
    private void stickRequest(StreamContext c) {
        java.util.List<dev.fulcrum.stick.StickRule> rules = be.config().get(dev.fulcrum.stick.StickSettings.STICK_RULES);
        if (rules.isEmpty()) {
            return;
        }
        Server s = dev.fulcrum.stick.Persistence.request(rules, c, c.scratch(), be.servers(), c.stickCounters());
        if (s != null && (s.acceptsPersistent() || be.config().get(dev.fulcrum.stick.StickSettings.PERSIST)
                || be.rules().forcesPersistence(c))) {
            dispatch.stickTo(s);
        }
    }

    /** The backend's stick store rules, once {@code srv} answered. */
    private void stickResponse(StreamContext c, Server srv) {
        java.util.List<dev.fulcrum.stick.StickRule> rules = be.config().get(dev.fulcrum.stick.StickSettings.STICK_RULES);
        if (!rules.isEmpty()) {
            dev.fulcrum.stick.Persistence.response(rules, c, c.scratch(), srv, c.stickCounters());
        }
    }

    // ------------------------------------------------------------------ services (use-service)

    /**
     * Hands the request to a service. HAProxy logs an applet's stream with its
     * name as the server, no queue, connect or response wait (0), and {@code LR}
     * as termination state however it ends normally.
     */
    private void startService(String name) {
        fe.counters().interceptedRequests.increment();
        HttpService service = rt.service(name);
        if (service == null) { // the engine bound no implementation: a bug, answered as HAProxy's internal errors
            fail(500, Termination.INTERNAL, Termination.PHASE_REQUEST);
            return;
        }
        long now = System.nanoTime();
        times.queueEnd = now;
        times.connectStart = now;
        times.connectEnd = now;
        times.responseHead = now;
        clock.cancel();
        applet = new ServiceRun(this, service);
        applet.start();
    }

    /** A service's complete answer. */
    void serviceReply(HttpResponseHead head, byte[] body) {
        sendLocal(head, body, Termination.LOCAL, Termination.PHASE_REQUEST);
    }

    /** Sends a service's response head; returns whether a body follows (not for HEAD requests). */
    boolean serviceHead(HttpResponseHead head) {
        ByteBuf out = localHead(head, Termination.LOCAL, Termination.PHASE_REQUEST);
        responseStarted = true;
        front.write(out);
        return !headRequest;
    }

    void serviceData(ByteBuf chunk, int payload) {
        bytesOut += payload;
        front.write(chunk);
    }

    void serviceFlush() {
        front.flush();
    }

    /** The service's answer is complete. */
    void serviceEnd() {
        front.flush();
        finish(true);
    }

    /** The service failed in the middle of its body: the client learns it from the close. */
    void serviceFailed() {
        abort(Termination.INTERNAL, Termination.PHASE_DATA);
    }

    /** The service waits for the client to take its output: the client timeout runs meanwhile. */
    void serviceBlocked() {
        clock.awaitClient();
    }

    boolean clientWritable() {
        return !finished && front.isWritable();
    }

    io.netty.buffer.ByteBufAllocator alloc() {
        return front.alloc();
    }

    void loopExecute(Runnable r) {
        loop.execute(r);
    }

    /**
     * A rule denied the request (deny, tarpit, reject) or, once the response
     * started, the response: HAProxy's denied_req / denied_resp counters.
     */
    private void countDenied() {
        if (!responseStarted) {
            fe.counters().deniedRequests.increment();
            if (be != null) {
                be.counters().deniedRequests.increment();
            }
            return;
        }
        fe.counters().deniedResponses.increment();
        if (be != null) {
            be.counters().deniedResponses.increment();
        }
        Server srv = dispatch.server();
        if (srv != null) {
            srv.counters().deniedResponses.increment();
        }
    }

    /** An {@code early-hint} rule: one 103 response per rule, as haproxy 2.6 sends them (none to HTTP/1.0 clients). */
    void sendEarlyHint(String name, String value) {
        if (!reqInfo.http11 || responseStarted || finished) {
            return;
        }
        HttpHeaders h = new HttpHeaders(1);
        h.add(name, value);
        HttpResponseHead head = new HttpResponseHead(H1Parser.HTTP_1_1, 103, "Early Hints", h);
        bytesOut += HtxSize.response(head);
        front.write(H1Writer.response(front.alloc(), head));
        front.flush();
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
        uniqueId = rt.hooks.uniqueId(fe, record(System.nanoTime()));
        String header = rt.hooks.uniqueIdHeader(fe);
        if (uniqueId != null && header != null) {
            req.headers().add(header, uniqueId);
        }
    }

    /** The {@code %} variables as they stand now, for formats that rules render mid-stream. */
    LogVariables variables() {
        return rt.hooks.variables(fe, record(System.nanoTime()));
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
    private StreamContext context() {
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
        return ConnectionMode.strongest(fe.connectionMode, be.connectionMode) == ConnectionMode.CLOSE;
    }

    /** Whether the request itself asks to close (before a backend, whose mode may add to it, is known). */
    private boolean clientWantsClose() {
        return reqInfo.connectionClose || reqInfo.ambiguousLength || rt.stopping()
                || !reqInfo.http11 && !reqInfo.connectionKeepAlive || fe.connectionMode == ConnectionMode.CLOSE;
    }

    private ConnectionMode mode() {
        return ConnectionMode.strongest(fe.connectionMode, be.connectionMode);
    }

    /** Header changes that do not depend on the server: forwarding headers and connection handling. */
    private void prepareRequestForServer() {
        ForwardingHeaders.apply(req.headers(), fe, be, context().clientAddress(), front.localAddress(), reqInfo, mode());
    }

    // ------------------------------------------------------------------ the request body (see RequestBodyBuffer)

    /** {@code option http-buffer-request}: whether the body is there; if not, waits (at most {@code timeout}) then goes on at {@code then}. */
    private boolean bufferBody(long timeout, Stage then) {
        if (waitForBody(timeout, 0)) {
            return true;
        }
        awaitBody(then);
        return false;
    }

    /**
     * Whether the request body is there as far as asked (see
     * {@link dev.fulcrum.action.HttpTxn#waitForBody}). The first time, an
     * {@code Expect: 100-continue} is answered here, as HAProxy does, so the
     * client sends the body the rules wait for.
     */
    boolean waitForBody(long timeMillis, long atLeast) {
        RequestBodyBuffer b = bodyBuffer();
        if (b == null) {
            return true;
        }
        String expect = reqInfo.http11 ? req.headers().get("expect") : null;
        if (expect != null && expect.equalsIgnoreCase("100-continue")) {
            req.headers().remove("expect");
            HttpResponseHead head = new HttpResponseHead(H1Parser.HTTP_1_1, 100, "Continue", new HttpHeaders(0));
            bytesOut += HtxSize.response(head);
            front.write(H1Writer.response(front.alloc(), head));
            front.flush();
        }
        if (b.satisfies(atLeast)) {
            return true;
        }
        b.terms(timeMillis, atLeast);
        return false;
    }

    /** The body buffer, brought up to date with the input; {@code null} without a body or once it is being forwarded. */
    private RequestBodyBuffer bodyBuffer() {
        if (headSent || !reqInfo.hasBody() || "CONNECT".equals(req.method())) {
            return body;
        }
        if (body == null) {
            body = new RequestBodyBuffer(reqInfo, HtxSize.bodyRoom(req, rt.headLimits.rawBytes(),
                    reqInfo.framing == H1Head.Framing.CHUNKED));
        }
        body.absorb(front.pendingBody(this));
        return body;
    }

    private void awaitBody(Stage then) {
        resumeAt = then;
        body.await(loop, this::bodyWaitExpired);
        clock.awaitClient(); // the client timeout applies between the body's packets
    }

    /** Whether the stream holds its processing until more of the body arrives. */
    boolean bufferingBody() {
        return body != null && body.waiting() && !finished;
    }

    /** More body bytes arrived while waiting for them: goes on once the wait is over. */
    void bodyArrived() {
        clock.clientActivity();
        bodyBuffer();
        if (body.waitOver()) {
            body.stopWaiting();
            clock.clientDone();
            times.headEnd = System.nanoTime(); // haproxy's TR covers the wait
            Stage then = resumeAt;
            resumeAt = null;
            if (then == Stage.FRONTEND_RULES) {
                frontendRules();
            } else {
                backendRules();
            }
        }
    }

    /** The wait's time (or the client timeout) ran out: 408, logged as cR with no TR, as haproxy 2.6. */
    private void bodyWaitExpired() {
        if (finished || body == null || !body.waiting()) {
            return;
        }
        body.stopWaiting();
        times.headEnd = NONE;
        fe.counters().requestErrors.increment();
        for (String[] h : errorPage(408).headers()) {
            if (h[0].equalsIgnoreCase("connection")) {
                bytesOut += h[0].length() + h[1].length(); // haproxy counts the page's own Connection field here
            }
        }
        fail(408, Termination.CLIENT_TIMEOUT, Termination.PHASE_REQUEST);
    }

    /** {@code req.body}: the body held so far, or {@code null}. */
    java.nio.ByteBuffer requestBody() {
        RequestBodyBuffer b = bodyBuffer();
        return b == null ? null : b.view();
    }

    /** {@code req.body_size}, or -1 when no body was looked at. */
    long requestBodySize() {
        RequestBodyBuffer b = bodyBuffer();
        return b == null ? -1 : b.advertisedSize();
    }

    /** The backend's persistence cookie in the request: the server it designates, and what the server sees of it. */
    private void readPersistenceCookie() {
        cookie = new dev.fulcrum.cookie.CookieTxn();
        int persist = be.rules().persistence(context());
        be.cookies.onRequest(req.headers(), cookie, persist < 0, persist > 0);
    }

    /** The server the persistence cookie designates, once: a redispatch goes through the balancer. */
    Server persistentServer() {
        return cookie != null ? cookie.takeServer() : null;
    }

    // ------------------------------------------------------------------ server assignment (see ServerDispatch)

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
        abort(why, phase);
    }

    // ------------------------------------------------------------------ connecting

    /** Connects to the dispatched server, or takes an idle connection to it, then sends the request. */
    void connect() {
        phase = Termination.PHASE_CONNECT;
        Server srv = dispatch.server();
        HttpResponseHead redirect = dispatch.firstAttempt() ? ServerRedirect.of(srv, req.method(), req.uri()) : null;
        if (redirect != null) {
            closeClient = true; // haproxy closes after a server redirect
            sendLocal(redirect, new byte[0], Termination.LOCAL, Termination.PHASE_CONNECT);
            return;
        }
        BackConnection reused = ServerConnections.reusable(front, be, srv);
        if (reused != null) {
            srv.counters().connectionReuses.increment();
            be.counters().connectionReuses.increment();
            conn = reused;
            times.connectStart = times.connectEnd = System.nanoTime();
            sendRequest();
            return;
        }
        InetSocketAddress address = srv.address();
        if (address == null) {
            InetSocketAddress dst = front.localAddress();
            address = new InetSocketAddress(dst.getAddress(), dst.getPort());
        }
        times.connectStart = System.nanoTime();
        srv.counters().connectAttempts.increment();
        be.counters().connectAttempts.increment();
        BackConnection c = new BackConnection(srv, rt.headLimits);
        conn = c;
        clock.connecting(times.connectStart, be.timeoutConnect);
        ChannelFuture f = ServerConnections.connect(loop, rt, be, c, address);
        f.addListener(done -> {
            if (conn != c) {
                c.close(); // we moved on (timeout or client gone)
                return;
            }
            clock.connectDone();
            if (finished) {
                c.close();
                return;
            }
            if (done.isSuccess()) {
                times.connectEnd = System.nanoTime();
                srv.observed(dev.fulcrum.server.Observation.L4_OK);
                int pp = ServerConnections.proxyVersion(srv);
                if (pp > 0) {
                    ServerConnections.sendProxyHeader(c, pp, context(), front, uniqueId);
                }
                sendRequest();
            } else {
                connectFailed(false);
            }
        });
    }

    private void connectFailed(boolean timeout) {
        Server srv = dispatch.server();
        srv.observed(dev.fulcrum.server.Observation.L4_ERR);
        BackConnection c = conn;
        conn = null;
        if (c != null) {
            c.close();
        }
        srv.counters().connectionErrors.increment();
        if (dispatch.retryConnect()) {
            return;
        }
        be.counters().connectionErrors.increment();
        fail(503, timeout ? Termination.SERVER_TIMEOUT : Termination.SERVER, Termination.PHASE_CONNECT);
    }

    // ------------------------------------------------------------------ sending the request

    private void sendRequest() {
        if (!be.sendNameHeader.isEmpty()) {
            req.headers().set(be.sendNameHeader, dispatch.server().name());
        }
        conn.attach(this, headRequest, "CONNECT".equals(req.method()), reqInfo.connectionUpgrade);
        if (conn.channel() != null) {
            serverAddr = (InetSocketAddress) conn.channel().remoteAddress();
            backendSrc = (InetSocketAddress) conn.channel().localAddress();
        }
        conn.write(H1Writer.request(front.alloc(), req), false);
        headSent = true;
        phase = Termination.PHASE_HEADERS;
        clock.awaitServer();
        front.pumpRequestBody(this);
        conn.flush();
    }

    /** Whether body bytes can be sent to the server right now. */
    boolean canTakeRequestData() {
        return headSent && conn != null && conn.isOpen() && !finished;
    }

    /** Whether the stream still needs the client's request body (it may be draining it after the response). */
    boolean wantsRequestBody() {
        return !finished && !requestComplete;
    }

    boolean serverWritable() {
        return conn != null && conn.isWritable();
    }

    void forwardRequestData(ByteBuf data) {
        bytesIn += data.readableBytes();
        countProgress();
        clock.clientActivity();
        conn.write(data, false);
    }

    void requestBodyComplete() {
        requestComplete = true;
        clock.clientDone();
        if (conn != null) {
            conn.flush();
        }
        if (responseDone && !finished) {
            endExchange(conn);
        }
    }

    void flushToServer() {
        if (conn != null) {
            conn.flush();
        }
    }

    /** Client sent (part of) the request body while the server could not take it yet. */
    void clientActivity() {
        clock.clientActivity();
    }

    // ------------------------------------------------------------------ response

    void onInterimResponse(HttpResponseHead head, H1Head info) {
        clock.serverActivity();
        ByteBuf out = H1Writer.response(front.alloc(), head);
        bytesOut += HtxSize.response(head);
        front.write(out);
        front.flush();
    }

    void onResponseHead(HttpResponseHead head, H1Head info, boolean upgrade) {
        long now = System.nanoTime();
        clock.serverActivity();
        times.responseHead = now;
        response = head;
        responseStarted = true;
        phase = Termination.PHASE_DATA;
        status = head.status();
        Server srv = dispatch.server();
        srv.counters().countResponse(status);
        srv.observed(dev.fulcrum.server.Observation.ofStatus(status));
        StreamContext c = context();
        c.stickResponse(status);
        stickResponse(c, srv);
        fe.rules().captureResponseHeaders(head.headers(), c.captures());
        if (responseRules(c)) {
            return; // the proxies count the reply that replaced it, the server its own status
        }
        be.counters().countResponse(status);
        fe.counters().countResponse(status);
        if (cookie != null) {
            be.cookies.onResponse(head.headers(), cookie, srv, dispatch.direct(), req.method(), status);
        }
        afterResponseRules(c);
        if (upgrade) {
            tunnel = true;
            closeClient = false;
        } else {
            if (rt.stopping() || clientGone) {
                closeClient = true; // soft stop or client gone: finish this exchange, then let the client go
            }
            if (!headRequest && info.framing == H1Head.Framing.UNTIL_CLOSE && status != 204 && status != 304) {
                closeClient = true; // the client learns the end of the body from the close
            }
            connectionHeader(head);
        }
        ByteBuf out = H1Writer.response(front.alloc(), head);
        bytesOut += HtxSize.response(head);
        front.write(out);
        if (tunnel) {
            front.flush();
            front.startTunnel(this);
        }
    }

    /**
     * The http-response rules, the backend's then the frontend's (HAProxy's
     * order). Returns whether they replaced the server's response with their own.
     */
    private boolean responseRules(StreamContext c) {
        Verdict v = be.rules().response(c);
        if ((v == Verdict.CONTINUE || v == Verdict.STOP) && be.config() != fe.config()) {
            v = fe.rules().response(c);
        }
        if (v == Verdict.CONTINUE || v == Verdict.STOP) {
            return false;
        }
        releaseServerSide(true);
        if (v == Verdict.TARPIT) {
            v = Verdict.REPLY;
        }
        return ended(v, c, null);
    }

    /** The http-after-response rules on the response about to be sent: the backend's, then the frontend's. */
    private void afterResponseRules(StreamContext c) {
        Verdict v = be != null ? be.rules().afterResponse(c) : Verdict.CONTINUE;
        if ((v == Verdict.CONTINUE || v == Verdict.STOP) && (be == null || be.config() != fe.config())) {
            fe.rules().afterResponse(c);
        }
    }

    void onResponseData(ByteBuf data) {
        clock.serverActivity();
        bytesOut += data.readableBytes();
        countProgress();
        front.write(data);
        if (!clientGone && !front.isWritable()) {
            conn.setAutoRead(false);
            clock.awaitClient();
        }
    }

    void flushToClient() {
        front.flush();
    }

    void onClientWritabilityChanged(boolean writable) {
        clock.clientActivity();
        if (applet != null) {
            applet.writable(writable);
            return;
        }
        if (writable && conn != null) {
            conn.setAutoRead(true);
            if (requestComplete) {
                clock.clientDone();
            }
        }
    }

    void onServerWritabilityChanged(boolean writable) {
        clock.serverActivity();
        if (writable) {
            front.pumpRequestBody(this);
        }
    }

    void onResponseComplete(BackConnection c) {
        clock.serverDone();
        if (!requestComplete && !finished) {
            // The server answered before the request body ended (an early 200, a 413...):
            // like HAProxy, keep forwarding the rest of the body, then end; a client that
            // stalls meanwhile hits the client timeout (cD).
            responseDone = true;
            clock.awaitClient();
            return;
        }
        endExchange(c);
    }

    private void endExchange(BackConnection c) {
        if (c == null) {
            finish(false);
            return;
        }
        if (conn == c) {
            conn = null;
        }
        ServerConnections.release(front, be, c, c.reusable() && mode() == ConnectionMode.KEEP_ALIVE && requestComplete);
        if (!requestComplete) {
            closeClient = true; // the rest of the request body can't be forwarded anywhere
        }
        finish(false);
    }

    void onServerError(H1ParseError e) {
        Server srv = dispatch.server();
        srv.counters().responseErrors.increment();
        srv.observed(dev.fulcrum.server.Observation.HTTP_HDRRSP);
        be.counters().responseErrors.increment();
        BackConnection c = conn;
        conn = null;
        if (c != null) {
            c.detach();
            c.close();
        }
        if (!responseStarted) {
            fail(502, Termination.PROXY, Termination.PHASE_HEADERS);
        } else {
            abort(Termination.PROXY, Termination.PHASE_DATA);
        }
    }

    void onServerClosed(BackConnection c, boolean wasTunnel) {
        if (conn == c) {
            conn = null;
        }
        if (finished) {
            return;
        }
        if (wasTunnel) {
            front.shutdownTunnelOutput();
            if (front.tunnelInputClosed()) {
                finish(false);
            }
            return;
        }
        Server srv = dispatch.server();
        if (!responseStarted) {
            if (!c.anyResponseByte() && c.uses() > 1 && !reqInfo.hasBody() && dispatch.mayRetry(1)) {
                // a reused idle connection the server closed just as we used it: replay on a fresh one
                srv.counters().retries.increment();
                connect();
                return;
            }
            srv.counters().serverAborts.increment();
            be.counters().serverAborts.increment();
            srv.observed(dev.fulcrum.server.Observation.HTTP_BROKEN_PIPE);
            fail(502, Termination.SERVER, Termination.PHASE_HEADERS);
        } else {
            srv.counters().serverAborts.increment();
            be.counters().serverAborts.increment();
            abort(Termination.SERVER, Termination.PHASE_DATA);
        }
    }

    void onServerTunnelData(ByteBuf data) {
        clock.serverActivity();
        bytesOut += data.readableBytes();
        countProgress();
        front.write(data);
        front.flush();
    }

    void forwardTunnelData(ByteBuf data) {
        clock.clientActivity();
        bytesIn += data.readableBytes();
        countProgress();
        if (conn != null) {
            conn.write(data, true);
        } else {
            data.release();
        }
    }

    void tunnelClientClosed() {
        if (conn != null && conn.isOpen()) {
            conn.shutdownOutput();
        } else {
            finish(false);
        }
    }

    // ------------------------------------------------------------------ client events

    /**
     * The client connection closed. Returns true when the stream goes on without
     * it: like haproxy (without {@code option abortonclose}), a request that was
     * fully sent to the server keeps waiting for the response, which is then
     * logged as if delivered ({@code ----}, the server's status and size).
     */
    boolean onClientClosed() {
        if (finished) {
            return false;
        }
        if (tunnel) {
            finish(false);
            return false;
        }
        if (!responseStarted && requestComplete && headSent && conn != null) {
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
        abort(Termination.CLIENT, inData ? Termination.PHASE_DATA : phase);
        return false;
    }

    // ------------------------------------------------------------------ endings

    /** Ends the stream with an error response (nothing was sent to the client yet). */
    void fail(int code, char why, char where) {
        if (finished) {
            return;
        }
        if (where == Termination.PHASE_HEADERS) {
            context().stickFailure(); // no valid response from the server
        }
        ErrorPages.Page page = errorPage(code);
        if (page.silent()) {
            status = code;
            cause = why;
            phase = where;
            closeClient = true;
            fe.counters().countResponse(code);
            if (be != null) {
                be.counters().countResponse(code);
            }
            releaseServerSide(true);
            finish(true);
            return;
        }
        if (!page.hasLength()) {
            closeClient = true;
        }
        sendLocal(page.head(), page.body(), why, where);
    }

    /**
     * Ends the stream on a malformed request body, as HAProxy's H1 layer does: the
     * built-in error page, raw (no errorfile, no http-after-response rules), then
     * the connection closes; only an abort once the response has begun.
     */
    void failMalformedBody(int code) {
        if (finished) {
            return;
        }
        if (responseStarted) {
            abort(Termination.PROXY, Termination.PHASE_DATA);
            return;
        }
        byte[] raw = ErrorPages.get(code).raw();
        status = code;
        cause = Termination.PROXY;
        phase = Termination.PHASE_DATA;
        closeClient = true;
        bytesOut += raw.length;
        fe.counters().countResponse(code);
        if (be != null) {
            be.counters().countResponse(code);
        }
        front.write(io.netty.buffer.Unpooled.wrappedBuffer(raw));
        front.flush();
        releaseServerSide(true);
        finish(true);
    }

    /**
     * Ends the stream with a response produced here (an error page, or a rule's
     * deny, return, redirect or auth) instead of a server's; http-after-response
     * rules apply to it as in HAProxy.
     */
    private void sendLocal(HttpResponseHead head, byte[] body, char why, char where) {
        if (finished) {
            return;
        }
        ByteBuf out = localHead(head, why, where);
        if (!headRequest) {
            out.writeBytes(body);
            bytesOut += body.length;
        }
        front.write(out);
        front.flush();
        releaseServerSide(true);
        finish(true);
    }

    /**
     * Prepares the head of a response produced here: after-response rules,
     * connection handling and counters; returns it serialized.
     */
    private ByteBuf localHead(HttpResponseHead head, char why, char where) {
        status = head.status();
        cause = why;
        phase = where;
        response = head;
        afterResponseRules(context());
        status = head.status();
        // HAProxy drains a request body it already holds when its length was announced (not a chunked one,
        // unless a wait for the body saw all of it)
        if (!requestComplete && !headSent && (reqInfo.framing == H1Head.Framing.LENGTH || this.body != null
                && this.body.complete()) && front.discardBufferedBody(this)) {
            requestComplete = true;
        }
        if (!requestComplete || be == null && clientWantsClose()) {
            closeClient = true;
        }
        connectionHeader(head);
        ByteBuf out = H1Writer.response(front.alloc(), head);
        bytesOut += HtxSize.response(head);
        fe.counters().countResponse(status);
        if (be != null) {
            be.counters().countResponse(status);
        }
        return out;
    }

    /**
     * Says in the response whether the client connection stays open, the way
     * HAProxy's H1 output does: {@code close} when closing a 1.1 response,
     * {@code keep-alive} when keeping a 1.0 client or a 1.0 response alive.
     */
    private void connectionHeader(HttpResponseHead head) {
        boolean response11 = H1Parser.HTTP_1_1.equals(head.version());
        if (closeClient) {
            if (response11) {
                head.headers().set("connection", "close");
            }
        } else if (!reqInfo.http11 || !response11) {
            head.headers().set("connection", "keep-alive");
        }
    }

    /** Ends the stream abruptly after part of the response was sent: both sides close. */
    private void abort(char why, char where) {
        if (finished) {
            return;
        }
        cause = why;
        phase = where;
        closeClient = true;
        releaseServerSide(true);
        finish(true);
    }

    private void releaseServerSide(boolean closeConnection) {
        BackConnection c = conn;
        conn = null;
        if (c != null) {
            c.detach();
            if (closeConnection) {
                c.close();
            }
        }
    }

    private void finish(boolean error) {
        if (finished) {
            return;
        }
        finished = true;
        clock.cancel();
        if (body != null) {
            body.stopWaiting();
        }
        if (applet != null) {
            applet.ended();
        }
        recordTimes();
        countBytes();
        if (dispatch.queued()) {
            dispatch.leaveQueue();
        }
        if (!error && cause == Termination.NONE) {
            phase = Termination.NONE;
        }
        if (phase == Termination.PHASE_DATA && cause == Termination.NONE) {
            phase = Termination.NONE;
        }
        publishRecord();
        context().stickStreamEnded(bytesIn, bytesOut);
        dispatch.release();
        if (be != null) {
            be.counters().current.decrementAndGet();
        }
        front.flush();
        front.streamEnded(this, closeClient || error && !requestComplete);
    }

    /**
     * The timings of an exchange a server answered without error, added to the
     * backend's and server's time statistics (once, at the end of the stream).
     */
    private void recordTimes() {
        Server answered = dispatch.server();
        if (answered != null && applet == null && times.responseHead != NONE && cause == Termination.NONE) {
            long now = System.nanoTime();
            long tw = times.tw();
            long tc = times.tc();
            long tr = times.tResponse();
            long tt = times.tt(now);
            answered.counters().times.record(tw, tc, tr, tt);
            be.counters().times.record(tw, tc, tr, tt);
        }
    }

    /** Under {@code option contstats}: counts the bytes forwarded so far instead of waiting for the end. */
    private void countProgress() {
        if (fe.contStats) {
            countBytes();
        }
    }

    /**
     * Adds the stream's bytes not counted yet to its frontend's, backend's and
     * server's counters (HAProxy's bytes in/out).
     */
    private void countBytes() {
        long in = bytesIn - countedIn;
        long out = bytesOut - countedOut;
        countedIn = bytesIn;
        countedOut = bytesOut;
        fe.counters().bytesIn.add(in);
        fe.counters().bytesOut.add(out);
        if (be != null) {
            be.counters().bytesIn.add(in);
            be.counters().bytesOut.add(out);
        }
        Server srv = dispatch.server();
        if (srv != null && headSent) {
            srv.counters().bytesIn.add(in);
            srv.counters().bytesOut.add(out);
        }
    }

    private void publishRecord() {
        if (rt.observers.isEmpty()) {
            return;
        }
        rt.publish(record(System.nanoTime()));
    }

    /** What is known about the stream at {@code now}. */
    private StreamRecord record(long now) {
        String backendName = be != null ? be.name() : fe.name();
        String serverName = applet != null ? applet.logName() : dispatch.logName(times.connectStart != NONE);
        String version = req.version();
        String term = Termination.state(cause, phase);
        return new StreamRecord(context().clientAddress(), front.localAddress(), fe.name(), backendName, serverName,
                times.acceptEpochMillis, times.requestEpochMillis, 0, times.ti(), times.tr(), times.tw(), times.tc(),
                times.tResponse(), times.ta(now), times.tt(now), status, bytesOut, bytesIn,
                term, rt.actconn(), fe.counters().current.get(), be != null ? be.counters().current.get() - 1 : 0,
                dispatch.otherServed(), dispatch.retries(), dispatch.redispatched(),
                dispatch.srvQueuePos(), dispatch.beQueuePos(), null, requestMethod, requestUri, version, serverAddr,
                backendSrc, uniqueId,
                requestId, context());
    }

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
        connectFailed(true);
    }

    /** "sQ": the queue timeout struck; Tw is the time spent queued and no server is logged. */
    private void queueTimedOut() {
        times.queueEnd = System.nanoTime();
        dispatch.queueTimedOut();
        fail(503, Termination.SERVER_TIMEOUT, Termination.PHASE_QUEUE);
    }

    void serverExpired() {
        if (!responseStarted) {
            if (be.retryOn.responseTimeout() && !reqInfo.hasBody() && dispatch.mayRetry(0)) {
                dispatch.retried();
                releaseServerSide(true);
                connect();
                return;
            }
            fail(504, Termination.SERVER_TIMEOUT, Termination.PHASE_HEADERS);
        } else {
            abort(Termination.SERVER_TIMEOUT, Termination.PHASE_DATA);
        }
    }

    void clientExpired() {
        if (bufferingBody()) {
            bodyWaitExpired();
            return;
        }
        if (!requestComplete && !responseStarted) {
            fail(408, Termination.CLIENT_TIMEOUT, Termination.PHASE_DATA);
        } else {
            abort(Termination.CLIENT_TIMEOUT, Termination.PHASE_DATA);
        }
    }
}
