package dev.fulcrum.console.model;

import dev.fulcrum.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigTopologyTest {

    private static Topology topologyOf(String text) {
        ConfigLoader.Result r = ConfigLoader.standard().loadText("test.cfg", text);
        assertThat(r.diagnostics().alerts()).isEmpty();
        return ConfigTopology.of(r.config());
    }

    @Test
    void frontendsCarryTheirModeBindsAsWrittenAndDefaultBackend() {
        Topology t = topologyOf("""
                defaults
                    mode http
                frontend www
                    bind 127.0.0.1:8080
                    bind 127.0.0.1:8443,127.0.0.1:8444
                    default_backend app
                backend app
                    server a1 127.0.0.1:9001
                """);

        assertThat(t.frontends()).containsExactly(new FrontendInfo("www", "http",
                List.of("127.0.0.1:8080", "127.0.0.1:8443,127.0.0.1:8444"), "app"));
    }

    @Test
    void backendServersKeepOrderAddressAndWeight() {
        Topology t = topologyOf("""
                backend app
                    mode http
                    server a1 127.0.0.1:9001 weight 10
                    server a2 127.0.0.1:9002 weight 0
                    server a3 127.0.0.1:9003
                """);

        // The default weight is 1 (configuration.txt, "weight" server option).
        assertThat(t.backends()).singleElement().satisfies(b -> {
            assertThat(b.name()).isEqualTo("app");
            assertThat(b.mode()).isEqualTo("http");
            assertThat(b.servers()).containsExactly(
                    new ServerInfo("a1", "127.0.0.1:9001", 10, false),
                    new ServerInfo("a2", "127.0.0.1:9002", 0, false),
                    new ServerInfo("a3", "127.0.0.1:9003", 1, false));
        });
    }

    @Test
    void aBackendWithoutBalanceRunsRoundRobinAsHaproxyReportsIt() {
        // haproxy 2.6 reports "roundrobin" in the algo field of "show stat" for a
        // backend without a balance line.
        Topology t = topologyOf("""
                backend app
                    server a1 127.0.0.1:9001
                """);

        assertThat(t.backends()).singleElement().extracting(BackendInfo::balance).isEqualTo("roundrobin");
    }

    @Test
    void balanceIsNamedAsHaproxysAlgoFieldAndConsistentHashingIsSaid() {
        // haproxy 2.6 "show stat" algo field: "leastconn", "uri", "hdr" (no arguments).
        Topology t = topologyOf("""
                defaults
                    mode http
                backend a
                    balance leastconn
                backend b
                    balance uri whole
                    hash-type consistent
                backend c
                    balance hdr(host)
                backend d
                    balance uri
                """);

        assertThat(t.backends()).extracting(BackendInfo::balance)
                .containsExactly("leastconn", "uri · consistent", "hdr", "uri");
    }

    @Test
    void aListenSectionIsBothAFrontendAndABackendAndModeDefaultsToTcp() {
        Topology t = topologyOf("""
                listen db
                    bind 127.0.0.1:5433
                    server pg1 127.0.0.1:5432
                """);

        assertThat(t.frontends()).extracting(FrontendInfo::name, FrontendInfo::mode).containsExactly(
                org.assertj.core.groups.Tuple.tuple("db", "tcp"));
        assertThat(t.backends()).extracting(BackendInfo::name, BackendInfo::mode).containsExactly(
                org.assertj.core.groups.Tuple.tuple("db", "tcp"));
        assertThat(t.backends().getFirst().servers()).extracting(ServerInfo::name).containsExactly("pg1");
    }

    @Test
    void proxiesKeepDeclarationOrderAndDefaultsSectionsAreNotProxies() {
        Topology t = topologyOf("""
                defaults
                    mode http
                backend b2
                frontend f1
                    bind 127.0.0.1:8001
                backend b1
                frontend f2
                    bind 127.0.0.1:8002
                """);

        assertThat(t.frontends()).extracting(FrontendInfo::name).containsExactly("f1", "f2");
        assertThat(t.backends()).extracting(BackendInfo::name).containsExactly("b2", "b1");
        assertThat(t.frontends().getFirst().defaultBackend()).isEmpty();
    }
}
