package dev.fulcrum.check;

import dev.fulcrum.config.Settings;
import dev.fulcrum.logformat.LogFormat;
import dev.fulcrum.sample.CompileContext;
import dev.fulcrum.sample.UseSite;
import dev.fulcrum.runtime.Engine;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.VarScope;
import dev.fulcrum.server.CheckReport;
import dev.fulcrum.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.fulcrum.check.RiseFallTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Variables and log-format strings of check rules on a real engine against
 * probe servers: how long each scope lives, what a send-binary-lf that does
 * not render hexadecimal does, and what on-error and status-code leave in the
 * server's last check report ({@code show stat}'s check columns).
 */
class CheckVariablesTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private ProbeServer probe(ProbeServer.Reply r) throws Exception {
        ProbeServer p = ProbeServer.start(r);
        open.add(p);
        return p;
    }

    private Server server(String rules, int port) throws Exception {
        Engine e = Engines.start("""
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                    timeout check 300ms
                backend bk
                """ + rules + "\n    server s1 127.0.0.1:" + port + " check inter 30ms fall 1 rise 1\n",
                Map.of(), new Events());
        open.add(e::close);
        return e.backends().get("bk").server("s1");
    }

    @Test
    void checkAndSessionVariablesLastOneRunWhileProcessVariablesStay() throws Exception {
        ProbeServer p = probe(ProbeServer.text("OK\n"));
        server("""
                    option tcp-check
                    tcp-check send-lf "before=[%[var(check.c)]|%[var(sess.s)]]\\n"
                    tcp-check set-var(check.c) int(1)
                    tcp-check set-var(sess.s) str(x)
                    tcp-check set-var(proc.n) var(proc.n,0),add(1)
                    tcp-check send-lf "n=%[var(proc.n)] c=%[var(check.c)]\\n"
                    tcp-check expect string OK
                """, p.port());
        waitFor(() -> p.requests().size() >= 3);
        List<String> seen = List.copyOf(p.requests());
        for (int i = 0; i < 3; i++) {
            assertThat(seen.get(i)).isEqualTo("before=[|]\nn=" + (i + 1) + " c=1\n");
        }
    }

    @Test
    void sendBinaryLfThatRendersNoHexFailsTheCheck() throws Exception {
        ProbeServer p = probe(ProbeServer.text("OK\n"));
        Server s = server("""
                    option tcp-check
                    tcp-check send-binary-lf "%[srv_name]"
                    tcp-check expect string OK
                """, p.port());
        waitFor(() -> s.check().last().status().equals("L7RSP"));
        assertThat(s.check().last().info()).isEqualTo("tcp-check send : failed to build binary data at step 1");
    }

    @Test
    void onErrorAndStatusCodeMakeTheLastCheckReport() throws Exception {
        ProbeServer p = probe(ProbeServer.httpReply(500, "Internal Server Error", ""));
        Server s = server("""
                    option httpchk GET /
                    http-check set-var(check.why) str(maintenance)
                    http-check expect on-error "down for %[var(check.why)] on %[srv_name]" status-code "var(check.code)" status 200
                """, p.port());
        waitFor(() -> s.check().last().status().equals("L7STS"));
        CheckReport r = s.check().last();
        // the status-code expression gives nothing: the response's own code stays
        assertThat(r.code()).isEqualTo(500);
        assertThat(r.info()).isEqualTo("down for maintenance on s1");
    }

    @Test
    void aRunSeesTheCheckScopeItsOwnAndNoStream() throws Exception {
        CheckContext.Scope scope = CheckContext.Scope.detached();
        CheckContext first = new CheckContext(scope);
        CheckContext second = new CheckContext(scope);
        Sample v = new Sample();
        v.setStr("x");
        first.vars(VarScope.CHECK).set("a", v);
        first.vars(VarScope.PROC).set("p", v);
        assertThat(second.vars(VarScope.CHECK).exists("a")).isFalse();
        assertThat(second.vars(VarScope.PROC).get("p", new Sample())).isTrue();
        assertThat(second.vars(VarScope.TXN)).isNull();
        assertThat(second.frontend()).isNull();
        LogFormat f = LogFormat.parse("%f %ft [%ci] %[var(check.a)]", CompileContext.standalone(UseSite.BE_CHK_RUL,
                Settings.builder()), LogFormat.Target.HTTP, false);
        assertThat(first.render(f)).isEqualTo("CHECKS-FE CHECKS-FE [] x");
    }

    @Test
    void statusCodeTextReadsLikeStrtol() {
        assertThat(CheckContext.leadingInt("204abc")).isEqualTo(204);
        assertThat(CheckContext.leadingInt(" -12")).isEqualTo(-12);
        assertThat(CheckContext.leadingInt("abc")).isZero();
        assertThat(CheckContext.leadingInt("99999999999")).isEqualTo(Integer.MAX_VALUE);
    }
}
