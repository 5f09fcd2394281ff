package dev.fulcrum.switching;

import dev.fulcrum.http.StreamRecord;
import dev.fulcrum.server.Server;
import dev.fulcrum.testing.Await;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestBackend;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** use_backend rules and per-server queues through a real engine and real backends. */
class SwitchingIntegrationTest {

    private static final String DEFAULTS = """
            defaults
              mode http
              timeout client 5s
              timeout server 5s
              timeout connect 1s
              timeout queue 3s
            """;

    private final TestResources resources = new TestResources();

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    private TestBackend backend(String name) throws InterruptedException {
        return resources.backend(name);
    }

    private RunningEngine engine(String body, Map<String, String> vars) throws Exception {
        return resources.engine(DEFAULTS + body, vars);
    }

    private static String get(int port, String path, String extraHeaders) throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            return c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n" + extraHeaders + "\r\n").readResponse();
        }
    }

    @Test
    void routesByTheFirstMatchingRuleThenTheDefaultBackend() throws Exception {
        TestBackend api = backend("api");
        TestBackend img = backend("img");
        TestBackend web = backend("web");
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  acl is_api path_beg /api/
                  acl is_img path_end .png .jpg
                  use_backend be_api if is_api
                  use_backend be_img if is_img || { req.hdr(x-kind) -i image }
                  use_backend be_api if is_img
                  default_backend be_web
                backend be_api
                  server a ${API}
                backend be_img
                  server i ${IMG}
                backend be_web
                  server w ${WEB}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "API", api.address(),
                "IMG", img.address(), "WEB", web.address()));
        int port = e.port("fe");
        assertThat(get(port, "/api/users", "")).contains("x-server: api");
        assertThat(get(port, "/logo.png", "")).as("first matching rule wins").contains("x-server: img");
        assertThat(get(port, "/photo", "X-Kind: IMAGE\r\n")).contains("x-server: img");
        assertThat(get(port, "/index.html", "")).contains("x-server: web");
        List<String> backends = e.drainRecords().stream().map(StreamRecord::backend).toList();
        assertThat(backends).containsExactlyInAnyOrder("be_api", "be_img", "be_img", "be_web");
    }

    @Test
    void dynamicBackendNamesFallBackToTheDefaultWhenNoSuchBackendExists() throws Exception {
        TestBackend blue = backend("blue");
        TestBackend fallback = backend("fallback");
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  use_backend tenant_%[req.hdr(x-tenant),lower] if { req.hdr(x-tenant) -m found }
                  default_backend tenant_default
                backend tenant_blue
                  server b ${BLUE}
                backend tenant_default
                  server f ${FALLBACK}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "BLUE", blue.address(),
                "FALLBACK", fallback.address()));
        int port = e.port("fe");
        assertThat(get(port, "/", "X-Tenant: Blue\r\n")).contains("x-server: blue");
        assertThat(get(port, "/", "X-Tenant: green\r\n")).as("no backend tenant_green").contains("x-server: fallback");
        assertThat(get(port, "/", "")).contains("x-server: fallback");
    }

    /** Two servers behind {@code balance uri}; "slow" answers only when {@code release} opens. */
    private record HashedPair(RunningEngine engine, int port, String slowPath, Server slow, CountDownLatch release) {
    }

    private HashedPair hashedPair(String slowOptions, String otherOptions) throws Exception {
        TestBackend slow = backend("slow");
        TestBackend other = backend("other");
        RunningEngine e = engine("""
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend be
                backend be
                  balance uri
                  server slow ${SLOW} ${SLOW_OPTIONS}
                  server other ${OTHER} ${OTHER_OPTIONS}
                """, Map.of("PORT", Integer.toString(RunningEngine.freePort()), "SLOW", slow.address(),
                "OTHER", other.address(), "SLOW_OPTIONS", slowOptions, "OTHER_OPTIONS", otherOptions));
        int port = e.port("fe");
        String path = pathServedBy(port, "slow");
        CountDownLatch release = new CountDownLatch(1);
        slow.behavior(answerAfter(release));
        e.drainRecords();
        return new HashedPair(e, port, path, e.engine().backends().get("be").server("slow"), release);
    }

    private static RawHttp sendTo(HashedPair p) throws Exception {
        return new RawHttp(p.port()).send("GET " + p.slowPath() + " HTTP/1.1\r\nHost: x\r\n\r\n");
    }

    @Test
    void aHashedRequestWaitsForItsOwnServerWhileAnotherIsFree() throws Exception {
        HashedPair p = hashedPair("maxconn 1", "maxconn 1");
        try (RawHttp first = sendTo(p)) {
            Await.until(() -> p.slow().served() == 1);
            try (RawHttp second = sendTo(p)) {
                Await.until(() -> p.slow().queued() == 1);
                assertThat(p.engine().engine().backends().get("be").queue().size())
                        .as("a hashed request waits in its server's queue, not the backend's").isZero();
                p.release().countDown();
                assertThat(first.readResponse()).contains("x-server: slow");
                assertThat(second.readResponse()).as("the idle server was not used").contains("x-server: slow");
            }
        }
        assertThat(p.slow().queued()).isZero();
    }

    @Test
    void aHashedRequestIsRefusedWhenItsServerQueueIsFull() throws Exception {
        HashedPair p = hashedPair("maxconn 1 maxqueue 1", "");
        try (RawHttp first = sendTo(p); RawHttp second = sendTo(p)) {
            Await.until(() -> p.slow().queued() == 1);
            try (RawHttp third = sendTo(p)) {
                assertThat(third.readResponse()).startsWith("HTTP/1.1 503");
            }
            // haproxy 2.6 logs this as "be/slow ... 503 ... SQ--" with Tw, Tc and Tr at -1
            StreamRecord refused = p.engine().nextRecord();
            assertThat(refused.server()).isEqualTo("slow");
            assertThat(refused.termination()).isEqualTo("SQ--");
            assertThat(refused.tw()).isEqualTo(-1);
            p.release().countDown();
            assertThat(first.readResponse()).contains("x-server: slow");
            assertThat(second.readResponse()).contains("x-server: slow");
        }
    }

    /** A path that {@code balance uri} sends to {@code server} (map-based hashing is stable). */
    private static String pathServedBy(int port, String server) throws Exception {
        for (int i = 0; i < 50; i++) {
            String p = "/k" + i;
            if (get(port, p, "").contains("x-server: " + server)) {
                return p;
            }
        }
        throw new AssertionError("no key maps to " + server);
    }

    /** Answers once {@code release} opens, without blocking the backend's event loop. */
    private static TestBackend.Behavior answerAfter(CountDownLatch release) {
        return (b, ctx, req, body) -> Thread.startVirtualThread(() -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            ctx.executor().execute(() -> TestBackend.answerName(b, ctx, req, body));
        });
    }
}
