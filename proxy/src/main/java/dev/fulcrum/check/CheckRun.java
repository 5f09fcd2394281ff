package dev.fulcrum.check;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import dev.fulcrum.tls.ClientContexts;
import dev.fulcrum.tls.HandshakeErrors;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run of a check sequence on one event loop: connect, send, expect, in the
 * order of the rules, with HAProxy's verdicts. Everything happens on the loop;
 * nothing blocks. The run reports exactly once, then closes its connection.
 */
@io.netty.channel.ChannelHandler.Sharable // one per run, on one loop: each connect step adds it to a new channel
final class CheckRun extends ChannelInboundHandlerAdapter {

    private final CheckPlan plan;
    private final CheckTarget target;
    private final EventLoop loop;
    private final Consumer<CheckResult> done;
    private final java.util.function.Supplier<String> stateHeader;
    private final long startNanos = System.nanoTime();
    /** Received bytes, bounded by the buffer size. */
    private byte[] in = new byte[512];
    private int length;
    private boolean closed;
    private Channel channel;
    private boolean connecting;
    /** The connection is up and its TLS handshake in progress (a timeout now is HAProxy's L6TOUT). */
    private boolean handshaking;
    /** The current connection speaks TLS (a plain connect check then passes as L6OK). */
    private boolean tls;
    /** The current connection carries the HTTP exchange over HTTP/2 ({@link H2CheckStream}). */
    private boolean h2;
    private int step;
    private boolean finished;
    private ScheduledFuture<?> timer;
    /** The {@code ok-status} of the last expect that passed, or {@code null}. */
    private CheckStatus okStatus;
    /** The PROXY protocol version sent first on the check's own connection (0: none). */
    private int proxyVersion;
    private java.util.Set<dev.fulcrum.proxyprotocol.V2Option> proxyOptions = java.util.Set.of();
    /** The run's variables and samples, for log-format strings, set-var and status-code. */
    private final CheckContext context;

    CheckRun(CheckPlan plan, CheckTarget target, EventLoop loop, java.util.function.Supplier<String> stateHeader,
             CheckContext.Scope scope, Consumer<CheckResult> done) {
        this.context = new CheckContext(scope);
        this.stateHeader = stateHeader;
        this.plan = plan;
        this.target = target;
        this.loop = loop;
        this.done = done;
    }

    /** Sends a PROXY header first on the implicit connection ({@code check-send-proxy}, or {@code send-proxy}). */
    CheckRun proxyHeader(int version, java.util.Set<dev.fulcrum.proxyprotocol.V2Option> options) {
        this.proxyVersion = version;
        this.proxyOptions = options;
        return this;
    }

    void start() {
        armTimer(target.connectTimeout());
        advance();
    }

    private void advance() {
        List<CheckRule> rules = plan.rules();
        while (!finished && step < rules.size()) {
            CheckRule rule = rules.get(step);
            switch (rule) {
                case CheckRule.Connect c -> {
                    connect(c);
                    return;
                }
                case CheckRule.Send s -> {
                    length = 0; // as haproxy, a send starts a new exchange: what came before is dropped
                    byte[] data = s.format() == null ? s.data() : render(s);
                    if (data == null) {
                        finish(new CheckResult(CheckStatus.L7RSP, -1, "tcp-check send : failed to build binary "
                                + "data at step " + plan.stepOf(step), -1));
                        return;
                    }
                    write(data);
                    step++;
                }
                case CheckRule.SetVar v -> {
                    setVar(v);
                    step++;
                }
                case CheckRule.HttpSend s -> {
                    length = 0;
                    String state = plan.sendState() ? stateHeader.get() : null;
                    if (h2) {
                        channel.writeAndFlush(plan.resolve(s, state, context));
                    } else {
                        write(plan.request(s, state, context));
                    }
                    step++;
                }
                case CheckRule.Expect e -> {
                    if (!evaluate(e)) {
                        return;
                    }
                }
                case CheckRule.Comment c -> step++; // only counts as a step and names the next rule
            }
        }
        if (!finished) {
            finish(plan.success(in, length, okStatus, tls, context));
        }
    }

