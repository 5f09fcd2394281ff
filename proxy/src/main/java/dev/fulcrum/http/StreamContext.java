package dev.fulcrum.http;

import dev.fulcrum.lb.LbRequest;
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
final class StreamContext implements SampleContext, LbRequest {

    private final FrontConnection front;
    private final HttpRuntime rt;
    private final Sample scratch = new Sample();
    private HttpStream stream;
    private byte[] sourceBytes;
    private VarStore sessionVars;
    private VarStore txnVars;
    private VarStore requestVars;
    private VarStore responseVars;

    StreamContext(FrontConnection front) {
        this.front = front;
        this.rt = front.runtime();
    }

    /** Points the context at a new stream; the previous one's variables are gone. */
    void bind(HttpStream s) {
        stream = s;
        txnVars = null;
        requestVars = null;
        responseVars = null;
    }

    /** A sample for evaluations on this loop; valid until the next evaluation. */
    Sample scratch() {
        return scratch;
    }

    // ---- layer 4 --------------------------------------------------------------

    @Override
    public InetAddress srcAddress() {
        InetSocketAddress a = front.clientAddress();
        return a == null ? null : a.getAddress();
    }

    @Override
    public int srcPort() {
        InetSocketAddress a = front.clientAddress();
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
}
