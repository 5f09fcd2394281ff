package dev.fulcrum.check;

import dev.fulcrum.http.StreamRecord;
import dev.fulcrum.runtime.Engine;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestBackend;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.fulcrum.check.RiseFallTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Server options acting on live traffic: {@code on-marked-down}, {@code on-marked-up}, {@code redir}. */
class ServerOptionsTest {

    private final TestResources resources = new TestResources();

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    private Engine engine(String backend, Map<String, Object> vars, Events events) throws Exception {
        Map<String, Object> all = new java.util.HashMap<>(vars);
        all.put("FE", RunningEngine.freePort());
        Engine e = Engines.start("""
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                frontend fe
                    bind 127.0.0.1:${FE}
                    default_backend bk
                """ + backend, all, events);
        resources.add(e::close);
        return e;
    }

    /** A backend that holds every request until the latch opens. */
    private TestBackend holding(String name, CountDownLatch release) throws InterruptedException {
        return resources.backend(name).behavior((b, ctx, req, body) -> Thread.startVirtualThread(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ctx.executor().execute(() -> TestBackend.answerName(b, ctx, req, body));
        }));
    }

    @Test
    void shutdownSessionsClosesTheStreamsOfAServerThatGoesDown() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestBackend a = holding("a", release);
        ProbeServer probe = resources.add(ProbeServer.start(ProbeServer.text("")));
        Events events = new Events();
        Engine e = engine("""
                backend bk
                    server a ${A} check port ${P} inter 30ms fall 1 on-marked-down shutdown-sessions
                """, Map.of("A", a.address(), "P", probe.port()), events);
        LinkedBlockingQueue<StreamRecord> records = new LinkedBlockingQueue<>();
        e.http().addObserver(records::add);
        RawHttp client = resources.add(new RawHttp(e.boundAddresses("fe").getFirst().getPort()));
        client.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
        waitFor(() -> a.requests() == 1);
        probe.down();
        int down = events.await("Server bk/a is DOWN");
        assertThat(events.lines().get(down)).contains(" 1 sessions active,");
        assertThat(client.closedByPeer(5000)).isTrue();
        StreamRecord r = records.poll(5, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.termination()).startsWith("D");
        release.countDown();
    }

    @Test
    void shutdownBackupSessionsWhenAnActiveServerComesBack() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestBackend a = resources.backend("a");
        TestBackend k = holding("k", release);
        ProbeServer pa = resources.add(ProbeServer.start(ProbeServer.text("")));
        pa.down();
        Events events = new Events();
        Engine e = engine("""
                backend bk
                    server a ${A} check port ${PA} inter 30ms fall 1 rise 1 on-marked-up shutdown-backup-sessions
                    server k ${K} backup on-marked-up shutdown-backup-sessions
                """, Map.of("A", a.address(), "K", k.address(), "PA", pa.port()), events);
        events.await("Server bk/a is DOWN");
        LinkedBlockingQueue<StreamRecord> records = new LinkedBlockingQueue<>();
        e.http().addObserver(records::add);
        RawHttp client = resources.add(new RawHttp(e.boundAddresses("fe").getFirst().getPort()));
        client.send("GET /on-backup HTTP/1.1\r\nHost: x\r\n\r\n");
        waitFor(() -> k.requests() == 1);
        pa.up();
        events.await("Server bk/a is UP");
        assertThat(client.closedByPeer(5000)).isTrue();
        StreamRecord r = records.poll(5, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.termination()).startsWith("U");
        release.countDown();
    }

    @Test
    void redirAnswersGetAndHeadWithHaproxysRedirect() throws Exception {
        int closed = RunningEngine.freePort();
        String backend = """
                backend bk
                    server s1 127.0.0.1:${CLOSED} redir http://img.example.com
                """.replace("${CLOSED}", Integer.toString(closed));
        Engine e = engine(backend, Map.of(), new Events());
        int port = e.boundAddresses("fe").getFirst().getPort();
        String get;
        String head;
        try (RawHttp c = new RawHttp(port)) {
            get = c.send("GET /a/b?x=1 HTTP/1.1\r\nHost: x\r\n\r\n").readToClose();
        }
        try (RawHttp c = new RawHttp(port)) {
            head = c.send("HEAD /h HTTP/1.0\r\n\r\n").readToClose();
        }
        assertThat(get).isEqualTo("HTTP/1.1 302 Found\r\ncache-control: no-cache\r\ncontent-length: 0\r\n"
                + "location: http://img.example.com/a/b?x=1\r\nconnection: close\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 302 Found\r\n").contains("location: http://img.example.com/h\r\n");
        if (Haproxy.available()) {
            int hp = RunningEngine.freePort();
            String cfg = """
                    defaults
                        mode http
                        timeout connect 1s
                        timeout client 5s
                        timeout server 5s
                    frontend fe
                        bind 127.0.0.1:${FE}
                        default_backend bk
                    """.replace("${FE}", Integer.toString(hp)) + backend;
            try (Haproxy h = Haproxy.start(cfg, hp)) {
                try (RawHttp c = new RawHttp(hp)) {
                    assertThat(c.send("GET /a/b?x=1 HTTP/1.1\r\nHost: x\r\n\r\n").readToClose()).isEqualTo(get);
                }
                try (RawHttp c = new RawHttp(hp)) {
                    assertThat(c.send("HEAD /h HTTP/1.0\r\n\r\n").readToClose()).isEqualTo(head);
                }
            }
        }
    }
}
