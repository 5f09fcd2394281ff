package dev.fulcrum.console.view;

import dev.fulcrum.console.model.BackendInfo;
import dev.fulcrum.console.model.FrontendInfo;
import dev.fulcrum.console.model.ServerInfo;
import dev.fulcrum.console.model.StatsSnapshot;
import dev.fulcrum.console.model.StatsSnapshot.BackendStats;
import dev.fulcrum.console.model.StatsSnapshot.Responses;
import dev.fulcrum.console.model.StatsSnapshot.ServerStats;
import dev.fulcrum.console.model.Topology;
import javafx.beans.InvalidationListener;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** The tree on JavaFX's headless platform, fed stats as fast as the demo's poller feeds them. */
class TopologyTreeTest {

    /** A stats property that counts the listeners it holds. */
    static final class CountingProperty extends SimpleObjectProperty<StatsSnapshot> {
        int listeners;

        CountingProperty() {
            super(StatsSnapshot.EMPTY);
        }

        @Override
        public void addListener(InvalidationListener listener) {
            listeners++;
            super.addListener(listener);
        }

        @Override
        public void removeListener(InvalidationListener listener) {
            listeners--;
            super.removeListener(listener);
        }
    }

    private static final Topology TOPOLOGY = new Topology(
            List.of(new FrontendInfo("www", "http", List.of("127.0.0.1:80"), "app")),
            List.of(new BackendInfo("app", "http", "roundrobin", List.of(
                    new ServerInfo("a1", "127.0.0.1:81", 1, true), new ServerInfo("a2", "127.0.0.1:82", 1, true)))));

    /** A window of its own, so the shared primary stage keeps the size other tests expect. */
    private Stage stage;

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            WaitForAsyncUtils.asyncFx(stage::close).get(10, TimeUnit.SECONDS);
        }
    }

    private static StatsSnapshot sample(long n) {
        ServerStats a1 = new ServerStats("a1", "UP", "L7OK/200 in 1ms", 1, 0, 0, 0, 0, 0, n, 0, Responses.NONE);
        ServerStats a2 = new ServerStats("a2", "UP", "L7OK/200 in 1ms", 1, 0, 0, 0, 0, 0, n, 0, Responses.NONE);
        return new StatsSnapshot(n, Map.of(), Map.of("app", new BackendStats("app", "UP", 2, 2, 0, 0, 0, 0, n, 0,
                Responses.NONE, Map.of("a1", a1, "a2", a2))));
    }

    @Test
    void manySamplesLeaveTheStatsWithABoundedNumberOfListenersAndTheCellsShowTheLast() throws Exception {
        CountingProperty stats = new CountingProperty();
        TreeTableView<TopologyRow>[] table = new TreeTableView[1];
        stage = WaitForAsyncUtils.asyncFx(() -> {
            Stage s = new Stage();
            table[0] = TopologyTree.create(new SimpleObjectProperty<>(TOPOLOGY), stats);
            s.setScene(new Scene(table[0], 1200, 400));
            s.show();
            return s;
        }).get(10, TimeUnit.SECONDS);

        for (long n = 1; n <= 200; n++) {
            long value = n;
            WaitForAsyncUtils.asyncFx(() -> stats.set(sample(value))).get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }

        // One binding per row and live column at most: 6 rows here.
        long liveColumns = Arrays.stream(TopologyColumn.values()).filter(TopologyColumn::live).count();
        int listeners = WaitForAsyncUtils.asyncFx(() -> stats.listeners).get(10, TimeUnit.SECONDS);
        assertThat(listeners).isPositive().isLessThanOrEqualTo((int) (6 * liveColumns));
        List<String> requests = WaitForAsyncUtils.asyncFx(() -> table[0].lookupAll(".tree-table-cell").stream()
                .map(n -> (TreeTableCell<?, ?>) n)
                .filter(c -> c.getTableColumn().getId().equals("column-requests") && c.getText() != null
                        && !c.getText().isEmpty())
                .map(TreeTableCell::getText).toList()).get(10, TimeUnit.SECONDS);
        assertThat(requests).containsOnly("200").hasSize(3); // the backend and its two servers
    }
}
