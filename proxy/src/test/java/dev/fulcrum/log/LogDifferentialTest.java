package dev.fulcrum.log;

import dev.fulcrum.testing.Await;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.SideBySide;
import dev.fulcrum.testing.SyslogReceiver;
import dev.fulcrum.testing.TcpTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same configuration and the same client behaviour through the real
 * haproxy 2.6 and through Fulcrum, both logging to UDP sockets this test owns:
 * the log lines must match field by field. Timers may differ in value but not
 * in shape (-1 where haproxy writes -1); dates, client ports, pids, unique ids
 * and counters of the process are normalised.
 */
class LogDifferentialTest {

    private static final String[] FRONTENDS = {"fe_http", "fe_clf", "fe_tcp", "fe_custom", "fe_sd", "fe_null"};

    private static final String CONFIG = """
            global
              log 127.0.0.1:${SYSLOG} format raw local0
            defaults
              mode http
              log global
              option httplog
              timeout client 1500ms
              timeout server 1500ms
              timeout connect 1s
              timeout http-request 800ms
              timeout queue 300ms
              retries 1
            frontend fe_http
              bind 127.0.0.1:${fe_http}
              capture request header host len 32
              capture request header x-none len 10
              capture response header content-length len 5
              use_backend dead if { path_beg /dead }
              use_backend timeouts if { path_beg /timeout }
              use_backend queued if { path_beg /queue }
              use_backend down if { path_beg /down }
              use_backend redisp if { path_beg /redisp }
              http-request deny if { path_beg /deny }
              http-request return status 200 content-type text/plain string hi if { path_beg /ret }
              default_backend scripted
            frontend fe_clf
              bind 127.0.0.1:${fe_clf}
              option httplog clf
              capture request header host len 4
              capture request header x-none len 10
              capture response header content-length len 5
              default_backend scripted
            frontend fe_tcp
              bind 127.0.0.1:${fe_tcp}
              option tcplog
              default_backend scripted
            frontend fe_custom
              bind 127.0.0.1:${fe_custom}
              unique-id-format %{+X}o\\ %ci:%cp_%fi:%fp_%Ts_%rt:%pid
              unique-id-header X-Unique-ID
              log-format "%ci %fi %si:%sp %HM %HU %HP %HQ %HV %ST %B %U %ts %tsc %rc %sq/%bq %b %s %f %ft %ID {%Th/%Ti/%TR/%Tw/%Tc/%Tr/%Ta/%Tt/%Tq/%Td/%Tu} %[method,lower] %{+Q}[unique-id,length] %[fe_name,upper] %[src] %{+Q}r %{+E}HU"
              http-request set-log-level err if { path_beg /a/ }
              default_backend scripted
            frontend fe_sd
              bind 127.0.0.1:${fe_sd}
              no log
              log 127.0.0.1:${SYSLOG} format rfc5424 local3
              log-format-sd [fulcrum@32473\\ status=\\"%ST\\"\\ path=\\"%HP\\"]
              log-tag diff
              default_backend scripted
            frontend fe_null
              bind 127.0.0.1:${fe_null}
              option dontlognull
              option log-separate-errors
              log 127.0.0.1:${SYSLOG} format short local0
              default_backend scripted
            backend scripted
              server s1 ${SCRIPTED}
            backend dead
              timeout connect 200ms
              server s1 ${DEAD}
            backend timeouts
              timeout server 300ms
              server s1 ${SCRIPTED}
            backend queued
              server s1 ${SCRIPTED} maxconn 1
            backend down
              server s1 ${SCRIPTED} disabled
            backend redisp
              balance first
              option redispatch
              timeout connect 200ms
              server s1 ${DEAD}
              server s2 ${SCRIPTED}
            """;

