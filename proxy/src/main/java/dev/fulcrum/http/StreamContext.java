package dev.fulcrum.http;

import dev.fulcrum.action.Captures;
import dev.fulcrum.action.HttpTxn;
import dev.fulcrum.lb.LbRequest;
import dev.fulcrum.logformat.LogValueWriter;
import dev.fulcrum.logformat.LogVar;
import dev.fulcrum.logformat.LogVariables;
import dev.fulcrum.sample.EngineView;
import dev.fulcrum.sample.ProxyView;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleContext;
import dev.fulcrum.sample.SampleExpr;
import dev.fulcrum.sample.SampleType;
import dev.fulcrum.sample.ServerView;
import dev.fulcrum.sample.VarScope;
import dev.fulcrum.sample.VarStore;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What rules, ACLs and key-based balancers see of the stream a client connection
 * is processing. One per client connection, pointed at each of its streams in
 * turn, so evaluating a condition allocates nothing. The session variables live
 * as long as the connection; the transaction's are dropped with each stream.
 */
final class StreamContext implements HttpTxn, LbRequest {

    private final FrontConnection front;
    private final HttpRuntime rt;
    private final Sample scratch = new Sample();
    private HttpStream stream;
    private byte[] sourceBytes;
    private VarStore sessionVars;
    private VarStore txnVars;
    private VarStore requestVars;
    private VarStore responseVars;
    /** set-src: the client address from now on (for the rest of the connection, as in HAProxy). */
    private InetSocketAddress sourceOverride;
    // per stream, reset by bind(): what rules decided
    private Captures captures = Captures.NONE;
    private int logLevel = LOG_LEVEL_UNSET;
    private long serverTimeout = -1;
    private long tunnelTimeout = -1;
    private HttpResponseHead replyHead;
    private byte[] replyBody;
    private char replyCause;
    private boolean replyCloses;
    /** The http-request rule a wait-for-body yielded at, or -1. */
    private int suspendedRule = -1;
    private String serviceName;
    private boolean replyDenied;
    private boolean replyClientError;
    /** The connection's stick counters, created by the first track-sc rule or sc_* fetch. */
    private dev.fulcrum.stick.StickCounters stick;

    private final LiveVariables live = new LiveVariables();
    /** TCP_INFO of the client socket, read on demand ({@code fc_rtt}); created on first use. */
    private FrontTcpInfo tcpInfo;

    StreamContext(FrontConnection front) {
        this.front = front;
        this.rt = front.runtime();
    }

    /** Points the context at a stream; when it is a new one, the previous one's variables and rule results are gone. */
    void bind(HttpStream s) {
        if (stream == s) {
            return;
        }
        stream = s;
        txnVars = null;
        requestVars = null;
        responseVars = null;
        captures = front.frontend().rules().newCaptures();
        logLevel = LOG_LEVEL_UNSET;
        serverTimeout = -1;
        tunnelTimeout = -1;
        replyHead = null;
        replyBody = null;
        replyCloses = false;
        suspendedRule = -1;
        serviceName = null;
        replyDenied = false;
        replyClientError = false;
    }

    /**
     * Forgets the stream that just ended (its log line is written by then), so an
     * idle keep-alive connection holds none of its request, response or rule state.
     */
    void unbind() {
        stream = null;
        txnVars = null;
        requestVars = null;
        responseVars = null;
        captures = Captures.NONE;
        replyHead = null;
        replyBody = null;
    }

    /** A sample for evaluations on this loop; valid until the next evaluation. */
    @Override
    public Sample scratch() {
        return scratch;
    }

    // ---- what rules change (dev.fulcrum.action) ------------------------------------

    @Override
    public StringBuilder text() {
        return LoopContext.current().text();
    }

    /**
     * The {@code %} variables of whatever runs now: computed when a format first
     * asks for one, so formats made only of {@code %[...]} cost nothing extra.
     */
    @Override
    public LogVariables logVariables() {
        return live.begin();
    }

    @Override
    public ErrorPages.Page errorPage(int status) {
        return stream == null ? ErrorPages.get(status) : stream.errorPage(status);
    }

