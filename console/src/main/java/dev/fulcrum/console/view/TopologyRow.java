package dev.fulcrum.console.view;

import dev.fulcrum.console.model.BackendInfo;
import dev.fulcrum.console.model.FrontendInfo;
import dev.fulcrum.console.model.ServerInfo;

/** One row of the topology tree: a heading, a frontend, a backend or a server. */
sealed interface TopologyRow {

    record Heading(String title) implements TopologyRow {
    }

    record Frontend(FrontendInfo info) implements TopologyRow {
    }

    record Backend(BackendInfo info) implements TopologyRow {
    }

    record Server(BackendInfo backend, ServerInfo info) implements TopologyRow {
    }
}