    private static ScriptedServer scripted;
    private static Socket deadPort;
    private static SideBySide both;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        scripted = new ScriptedServer();
        // a bound, never listening socket: its port refuses connections and nobody else can take it
        deadPort = new Socket();
        deadPort.bind(new InetSocketAddress("127.0.0.1", 0));
        both = SideBySide.of(CONFIG).ports(FRONTENDS).syslog("SYSLOG")
                .vars(Map.of("SCRIPTED", scripted.address(), "DEAD", "127.0.0.1:" + deadPort.getLocalPort())).start();
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {both, scripted, deadPort}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** What a client does against a frontend port. */
    @FunctionalInterface
    interface Client {
        void run(int port) throws Exception;
    }

    private static Client request(String raw) {
        return port -> {
            try (RawHttp c = new RawHttp(port)) {
                c.timeout(5000).send(raw).readToClose();
            }
        };
    }

    private static final String GET_CLOSE = "GET /ok?x=1 HTTP/1.1\r\nhost: example.com\r\nconnection: close\r\n\r\n";

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of("httplog: a plain GET", "fe_http", request(GET_CLOSE)),
                Arguments.of("clf: a plain GET", "fe_clf", request(GET_CLOSE)),
                Arguments.of("tcplog: a plain GET", "fe_tcp", request(GET_CLOSE)),
                Arguments.of("custom format, unique id, samples", "fe_custom",
                        request("GET /a/b%22c?q=\"1\" HTTP/1.1\r\nhost: h.example\r\nconnection: close\r\n\r\n")),
                Arguments.of("custom format, a request without a query", "fe_custom",
                        request("POST /p%20q HTTP/1.0\r\ncontent-length: 2\r\n\r\nhi")),
                Arguments.of("custom format, a malformed request line", "fe_custom",
                        request("GET / HTTP/1.1 extra\r\nhost: x\r\n\r\n")),
                Arguments.of("rfc5424 with structured data", "fe_sd", request(GET_CLOSE)),
                Arguments.of("POST with a body counts uploaded bytes", "fe_http",
                        request("POST /post HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\nconnection: close\r\n\r\nhello")),
                Arguments.of("HTTP/1.0 request", "fe_http", request("GET /old HTTP/1.0\r\n\r\n")),
                Arguments.of("two keep-alive requests", "fe_http", (Client) port -> {
                    try (RawHttp c = new RawHttp(port)) {
                        c.timeout(5000).send("GET /one HTTP/1.1\r\nhost: x\r\n\r\n").readResponse();
                        Thread.sleep(100);
                        c.send("GET /two HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n").readToClose();
                    }
                }),
                Arguments.of("SC: connection refused after retries", "fe_http", request(
                        "GET /dead HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")),
                Arguments.of("sH: server timeout before the response", "fe_http", request(
                        "GET /timeout/slow/1000 HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")),
                Arguments.of("PH: invalid response head", "fe_http", request(
                        "GET /bad HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")),
                Arguments.of("SD: server closes in the body", "fe_http", request(
                        "GET /cut HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")),
                Arguments.of("SH: server closes before answering", "fe_http", request(
                        "GET /close HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")),
                Arguments.of("sD: server stalls in the body", "fe_http", request(
                        "GET /timeout/stall HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")),
                Arguments.of("cD: client stalls in the request body", "fe_http", request(
                        "POST /post HTTP/1.1\r\nhost: x\r\ncontent-length: 10\r\n\r\nabc")),
                Arguments.of("CD: client closes in the request body", "fe_http", (Client) port -> {
                    try (RawHttp c = new RawHttp(port)) {
                        int before = scripted.received("/post");
                        c.send("POST /post HTTP/1.1\r\nhost: x\r\ncontent-length: 10\r\n\r\nabc");
                        Await.until(() -> scripted.received("/post") > before); // the proxy forwarded the head
                    }
                }),
                Arguments.of("no usable server: 503", "fe_http", request(
                        "GET /down HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")),
                Arguments.of("redispatch to a live server", "fe_http", request(
                        "GET /redisp HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")),
                Arguments.of("http-request deny", "fe_http", request(
                        "GET /deny HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")),
                Arguments.of("http-request return", "fe_http", request(
                        "GET /ret HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")),
                Arguments.of("sQ: queue timeout behind a busy server", "fe_http", (Client) port -> {
                    int before = scripted.received("/queue/slow/700");
                    Thread first = Thread.ofVirtual().start(() -> {
                        try {
                            request("GET /queue/slow/700 HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n").run(port);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    Await.until(() -> scripted.received("/queue/slow/700") > before); // the server is busy
                    request("GET /queue/second HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n").run(port);
                    first.join();
                }),
                Arguments.of("client closes while waiting for the response (haproxy still logs the answer)", "fe_http", (Client) port -> {
                    int before = scripted.received("/slow/600");
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port));
                        s.getOutputStream().write("GET /slow/600 HTTP/1.1\r\nhost: x\r\n\r\n"
                                .getBytes(StandardCharsets.ISO_8859_1));
                        Await.until(() -> scripted.received("/slow/600") > before); // the server is working on it
                    }
                }),
                Arguments.of("cR: request head never completes", "fe_http", (Client) port -> {
                    try (RawHttp c = new RawHttp(port)) {
                        c.timeout(5000).send("GET /partial HTTP/1.1\r\nhost: x\r\n").readToClose();
                    }
                }),
                Arguments.of("CR: client closes in the request head", "fe_http", (Client) port -> {
                    try (RawHttp c = new RawHttp(port)) {
                        c.send("GET /partial HTTP/1.1\r\nhost:");
                        Thread.sleep(200); // the client pauses in its head
                    }
                }),
                Arguments.of("PR: malformed request line", "fe_http", request("GET / HTTP/1.1 extra\r\nhost: x\r\n\r\n")),
                Arguments.of("PR: invalid header name", "fe_http", request("GET / HTTP/1.1\r\nho st: x\r\n\r\n")),
                Arguments.of("too many headers", "fe_http", request("GET / HTTP/1.1\r\n"
                        + "x-h: 1\r\n".repeat(120) + "\r\n")),
                Arguments.of("oversized request head", "fe_http", request("GET / HTTP/1.1\r\nx-big: "
                        + "a".repeat(20000) + "\r\n\r\n")),
                Arguments.of("empty connection", "fe_http", (Client) port -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port));
                        Thread.sleep(200); // the client idles
                    }
                }),
                Arguments.of("dontlognull: empty connection", "fe_null", (Client) port -> {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port));
                        Thread.sleep(200); // the client idles
                    }
                }),
                Arguments.of("log-separate-errors: a failed request at level err", "fe_null",
                        request("GET /bad HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")),
                Arguments.of("log-separate-errors: a good request at level info", "fe_null", request(GET_CLOSE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void logsTheSameLines(String name, String frontend, Client client) throws Exception {
        String only = System.getProperty("logdiff.only");
        org.junit.jupiter.api.Assumptions.assumeTrue(only == null
                || java.util.Arrays.stream(only.split(",")).anyMatch(name::contains), "filtered out");
        both.haproxyLog().drain();
        both.fulcrumLog().drain();
        both.fulcrum().drainRecords();
        List<String> expected = run(client, both.haproxyPort(frontend), both.haproxyPorts(), both.haproxyLog());
        List<String> actual = run(client, both.fulcrumPort(frontend), both.fulcrumPorts(), both.fulcrumLog());
        List<String> e = expected.stream().map(l -> normalize(frontend, l)).sorted().toList();
        List<String> a = actual.stream().map(l -> normalize(frontend, l)).sorted().toList();
        assertThat(a).as("%s\nhaproxy: %s\nfulcrum: %s\nnormalised haproxy: %s\nnormalised fulcrum: %s\nrecords: %s",
                name, expected, actual, e, a, both.fulcrum().drainRecords()).isEqualTo(e);
    }

    /**
     * Runs the client once the previous scenario's connections are gone (they
     * count in %ac and %fc), waits for the proxy to end the client's
     * connections, then collects log lines until none came for a while.
     */
    private static List<String> run(Client client, int port, Collection<Integer> ports, SyslogReceiver log)
            throws Exception {
        Await.until(() -> !TcpTable.connectionsOn(ports));
        client.run(port);
        Await.until(() -> !TcpTable.connectionsOn(ports));
        List<String> lines = new ArrayList<>();
        String m;
        while ((m = log.poll(lines.isEmpty() ? 3000 : 500)) != null) {
            lines.add(m);
        }
        return lines;
    }

    private static final Pattern LOCAL_MS_DATE = Pattern.compile("\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
    private static final Pattern ZONED_DATE = Pattern.compile("\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4}");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}[+-]\\d\\d:\\d\\d");
    private static final Pattern CLIENT = Pattern.compile("127\\.0\\.0\\.1:\\d+");
    private static final Pattern HTTPLOG_TIMERS = Pattern.compile("(127\\.0\\.0\\.1:PORT \\[DATE\\] \\S+ \\S+ )(\\S+) ");
    private static final Pattern CLF = Pattern.compile(
            "^(.*\"\" \"\" )\\d+ \\d+ (\\S+ \\S+ \\S+ )(-?\\d+ -?\\d+ -?\\d+ -?\\d+ -?\\d+)( .*)$", Pattern.DOTALL);
    private static final Pattern BRACED_TIMERS = Pattern.compile("\\{([-0-9/+]+)\\}");
    private static final Pattern UNIQUE_ID = Pattern.compile(" [0-9A-F]{8}:[0-9A-F]{4}_[0-9A-F]{8}:[0-9A-F]{4}_[0-9A-F]{8}"
            + "_[0-9A-F]{4}:[0-9A-F]{4} ");
    private static final Pattern SD_HEADER = Pattern.compile("^<(\\d+)>1 DATE \\S+ (\\S+) \\d+ - ");

    static String normalize(String frontend, String line) {
        String l = LOCAL_MS_DATE.matcher(line).replaceAll("DATE");
        l = ZONED_DATE.matcher(l).replaceAll("DATE");
        l = ISO_DATE.matcher(l).replaceAll("DATE");
        l = SD_HEADER.matcher(l).replaceAll("<$1>1 DATE HOST $2 PID - ");
        l = UNIQUE_ID.matcher(l).replaceAll(" UNIQUE-ID ");
        l = CLIENT.matcher(l).replaceAll("127.0.0.1:PORT");
        switch (frontend) {
            case "fe_clf" -> {
                Matcher m = CLF.matcher(l);
                if (m.matches()) {
                    l = m.group(1) + "PORT MS " + m.group(2) + timers(m.group(3), " ") + m.group(4);
                }
            }
            case "fe_custom" -> {
                Matcher m = BRACED_TIMERS.matcher(l);
                if (m.find()) {
                    l = l.substring(0, m.start(1)) + timers(m.group(1), "/") + l.substring(m.end(1));
                }
            }
            default -> {
                Matcher m = HTTPLOG_TIMERS.matcher(l);
                if (m.find()) {
                    l = l.substring(0, m.start(2)) + timers(m.group(2), "/") + l.substring(m.end(2));
                }
            }
        }
        return l;
    }

    /** Timer values reduced to their shape: -1 stays, any other value is N (a '+' prefix is kept). */
    private static String timers(String group, String sep) {
        StringBuilder b = new StringBuilder();
        for (String t : group.split(Pattern.quote(sep), -1)) {
            if (!b.isEmpty()) {
                b.append(sep);
            }
            b.append(t.equals("-1") ? "-1" : t.startsWith("+") ? "+N" : "N");
        }
        return b.toString();
    }
}