    @Override
    public void reply(HttpResponseHead head, byte[] body, char cause) {
        replyHead = head;
        replyBody = body;
        replyCause = cause;
    }

    HttpResponseHead replyHead() {
        return replyHead;
    }

    byte[] replyBody() {
        return replyBody;
    }

    @Override
    public void denied() {
        replyDenied = true;
    }

    @Override
    public void clientError() {
        replyClientError = true;
    }

    /** Whether the reply refuses the client (an auth challenge): an HTTP error in stick counters. */
    boolean replyClientError() {
        return replyClientError;
    }

    /** Whether the reply is a deny or tarpit (counted as denied, not intercepted). */
    boolean replyDenied() {
        return replyDenied;
    }

    @Override
    public void useService(String name) {
        serviceName = name;
    }

    /** The service a {@code use-service} rule chose, or {@code null}. */
    String serviceName() {
        return serviceName;
    }

    @Override
    public void closeAfterReply() {
        replyCloses = true;
    }

    @Override
    public boolean requestHasBody() {
        return stream != null && stream.reqInfo.hasBody();
    }

    boolean replyCloses() {
        return replyCloses;
    }

    char replyCause() {
        return replyCause;
    }

    /**
     * The values captured for this stream's log line ({@code %hr}, {@code %hs}):
     * {@code capture request/response header}, {@code declare capture} slots and
     * {@code capture} rules. {@link Captures#NONE} when the frontend declares none.
     */
    @Override
    public Captures captures() {
        return captures;
    }

    @Override
    public String capturedRequestHeader(int idx) {
        return captures.request(idx);
    }

    @Override
    public boolean captureRequest(int id, String value) {
        if (id < 0 || id >= captures.requestSlots()) {
            return false;
        }
        captures.captureRequest(id, value);
        return true;
    }

    @Override
    public boolean captureResponse(int id, String value) {
        if (id < 0 || id >= captures.responseSlots()) {
            return false;
        }
        captures.captureResponse(id, value);
        return true;
    }

    @Override
    public String capturedResponseHeader(int idx) {
        return captures.response(idx);
    }

    @Override
    public void source(InetAddress address, int port) {
        sourceOverride = new InetSocketAddress(address, Math.max(0, port));
        sourceBytes = null;
    }

    /** The client's address as rules made it ({@code set-src}), else the connection's peer. */
    InetSocketAddress clientAddress() {
        return sourceOverride != null ? sourceOverride : front.clientAddress();
    }

    @Override
    public void logLevel(int level) {
        logLevel = level;
    }

    @Override
    public int logLevel() {
        return logLevel;
    }

    @Override
    public void timeout(TimeoutKind kind, long millis) {
        switch (kind) {
            case SERVER -> serverTimeout = millis;
            case TUNNEL -> tunnelTimeout = millis;
            default -> {
            }
        }
    }

    /** The server timeout of this stream: set-timeout's, else {@code fallback}. */
    long serverTimeout(long fallback) {
        return serverTimeout >= 0 ? serverTimeout : fallback;
    }

    @Override
    public long currentServerTimeout() {
        if (serverTimeout >= 0) {
            return serverTimeout;
        }
        // as in haproxy, the backend's timeout applies from the server connection on; before, 0
        ProxyView be = backend();
        return stream == null || stream.conn == null || be == null ? 0 : be.serverTimeout();
    }

    @Override
    public long currentTunnelTimeout() {
        return Math.max(0, tunnelTimeout);
    }

    /** The tunnel timeout of this stream: set-timeout's, else {@code fallback}. */
    long tunnelTimeout(long fallback) {
        return tunnelTimeout >= 0 ? tunnelTimeout : fallback;
    }

    @Override
    public void earlyHint(String name, String value) {
        if (stream != null) {
            ResponseRelay.earlyHint(stream, name, value);
        }
    }


    // ---- layer 4 --------------------------------------------------------------

    @Override
    public InetAddress srcAddress() {
        InetSocketAddress a = clientAddress();
        return a == null ? null : a.getAddress();
    }

    @Override
    public int srcPort() {
        InetSocketAddress a = clientAddress();
        return a == null ? -1 : a.getPort();
    }

