package dev.fulcrum.log;

import dev.fulcrum.testing.ForkedEngine;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.SyslogReceiver;
import dev.fulcrum.testing.TestBackend;
import dev.fulcrum.testing.TestResources;
import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Log destinations, headers, filters and inheritance, through a real engine and real sockets. */
class LogTargetsTest {

    private final TestResources res = new TestResources();
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void close() throws Exception {
        res.close();
    }

    /** The variables plus free ports for PORT and PORT2. */
    private static Map<String, String> ports(String... kv) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        m.put("PORT", Integer.toString(RunningEngine.freePort()));
        m.put("PORT2", Integer.toString(RunningEngine.freePort()));
        return m;
    }

    /**
     * An engine on {@code config}, whose {@code ${B1}} is a test backend and
     * {@code ${PORT}}, {@code ${PORT2}} free ports, with {@code vars} (name, value).
     */
    private RunningEngine start(String config, String... vars) throws Exception {
        TestBackend be = res.backend("b1");
        String[] all = java.util.Arrays.copyOf(vars, vars.length + 2);
        all[vars.length] = "B1";
        all[vars.length + 1] = be.address();
        return res.engine(config, ports(all));
    }

    private void get(RunningEngine e, String path) throws Exception {
        client.send(HttpRequest.newBuilder(e.uri("fe", path)).build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void udpTargetGetsLocalHeaderWithTheEnginesPidAndProgramName() throws Exception {
        SyslogReceiver syslog = res.add(SyslogReceiver.udp());
        RunningEngine e = start("""
                global
                  log 127.0.0.1:${SYSLOG} local0
                defaults
                  mode http
                  log global
                  option httplog
                  timeout client 5s
                  timeout server 5s
                  timeout connect 5s
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend bk
                backend bk
                  server s1 ${B1}
                """, "SYSLOG", Integer.toString(syslog.port()));
        get(e, "/hello?x=1");
        String m = syslog.next();
        long pid = ProcessHandle.current().pid();
        assertThat(m).matches("<134>[A-Z][a-z]{2} [ 1-3][0-9] \\d\\d:\\d\\d:\\d\\d " + Logging.programName() + "\\["
                + pid + "\\]: 127\\.0\\.0\\.1:\\d+ \\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\] fe bk/s1 "
                + "\\d+/0/\\d+/\\d+/\\d+ 200 \\d+ - - ---- 1/1/0/0/0 0/0 \"GET /hello\\?x=1 HTTP/1\\.1\"\n");
    }

    @Test
    void levelsSamplingLengthAndTagFilterAndShapeMessages() throws Exception {
        SyslogReceiver syslog = res.add(SyslogReceiver.udp());
        RunningEngine e = start("""
                defaults
                  mode http
                  timeout client 5s
                  timeout server 5s
                  timeout connect 5s
                frontend fe
                  bind 127.0.0.1:${PORT}
                  log-tag mytag
                  log 127.0.0.1:${SYSLOG} format raw local0 notice
                  log 127.0.0.1:${SYSLOG} format short local0 info err
                  log 127.0.0.1:${SYSLOG} format priority local1 debug warning
                  log 127.0.0.1:${SYSLOG} len 80 format rfc3164 local2
                  log 127.0.0.1:${SYSLOG} sample 2:3 format iso local3
                  log-format "%ST %HM %HU"
                  default_backend bk
                backend bk
                  server s1 ${B1}
                """, "SYSLOG", Integer.toString(syslog.port()));
        String longPath = "/" + "a".repeat(120);
        for (int i = 0; i < 3; i++) {
            get(e, longPath);
        }
        // ten datagrams are due (3 short, 3 priority, 3 len 80, 1 sampled); any more that came are kept too
        List<String> all = new java.util.ArrayList<>(syslog.next(10));
        all.addAll(syslog.drain());
        // raw at notice: info lines are filtered out entirely
        assertThat(all).filteredOn(m -> m.startsWith("200 ")).isEmpty();
        // short, max info: level info kept (err is a floor for more severe levels only)
        assertThat(all).filteredOn(m -> m.startsWith("<6>200 GET /a")).hasSize(3);
        // priority with min level warning: info is less severe, sent as is (local1.info = 142)
        assertThat(all).filteredOn(m -> m.startsWith("<142>200 GET /a")).hasSize(3);
        // len 80: header included, then the line feed
        assertThat(all).filteredOn(m -> m.startsWith("<150>")).hasSize(3).allSatisfy(m -> {
            assertThat(m).hasSize(81).endsWith("\n").contains(" localhost mytag[");
        });
        // sample 2:3: only the second message of each three
        assertThat(all).filteredOn(m -> m.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+[+-]\\d\\d:\\d\\d 200 GET /a+\n"))
                .hasSize(1);
    }

    @Test
    void logGlobalAndNoLogFollowTheDefaults() throws Exception {
        SyslogReceiver syslog = res.add(SyslogReceiver.udp());
        RunningEngine e = start("""
                global
                  log 127.0.0.1:${SYSLOG} format raw local0
                defaults
                  mode http
                  log global
                  log-format "%f %HU"
                  timeout client 5s
                  timeout server 5s
                  timeout connect 5s
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend bk
                frontend quiet
                  bind 127.0.0.1:${PORT2}
                  no log
                  default_backend bk
                backend bk
                  server s1 ${B1}
                """, "SYSLOG", Integer.toString(syslog.port()));
        client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + e.port("quiet") + "/q")).build(),
                HttpResponse.BodyHandlers.discarding());
        get(e, "/loud");
        assertThat(syslog.next()).isEqualTo("fe /loud\n");
        assertThat(syslog.poll(200)).isNull();
    }

    @Test
    void withoutAFormatConnectionsAreLoggedAtAccept() throws Exception {
        SyslogReceiver syslog = res.add(SyslogReceiver.udp());
        RunningEngine e = start("""
                defaults
                  mode http
                  timeout client 5s
                  timeout server 5s
                  timeout connect 5s
                frontend fe
                  bind 127.0.0.1:${PORT}
                  log 127.0.0.1:${SYSLOG} format raw local0
                  default_backend bk
                backend bk
                  server s1 ${B1}
                """, "SYSLOG", Integer.toString(syslog.port()));
        try (RawHttp c = new RawHttp(e.port("fe"))) {
            c.send("GET / HTTP/1.1\r\nhost: x\r\n\r\n").readResponse();
        }
        assertThat(syslog.next()).matches("Connect from 127\\.0\\.0\\.1:\\d+ to 127\\.0\\.0\\.1:" + e.port("fe")
                + " \\(fe/HTTP\\)\n");
        assertThat(syslog.poll(200)).isNull();
    }

    @Test
    void unixDatagramTargetReceivesRfc5424Messages(@TempDir Path dir) throws Exception {
        assumeTrue(Epoll.isAvailable(), "UNIX datagram targets need epoll");
        Path sock = dir.resolve("log.sock");
        SyslogReceiver syslog = res.add(SyslogReceiver.unix(sock));
        RunningEngine e = start("""
                global
                  log-send-hostname myhost
                defaults
                  mode http
                  timeout client 5s
                  timeout server 5s
                  timeout connect 5s
                frontend fe
                  bind 127.0.0.1:${PORT}
                  log ${SOCK} format rfc5424 local4 info
                  log-format "%HM %HU %ST"
                  log-format-sd "[req@1 uri=\\"%HU\\"]"
                  default_backend bk
                backend bk
                  server s1 ${B1}
                """, "SOCK", sock.toString());
        get(e, "/unix");
        assertThat(syslog.next()).matches("<166>1 \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}[+-]\\d\\d:\\d\\d myhost "
                + Logging.programName() + " " + ProcessHandle.current().pid()
                + " - \\[req@1 uri=\"/unix\"\\] GET /unix 200\n");
    }

    @Test
    void aTargetThatCannotTakeMessagesDropsAndCountsThem(@TempDir Path dir) throws Exception {
        assumeTrue(Epoll.isAvailable(), "UNIX datagram targets need epoll");
        RunningEngine e = start("""
                defaults
                  mode http
                  timeout client 5s
                  timeout server 5s
                  timeout connect 5s
                frontend fe
                  bind 127.0.0.1:${PORT}
                  log ${SOCK} local0
                  option httplog
                  default_backend bk
                backend bk
                  server s1 ${B1}
                """, "SOCK", dir.resolve("nobody-listens.sock").toString());
        get(e, "/a");
        get(e, "/b");
        dev.fulcrum.testing.Await.until(() -> e.engine().logging().droppedLogs() == 2);
        assertThat(e.engine().logging().proxy("fe").dropped()).isEqualTo(2);
    }

    @Test
    void stdoutTargetWritesLinesWithTheProcessPid() throws Exception {
        TestBackend be = res.backend("b1");
        int port = RunningEngine.freePort();
        ForkedEngine f = res.add(ForkedEngine.start("""
                defaults
                  mode http
                  timeout client 5s
                  timeout server 5s
                  timeout connect 5s
                frontend fe
                  bind 127.0.0.1:%d
                  log stdout local0
                  log stderr format raw daemon
                  log-format "%%HM %%HU %%ST"
                  default_backend bk
                backend bk
                  server s1 %s
                """.formatted(port, be.address()), List.of("-Dfulcrum.program=haproxy"), port));
        client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/out")).build(),
                HttpResponse.BodyHandlers.discarding());
        // the engine's readiness probe is an empty connection: logged too, as "- - 400" (CR--)
        dev.fulcrum.testing.Await.until(() -> f.output().lines().filter(l -> l.contains("GET /out 200")).count() == 2);
        assertThat(f.output().lines().filter(l -> l.contains("GET /out 200")).toList())
                .contains("GET /out 200");
        assertThat(f.output()).containsPattern("<134>[A-Z][a-z]{2} [ 1-3][0-9] \\d\\d:\\d\\d:\\d\\d haproxy\\["
                + f.pid() + "\\]: GET /out 200\n");
    }
}