    /** A {@code send-lf} rendered for this run: text, or bytes from hex digits ({@code null} when they are not). */
    private byte[] render(CheckRule.Send s) {
        String text = context.render(s.format());
        if (!s.binary()) {
            return text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        if (text.length() % 2 != 0) {
            return null;
        }
        try {
            return java.util.HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A {@code string-lf}/{@code binary-lf} rule with its pattern rendered for this run, or {@code null}. */
    private CheckRule.Expect rendered(CheckRule.Expect e) {
        String text = context.render(e.patternLf());
        if (e.match() != CheckRule.Match.BINARY) {
            return e.rendered(text, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        try {
            return text.length() % 2 == 0 ? e.rendered(text, java.util.HexFormat.of().parseHex(text)) : null;
        } catch (IllegalArgumentException x) {
            return null;
        }
    }

    private void setVar(CheckRule.SetVar v) {
        if (v.unset()) {
            v.ref().unset(context);
            return;
        }
        dev.fulcrum.sample.Sample value;
        if (v.format() != null) {
            value = new dev.fulcrum.sample.Sample();
            value.setStr(context.render(v.format()));
        } else {
            value = context.eval(v.expr());
        }
        if (value != null) {
            v.ref().set(context, value, v.conditions());
        }
    }

    /** Returns true when the rule passed and the run goes on. */
    private boolean evaluate(CheckRule.Expect rule) {
        CheckRule.Expect e = rule.patternLf() == null ? rule : rendered(rule);
        if (e == null) {
            finish(new CheckResult(CheckStatus.L7RSP, -1, "tcp-check expect : failed to build binary pattern at step "
                    + plan.stepOf(step), -1));
            return false;
        }
        if (plan.disableOn404() && e.http() && (e.match() == CheckRule.Match.STATUS || e.match() == CheckRule.Match.RSTATUS)) {
            Object r = HttpCheckResponse.parse(in, length, closed || length == in.length && in.length >= plan.bufferSize());
            if (r instanceof HttpCheckResponse resp && resp.status == 404) {
                finish(new CheckResult(CheckStatus.L7OKC, 404, "", -1));
                return false;
            }
        }
        boolean full = length >= plan.bufferSize();
        String comment = plan.commentOf(step);
        boolean onError = e.report().onError() != null;
        // with on-error, the comment follows that text instead of the default one
        CheckResult r = Expectations.evaluate(e, in, length, closed, full, plan.stepOf(step), onError ? "" : comment);
        if (r == null) {
            return false; // wait for more bytes, the close, or the timer
        }
        if (r != Expectations.PASS) {
            finish(CheckPlan.failure(e, r, comment, context));
            return false;
        }
        okStatus = e.okStatus();
        step++;
        return true;
    }

    private void connect(CheckRule.Connect c) {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        length = 0;
        closed = false;
        connecting = true;
        InetSocketAddress address = target.address(c);
        if (address == null) {
            finish(new CheckResult(CheckStatus.SOCKERR, -1, "no address to check", -1));
            return;
        }
        CheckTls.Step ssl = target.tls().at(step);
        tls = ssl != null;
        h2 = false;
        String forced = CheckProtos.forced(c, target.proto());
        Bootstrap b = new Bootstrap().group(loop).channelFactory(target.channels()::get)
                .option(ChannelOption.TCP_NODELAY, true);
        if (ssl == null) {
            b.handler(this);
        } else {
            b.handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(ClientContexts.handler(ssl.context(), ch.alloc(), ssl.sni()), CheckRun.this);
                }
            });
        }
        if (c.linger()) {
            b.option(ChannelOption.SO_LINGER, 0);
        }
        ChannelFuture f = b.connect(address);
        channel = f.channel();
        f.addListener(x -> {
            if (finished) {
                f.channel().close();
                return;
            }
            if (!x.isSuccess()) {
                connecting = false;
                finish(new CheckResult(CheckStatus.L4CON, -1, plan.connectError(reason(x.cause()), step), -1));
                return;
            }
            if (ssl == null) {
                connected(forced, null);
                return;
            }
            handshaking = true;
            f.channel().pipeline().get(SslHandler.class).handshakeFuture().addListener(h -> {
                if (finished || f.channel() != channel) {
                    return;
                }
                handshaking = false;
                if (!h.isSuccess()) {
                    connecting = false;
                    finish(new CheckResult(CheckStatus.L6RSP, -1,
                            plan.connectError(HandshakeErrors.describe(h.cause()), step), -1));
                    return;
                }
                connected(forced, f.channel().pipeline().get(SslHandler.class).applicationProtocol());
            });
        });
    }

    /**
     * The connect step is done (with its handshake, over TLS): the next steps run under {@code timeout check},
     * over HTTP/2 when forced or negotiated.
     */
    private void connected(String forced, String alpn) {
        connecting = false;
        h2 = CheckProtos.h2(plan, forced, alpn);
        if (h2) {
            // prior knowledge over cleartext, or what ALPN agreed: the codec sends the preface at once
            ChannelPipeline p = channel.pipeline();
            String self = p.context(this).name();
            p.addBefore(self, null, Http2FrameCodecBuilder.forClient().build());
            p.addBefore(self, null, new H2CheckStream(tls));
        }
        if (target.checkTimeout() > 0) {
            armTimer(target.checkTimeout());
        }
        if (proxyVersion > 0 && step == 0 && plan.implicitConnect() && !tls) {
            // as haproxy: v1 names the check connection's own addresses, v2 says LOCAL
            // (over TLS the header would have to precede the handshake: not sent yet)
            Channel ch = channel;
            InetSocketAddress from = proxyVersion == 1 ? (InetSocketAddress) ch.localAddress() : null;
            InetSocketAddress to = proxyVersion == 1 ? (InetSocketAddress) ch.remoteAddress() : null;
            ch.writeAndFlush(dev.fulcrum.proxyprotocol.ProxyHeaderEncoder.encode(ch.alloc(), proxyVersion, from,
                    to, proxyOptions, null, null));
        }
        step++;
        advance();
    }

    private void write(byte[] data) {
        if (channel != null && data.length > 0) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(data));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            if (ctx.channel() != channel || finished) {
                return;
            }
            // (bytes that came with the end of a TLS handshake are kept for the step after the connect)
            int n = Math.min(buf.readableBytes(), plan.bufferSize() - length);
            if (length + n > in.length) {
                in = java.util.Arrays.copyOf(in, Math.max(length + n, Math.min(plan.bufferSize(), in.length * 2)));
            }
            buf.readBytes(in, length, n);
            length += n;
        } finally {
            buf.release();
        }
        if (!connecting) {
            advance();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ctx.channel() != channel || finished || connecting) {
            return; // during a TLS handshake its own outcome reports the close
        }
        closed = true;
        advance();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == H2CheckStream.END && ctx.channel() == channel && !finished && !connecting) {
            closed = true; // the response's stream ended: judge it as a complete answer
            advance();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.channel() != channel || finished || connecting) {
            return;
        }
        if (tls && isTlsError(cause)) {
            // an alert after the handshake (a server that wanted a client certificate, say)
            finish(new CheckResult(CheckStatus.SOCKERR, -1, plan.connectError("SSL fatal error", step), -1));
            return;
        }
        // a reset after the connection was made: judge on what arrived
        closed = true;
        advance();
    }

    private void armTimer(long millis) {
        if (timer != null) {
            timer.cancel(false);
        }
        timer = loop.schedule(() -> timeout(), Math.max(1, millis), TimeUnit.MILLISECONDS);
    }

    private void timeout() {
        if (finished) {
            return;
        }
        if (handshaking) {
            finish(new CheckResult(CheckStatus.L6TOUT, -1, plan.timeoutInfo(step, true), -1));
            return;
        }
        if (connecting || channel == null) {
            finish(new CheckResult(CheckStatus.L4TOUT, -1, plan.timeoutInfo(step, true), -1));
            return;
        }
        CheckRule rule = step < plan.rules().size() ? plan.rules().get(step) : null;
        CheckStatus status = CheckStatus.L7TOUT;
        if (rule instanceof CheckRule.Expect e && e.toutStatus() != null) {
            status = e.toutStatus();
        }
        finish(new CheckResult(status, -1, plan.timeoutInfo(step, false), -1));
    }

    private void finish(CheckResult r) {
        if (finished) {
            return;
        }
        finished = true;
        if (timer != null) {
            timer.cancel(false);
        }
        if (channel != null) {
            channel.close();
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        done.accept(new CheckResult(r.status(), r.code(), r.info(), ms));
    }

    private static boolean isTlsError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof ConnectException || c.getClass().getSimpleName().contains("Connect")) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("refused")) {
                return "Connection refused";
            }
            if (m.contains("unreachable")) {
                return "Network is unreachable";
            }
            if (m.contains("No route")) {
                return "No route to host";
            }
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }
}