    @Override
    public InetAddress dstAddress() {
        InetSocketAddress a = front.localAddress();
        return a == null ? null : a.getAddress();
    }

    @Override
    public int dstPort() {
        InetSocketAddress a = front.localAddress();
        return a == null ? -1 : a.getPort();
    }

    @Override
    public InetAddress connectionSrcAddress() {
        InetSocketAddress a = front.clientAddress();
        return a == null ? null : a.getAddress();
    }

    @Override
    public int connectionSrcPort() {
        InetSocketAddress a = front.clientAddress();
        return a == null ? -1 : a.getPort();
    }

    @Override
    public int listenerConnections() {
        return front.bind.connections().get();
    }

    @Override
    public InetAddress backSrcAddress() {
        InetSocketAddress a = backAddress(true);
        return a == null ? null : a.getAddress();
    }

    @Override
    public int backSrcPort() {
        InetSocketAddress a = backAddress(true);
        return a == null ? -1 : a.getPort();
    }

    @Override
    public InetAddress backDstAddress() {
        InetSocketAddress a = backAddress(false);
        return a == null ? null : a.getAddress();
    }

    @Override
    public int backDstPort() {
        InetSocketAddress a = backAddress(false);
        return a == null ? -1 : a.getPort();
    }

    @Override
    public int backHttpMajor() {
        return backAddress(false) == null ? -1 : 1; // servers are spoken to in HTTP/1
    }

    /** An end of the stream's server connection (Netty caches both), or {@code null} before it exists. */
    private InetSocketAddress backAddress(boolean local) {
        BackConnection c = stream == null ? null : stream.conn;
        io.netty.channel.Channel ch = c == null ? null : c.channel();
        if (ch == null) {
            return null;
        }
        return (local ? ch.localAddress() : ch.remoteAddress()) instanceof InetSocketAddress a ? a : null;
    }

    @Override
    public int frontHttpMajor() {
        return 1; // the front end speaks HTTP/1 only (haproxy says 1 in TCP mode as well)
    }

    @Override
    public long frontRttMicros(boolean variance) {
        if (tcpInfo == null) {
            tcpInfo = FrontTcpInfo.of(front.ch);
        }
        return tcpInfo.rttMicros(variance);
    }

    // ---- proxies ----------------------------------------------------------------

    @Override
    public ProxyView frontend() {
        return front.frontend();
    }

    @Override
    public ProxyView backend() {
        return stream == null ? null : stream.backend();
    }

    @Override
    public ServerView server() {
        return stream == null ? null : stream.server();
    }

    @Override
    public EngineView engine() {
        return rt.proxies;
    }

    // ---- HTTP -------------------------------------------------------------------

    @Override
    public HttpRequestHead request() {
        return stream == null ? null : stream.req;
    }

    @Override
    public HttpResponseHead response() {
        return stream == null ? null : stream.response();
    }

    @Override
    public java.nio.ByteBuffer requestBody() {
        return stream == null ? null : RequestBodyWait.requestBody(stream);
    }

    @Override
    public long requestMessageSize() {
        if (stream == null || stream.req == null) {
            return -1;
        }
        java.nio.ByteBuffer body = requestBody();
        return HtxSize.request(stream.req) + (body == null ? 0 : body.remaining());
    }

    @Override
    public long requestBodySize() {
        return stream == null ? -1 : RequestBodyWait.requestBodySize(stream);
    }

    @Override
    public boolean waitForBody(long timeMillis, long atLeast) {
        return stream == null || RequestBodyWait.waitForBody(stream, timeMillis, atLeast);
    }

    @Override
    public void expectProxyHeader() {
        front.expectProxyHeader();
    }

    /** The connection's addresses changed (a PROXY header): forget what was derived from the old ones. */
    void addressesChanged() {
        sourceBytes = null;
        sourceOverride = null;
    }

    @Override
    public boolean receivedProxyHeader() {
        return front.proxyHeader() != null;
    }

    @Override
    public String proxyAuthority() {
        return front.proxyHeader() == null ? null : front.proxyHeader().authority();
    }

