package dev.fulcrum.console.demo;

import dev.fulcrum.console.model.BackendInfo;
import dev.fulcrum.console.model.FrontendInfo;
import dev.fulcrum.console.model.Notice;
import dev.fulcrum.console.model.ServerInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DemoEnvironmentTest {

    /** The server ports as written in demo-haproxy.cfg, in declaration order. */
    static final List<Integer> SERVER_PORTS = List.of(18081, 18082, 18083, 18091, 18092, 18101, 18102, 18103);
    /** The frontend ports as written in demo-haproxy.cfg, in declaration order. */
    static final List<Integer> FRONTEND_PORTS = List.of(18080, 18090, 18099);

    private final String host = LoopbackHosts.random();

    @Test
    void everyServerOfTheDemoConfigurationAnswersWithItsName() throws Exception {
        try (DemoEnvironment demo = DemoEnvironment.start(host, 0);
             HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()) {
            assertThat(demo.topology().serverCount()).isEqualTo(SERVER_PORTS.size());
            for (BackendInfo b : demo.topology().backends()) {
                for (ServerInfo s : b.servers()) {
                    HttpResponse<String> r = client.send(
                            HttpRequest.newBuilder(URI.create("http://" + s.address() + "/any/path")).build(),
                            HttpResponse.BodyHandlers.ofString());

                    // The shop and catalog servers fail a small share of requests on purpose.
                    assertThat(r.statusCode()).isIn(200, 500);
                    assertThat(r.body()).isEqualTo(b.name() + "/" + s.name() + "\n");
                }
            }
        }
    }

    @Test
    void theConfigurationRunsOnTheChosenHost() {
        try (DemoEnvironment demo = DemoEnvironment.start(host, 0)) {
            assertThat(demo.topology().frontends()).flatExtracting(FrontendInfo::binds)
                    .containsExactly(host + ":18080", host + ":18090", host + ":18099");
            assertThat(demo.topology().backends()).flatExtracting(BackendInfo::servers)
                    .extracting(ServerInfo::address)
                    .containsExactlyElementsOf(SERVER_PORTS.stream().map(p -> host + ":" + p).toList());
            assertThat(demo.listening()).extracting(InetSocketAddress::getPort)
                    .containsExactlyElementsOf(SERVER_PORTS);
            assertThat(demo.notices()).containsExactly(Notice.info(
                    "demo backends: listening on " + host + " ports 18081, 18082, 18083, 18091, 18092, 18101, 18102, 18103"));
            assertThat(demo.engine()).hasValueSatisfying(e -> assertThat(e.boundAddresses("api"))
                    .extracting(a -> a.getAddress().getHostAddress() + ":" + a.getPort())
                    .containsExactly(host + ":18090", host + ":18099"));
        }
    }

    @Test
    void closeStopsEveryBackendAndTheEngine() {
        List<InetSocketAddress> addresses;
        try (DemoEnvironment demo = DemoEnvironment.start(host, 0)) {
            addresses = demo.listening();
        }

        assertThat(addresses).hasSize(SERVER_PORTS.size());
        assertThat(FRONTEND_PORTS).allSatisfy(port ->
                assertThatThrownBy(() -> new Socket(host, port).close()).isInstanceOf(ConnectException.class));
        assertThat(addresses).allSatisfy(a ->
                assertThatThrownBy(() -> new Socket(a.getAddress(), a.getPort()).close())
                        .isInstanceOf(ConnectException.class));
    }

    @Test
    void aTakenPortIsReportedAndTheOtherBackendsStillStart() throws IOException {
        ServerSocket squatter = new ServerSocket(18082, 1, InetAddress.getByName(host));
        try (squatter; DemoEnvironment demo = DemoEnvironment.start(host, 0)) {

            assertThat(demo.listening()).extracting(InetSocketAddress::getPort)
                    .containsExactly(18081, 18083, 18091, 18092, 18101, 18102, 18103);
            assertThat(demo.notices()).anySatisfy(n -> {
                assertThat(n.level()).isEqualTo(Notice.Level.ERROR);
                assertThat(n.text()).startsWith("demo backend shop/shop2 cannot listen on " + host + ":18082: ");
            });
        }
    }

    @Test
    void onlyLoopbackAddressesAreAccepted() {
        assertThatThrownBy(() -> DemoEnvironment.start("10.1.2.3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FULCRUM_DEMO_HOST: 10.1.2.3 (expected: a loopback address, such as 127.0.0.2)");
        assertThatThrownBy(() -> DemoEnvironment.start("0.0.0.0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoEnvironment.start("*"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoEnvironment.checkHost("10.1.2.3"))
                .hasMessage("FULCRUM_DEMO_HOST: 10.1.2.3 (expected: a loopback address, such as 127.0.0.2)");
        DemoEnvironment.checkHost(host);
        DemoEnvironment.checkHost("::1");
    }

    @Test
    void theDemoConfigurationIsValidForHaproxy(@TempDir Path dir) throws Exception {
        Path haproxy = Path.of("/usr/sbin/haproxy");
        assumeTrue(Files.isExecutable(haproxy), "haproxy is not installed");
        Path cfg = Files.writeString(dir.resolve(DemoEnvironment.CONFIG_NAME), DemoEnvironment.bundledConfig());

        ProcessBuilder pb = new ProcessBuilder(haproxy.toString(), "-c", "-f", cfg.toString())
                .redirectErrorStream(true);
        pb.environment().put(DemoEnvironment.HOST_VARIABLE, host);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());

        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }
}
