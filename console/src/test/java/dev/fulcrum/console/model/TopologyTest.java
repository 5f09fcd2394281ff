package dev.fulcrum.console.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopologyTest {

    @Test
    void summaryCountsServersOfAllBackendsWithPlurals() {
        Topology t = new Topology(
                List.of(new FrontendInfo("www", "http", List.of("127.0.0.1:80"), "")),
                List.of(new BackendInfo("a", "http", "roundrobin", List.of(
                                new ServerInfo("a1", "127.0.0.1:1", 1, false),
                                new ServerInfo("a2", "127.0.0.1:2", 1, false))),
                        new BackendInfo("b", "http", "roundrobin", List.of(
                                new ServerInfo("b1", "127.0.0.1:3", 1, true)))));

        assertThat(t.serverCount()).isEqualTo(3);
        assertThat(t.summary()).isEqualTo("1 frontend · 2 backends · 3 servers");
        assertThat(Topology.EMPTY.summary()).isEqualTo("0 frontends · 0 backends · 0 servers");
    }

    @Test
    void listsAreCopiedSoATopologyCannotChangeAfterTheFact() {
        List<ServerInfo> servers = new ArrayList<>(List.of(new ServerInfo("a1", "127.0.0.1:1", 1, false)));
        BackendInfo b = new BackendInfo("a", "tcp", "roundrobin", servers);
        servers.add(new ServerInfo("a2", "127.0.0.1:2", 1, false));

        assertThat(b.servers()).hasSize(1);
    }

    @Test
    void serverWeightOutsideHaproxysRangeIsRejected() {
        assertThatThrownBy(() -> new ServerInfo("s", "127.0.0.1:1", 257, false))
                .hasMessage("weight: 257 (expected: 0-256)");
        assertThatThrownBy(() -> new ServerInfo("s", "127.0.0.1:1", -1, false))
                .hasMessage("weight: -1 (expected: 0-256)");
    }
}