    @Override
    public String proxyUniqueId() {
        return front.proxyHeader() == null ? null : front.proxyHeader().uniqueId();
    }

    @Override
    public void suspendRules(int index) {
        suspendedRule = index;
    }

    @Override
    public int takeSuspendedRule() {
        int i = suspendedRule;
        suspendedRule = -1;
        return i;
    }

    @Override
    public boolean firstRequest() {
        return stream == null || stream.isFirstRequest();
    }

    @Override
    public String uniqueId() {
        return stream == null ? null : stream.uniqueId();
    }

    @Override
    public VarStore vars(VarScope scope) {
        return switch (scope) {
            case PROC -> rt.processVars;
            case SESS -> sessionVars != null ? sessionVars : (sessionVars = VarStore.local());
            case TXN -> txnVars != null ? txnVars : (txnVars = VarStore.local());
            case REQ -> requestVars != null ? requestVars : (requestVars = VarStore.local());
            case RES -> response() == null ? null
                    : responseVars != null ? responseVars : (responseVars = VarStore.local());
            default -> null;
        };
    }

    @Override
    public dev.fulcrum.stick.StickCounters stickCounters() {
        dev.fulcrum.stick.StickCounters s = stick;
        if (s == null) {
            s = stick = new dev.fulcrum.stick.StickCounters();
        }
        return s;
    }

    // ---- what the stream tells the stick counters (dev.fulcrum.stick) -------------------

    /** A session passed the connection rules. */
    void stickSessionStarted() {
        if (stick != null) {
            stick.sessionStarted();
        }
    }

    /** A request head was parsed. */
    void stickRequest() {
        if (stick != null) {
            stick.requestStarted();
        }
    }

    /** An invalid, truncated or missing request (a 400 or 408 before any stream). */
    void stickBadRequest() {
        if (stick != null) {
            stick.requestStarted();
            stick.httpError();
        }
    }

    /** The server answered {@code status}. */
    void stickResponse(int status) {
        if (stick != null) {
            stick.responseStatus(status);
        }
    }

    /** A rule denied the request (deny, tarpit, auth): a client error. */
    void stickError() {
        if (stick != null) {
            stick.httpError();
        }
    }

    /** The server failed to answer (invalid response, broken connection, timeout). */
    void stickFailure() {
        if (stick != null) {
            stick.httpFailure();
        }
    }

    /** The stream ended: its bytes are counted and its counters stop tracking. */
    void stickStreamEnded(long bytesIn, long bytesOut) {
        if (stick != null) {
            stick.streamEnded(bytesIn, bytesOut);
        }
    }

    /** The connection closed. */
    void stickSessionEnded() {
        if (stick != null) {
            stick.sessionEnded();
        }
    }

    @Override
    public boolean stopping() {
        return rt.stopping();
    }

    // ---- what key-based balancers read ------------------------------------------------

    @Override
    public byte[] sourceAddress() {
        if (sourceBytes == null) {
            InetAddress a = srcAddress();
            sourceBytes = a == null ? null : a.getAddress(); // a copy: taken once per connection
        }
        return sourceBytes;
    }

    @Override
    public CharSequence uri() {
        return stream == null ? null : stream.req.uri();
    }

    @Override
    public CharSequence header(String name) {
        return stream == null ? null : stream.req.headers().get(name);
    }

    @Override
    public long exprHash() {
        SampleExpr expr = stream == null ? null : stream.backend().hashExpression;
        if (expr == null || !expr.eval(this, scratch) || !scratch.castTo(SampleType.BIN)) {
            return -1;
        }
        return stream.backend().selector().balancer().hash(scratch.binArray(), scratch.binOffset(), scratch.binLength());
    }

    /** One render's view of the variables: the snapshot is taken at the first variable asked for. */
    private final class LiveVariables implements LogVariables {

        private LogVariables now;

        LogVariables begin() {
            now = null;
            return this;
        }

        @Override
        public void write(LogVar var, LogValueWriter out) {
            if (now == null) {
                HttpStream s = stream;
                now = s != null ? s.variables() : front.variables();
            }
            now.write(var, out);
        }
    }
}
