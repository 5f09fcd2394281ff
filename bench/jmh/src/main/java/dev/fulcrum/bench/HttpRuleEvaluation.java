package dev.fulcrum.bench;

import dev.fulcrum.action.Captures;
import dev.fulcrum.action.HttpTxn;
import dev.fulcrum.action.ProxyRules;
import dev.fulcrum.action.Verdict;
import dev.fulcrum.config.Configuration;
import dev.fulcrum.http.ErrorPages;
import dev.fulcrum.http.H1Head;
import dev.fulcrum.http.H1ParseError;
import dev.fulcrum.http.H1Parser;
import dev.fulcrum.http.HttpRequestHead;
import dev.fulcrum.http.HttpResponseHead;
import dev.fulcrum.logformat.LogVariables;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.VarScope;
import dev.fulcrum.sample.VarStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The http-request rules of a typical edge frontend (14 rules: denies, a redirect,
 * header and path rewrites, a variable), compiled by the real parser and run on
 * a copy of one parsed request, as the data path runs them. {@code copyOnly} is
 * the cost of the copy alone, to subtract.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HttpRuleEvaluation {

    private static final String CONFIG = """
            defaults
              mode http
              timeout connect 5s
              timeout client 5s
              timeout server 5s
            frontend fe
              bind 127.0.0.1:18080
              acl admin path_beg /admin
              acl internal src 10.0.0.0/8 192.168.0.0/16
              acl static path_end .css .js .png .jpg
              http-request deny if admin !internal
              http-request deny deny_status 400 if { req.hdr_cnt(host) gt 1 }
              http-request redirect scheme https code 301 if { hdr(host) -i legacy.example.com }
              http-request del-header X-Forwarded-Host
              http-request del-header Proxy
              http-request set-header X-Forwarded-Proto http
              http-request set-header X-Request-Start t=%[date(0,ms)]
              http-request add-header X-Edge fulcrum
              http-request set-var(txn.host) req.hdr(host),lower
              http-request replace-path ^/api/v1(/.*)? /v1\\1 if { path_beg /api/v1 }
              http-request set-header X-Static 1 if static
              http-request return status 200 content-type text/plain string ok if { path /healthz }
              http-request deny if { req.hdr(user-agent) -m sub sqlmap nikto }
              http-request set-header X-Host %[var(txn.host)]
              default_backend be
            backend be
              server s1 127.0.0.1:8080
            """;

    private ProxyRules rules;
    private HttpRequestHead parsed;
    private Txn txn;

    @Setup
    public void setUp() throws H1ParseError {
        Configuration config = Bench.parse(CONFIG);
        rules = ProxyRules.of(config.frontend("fe"));
        byte[] req = ("GET /api/v1/orders/17?expand=items HTTP/1.1\r\nHost: Shop.Example.com\r\nUser-Agent: bench/1.0\r\n"
                + "Accept: */*\r\nX-Forwarded-Host: spoofed\r\nCookie: sid=abc\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        parsed = H1Parser.parseRequest(req, req.length, new H1Head());
        txn = new Txn();
    }

    private HttpRequestHead copy() {
        return new HttpRequestHead(parsed.method(), parsed.uri(), parsed.version(), parsed.headers().copy());
    }

    @Benchmark
    public HttpRequestHead copyOnly() {
        return copy();
    }

    @Benchmark
    public Verdict rules() {
        txn.start(copy());
        return rules.request(txn);
    }

    /** A stream as the rules see it: a request, variables, a scratch sample and text buffer. */
    private static final class Txn extends LoopbackContext implements HttpTxn {
        private final Sample scratch = new Sample();
        private final StringBuilder text = new StringBuilder(128);
        private HttpRequestHead request;
        private VarStore txnVars;

        void start(HttpRequestHead r) {
            request = r;
            txnVars = null;
        }

        @Override
        public HttpRequestHead request() {
            return request;
        }

        @Override
        public VarStore vars(VarScope scope) {
            if (scope != VarScope.TXN) {
                return null;
            }
            return txnVars != null ? txnVars : (txnVars = VarStore.local());
        }

        @Override
        public Sample scratch() {
            return scratch;
        }

        @Override
        public StringBuilder text() {
            text.setLength(0);
            return text;
        }

        @Override
        public LogVariables logVariables() {
            return LogVariables.NONE;
        }

        @Override
        public ErrorPages.Page errorPage(int status) {
            return ErrorPages.get(status);
        }

        @Override
        public void reply(HttpResponseHead head, byte[] body, char cause) {
        }

        @Override
        public void closeAfterReply() {
        }

        @Override
        public Captures captures() {
            return Captures.NONE;
        }

        @Override
        public void source(InetAddress address, int port) {
        }

        @Override
        public void logLevel(int level) {
        }

        @Override
        public int logLevel() {
            return LOG_LEVEL_UNSET;
        }

        @Override
        public void timeout(TimeoutKind kind, long millis) {
        }

        @Override
        public void earlyHint(String name, String value) {
        }
    }
}
