package dev.fulcrum.cookie;

import dev.fulcrum.server.AdminState;
import dev.fulcrum.server.Server;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cookie persistence on real sockets with a real client: the inserted cookie
 * keeps a client on its server while the balancer spreads the others, a drained
 * server keeps its persistent clients, a server in maintenance loses them.
 */
class CookiePersistenceTest {

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 3s
              timeout server 3s
              timeout connect 1s
            frontend fe
              bind 127.0.0.1:${PORT}
              default_backend be
            backend be
              balance roundrobin
              cookie SERVERID insert indirect nocache httponly secure
              server web-1 ${S1} cookie web1
              server web-2 ${S2} cookie web2
            """;

    private static TestBackend s1;
    private static TestBackend s2;
    private static RunningEngine engine;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        s1 = CookieServers.start("web-1");
        s2 = CookieServers.start("web-2");
        engine = RunningEngine.start(CONFIG, Map.of("S1", s1.address(), "S2", s2.address(), "PORT",
                Integer.toString(RunningEngine.freePort())));
    }

    @AfterAll
    static void stop() {
        engine.close();
        s1.close();
        s2.close();
    }

    private static HttpResponse<String> get(String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(engine.uri("fe", "/"));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Server server(String name) {
        return engine.engine().backends().get("be").server(name);
    }

    @Test
    void insertedCookieKeepsTheClientOnItsServer() throws Exception {
        HttpResponse<String> first = get(null);
        String setCookie = first.headers().firstValue("set-cookie").orElseThrow();
        assertThat(setCookie).matches("SERVERID=web[12]; path=/; HttpOnly; Secure");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String server = first.body().substring(0, first.body().indexOf(' '));
        assertThat(cookie).isEqualTo("SERVERID=" + server.replace("-", ""));
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> again = get("theme=dark; " + cookie);
            assertThat(again.body()).startsWith(server + " ");
            // indirect: the server never sees the persistence cookie, only the others
            assertThat(again.body()).contains("cookie=[theme=dark]");
            assertThat(again.headers().firstValue("set-cookie")).isEmpty();
        }
    }

    @Test
    void withoutCookieTheBalancerSpreadsAndEachAnswerNamesItsServer() throws Exception {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = get(null);
            String server = r.body().substring(0, r.body().indexOf(' '));
            seen.add(server);
            assertThat(r.headers().firstValue("set-cookie").orElseThrow())
                    .startsWith("SERVERID=" + server.replace("-", "") + ";");
        }
        assertThat(seen).containsExactlyInAnyOrder("web-1", "web-2");
    }

    @Test
    void drainedServerKeepsItsClientsButMaintenanceSendsThemElsewhere() throws Exception {
        Server web2 = server("web-2");
        web2.setAdminFlags(AdminState.FORCED_DRAIN, 0);
        try {
            HttpResponse<String> r = get("SERVERID=web2");
            assertThat(r.body()).startsWith("web-2 ");
            assertThat(r.headers().firstValue("set-cookie")).isEmpty();
            for (int i = 0; i < 3; i++) {
                assertThat(get(null).body()).as("new clients avoid the drained server").startsWith("web-1 ");
            }
            web2.setAdminFlags(AdminState.FORCED_MAINT, AdminState.FORCED_DRAIN);
            HttpResponse<String> moved = get("SERVERID=web2");
            assertThat(moved.body()).startsWith("web-1 ");
            assertThat(moved.headers().firstValue("set-cookie")).contains("SERVERID=web1; path=/; HttpOnly; Secure");
        } finally {
            web2.setAdminFlags(0, AdminState.FORCED_DRAIN | AdminState.FORCED_MAINT);
        }
    }
}
