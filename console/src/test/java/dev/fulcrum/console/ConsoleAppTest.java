package dev.fulcrum.console;

import dev.fulcrum.console.demo.LoopbackHosts;
import dev.fulcrum.console.model.BackendInfo;
import dev.fulcrum.console.model.ServerInfo;
import dev.fulcrum.console.model.Topology;
import dev.fulcrum.console.view.MainWindow;
import javafx.scene.control.Labeled;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.net.ConnectException;
import java.net.Socket;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Starts the console as its command line does ({@code --demo}, on a loopback
 * address of its own) on JavaFX's headless platform and reads what the window
 * shows from the scene graph. The expected values are those written in
 * demo-haproxy.cfg, plus HAProxy's defaults where the file writes nothing
 * (weight 1, algorithm roundrobin, checks off).
 */
class ConsoleAppTest {

    private final String host = LoopbackHosts.random();
    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private ConsoleApp app;

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void startInDemoMode() throws TimeoutException {
        stage = FxToolkit.toolkitContext().getRegisteredStage();
        app = (ConsoleApp) FxToolkit.setupApplication(ConsoleApp.class, "--demo", "--demo-host", host);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws TimeoutException {
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void theWindowShowsTheDemoTopology() {
        assertThat(stage.getTitle()).isEqualTo(MainWindow.TITLE).isEqualTo("Fulcrum console");
        assertThat(stage.isShowing()).isTrue();
        assertThat(text("#brand")).isEqualTo("Fulcrum");

        String h = host;
        assertThat(renderedRows()).containsExactly(
                // Name, Kind, Mode, Address, Balance, Weight, Check, Default backend
                List.of("Frontends (2)", "", "", "", "", "", "", ""),
                List.of("www", "frontend", "http", h + ":18080", "", "", "", "shop"),
                List.of("api", "frontend", "http", h + ":18090, " + h + ":18099", "", "", "", "catalog"),
                List.of("Backends (3)", "", "", "", "", "", "", ""),
                List.of("shop", "backend", "http", "", "leastconn", "", "", ""),
                List.of("shop1", "server", "", h + ":18081", "", "100", "off", ""),
                List.of("shop2", "server", "", h + ":18082", "", "100", "off", ""),
                List.of("shop3", "server", "", h + ":18083", "", "50", "off", ""),
                List.of("catalog", "backend", "http", "", "roundrobin", "", "", ""),
                List.of("catalog1", "server", "", h + ":18091", "", "1", "off", ""),
                List.of("catalog2", "server", "", h + ":18092", "", "2", "off", ""),
                List.of("static", "backend", "http", "", "uri · consistent", "", "", ""),
                List.of("static1", "server", "", h + ":18101", "", "1", "off", ""),
                List.of("static2", "server", "", h + ":18102", "", "1", "off", ""),
                List.of("static3", "server", "", h + ":18103", "", "1", "off", ""));
    }

    @Test
    void theStatusBarCountsTheProxiesAndSaysWhereTheDemoBackendsListen() {
        assertThat(text("#summary")).isEqualTo("2 frontends · 3 backends · 8 servers");
        List<String> notices = onFx(() -> robot.lookup("#notices").lookup(".notice")
                .queryAllAs(Labeled.class).stream().map(Labeled::getText).toList());
        assertThat(notices).containsExactly(
                "demo backends: listening on " + host + " ports 18081, 18082, 18083, 18091, 18092, 18101, 18102, 18103",
                "demo traffic: about 30 requests/s to frontends www and api");
        assertThat(text("#engine")).startsWith("demo · demo-haproxy.cfg · engine running");
    }

    @Test
    void theTableFollowsTheModelWhenAnotherThreadChangesIt() throws Exception {
        Topology changed = new Topology(List.of(), List.of(new BackendInfo("extra", "http", "leastconn",
                List.of(new ServerInfo("x1", "127.0.0.1:1", 7, true)))));

        Thread writer = Thread.ofPlatform().start(() -> app.model().topology().set(changed));
        writer.join();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(renderedRows()).containsExactly(
                List.of("Frontends (0)", "", "", "", "", "", "", ""),
                List.of("Backends (1)", "", "", "", "", "", "", ""),
                List.of("extra", "backend", "http", "", "leastconn", "", "", ""),
                List.of("x1", "server", "", "127.0.0.1:1", "", "7", "on", ""));
        assertThat(text("#summary")).isEqualTo("0 frontends · 1 backend · 1 server");
    }

    @Test
    void stoppingTheApplicationStopsTheEngineAndTheDemoBackends() throws Exception {
        FxToolkit.cleanupApplication(app);

        // The frontend and server ports of demo-haproxy.cfg.
        assertThat(List.of(18080, 18090, 18099, 18081, 18082, 18083, 18091, 18092, 18101, 18102, 18103)).allSatisfy(port ->
                assertThatThrownBy(() -> new Socket(host, port).close()).isInstanceOf(ConnectException.class));
    }

    /** Reads the scene graph where it lives, on the JavaFX thread. */
    private static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("reading the scene graph failed", e);
        }
    }

    private String text(String query) {
        return onFx(() -> robot.lookup(query).queryAs(Labeled.class).getText());
    }

    /** The cell texts of every row the table has laid out, top to bottom, columns left to right. */
    @SuppressWarnings("unchecked")
    private List<List<String>> renderedRows() {
        return onFx(() -> {
            TreeTableView<?> table = robot.lookup("#topology").queryAs(TreeTableView.class);
            Set<TreeTableRow<?>> rows = robot.from(table).lookup(".tree-table-row-cell").queryAllAs(
                    (Class<TreeTableRow<?>>) (Class<?>) TreeTableRow.class);
            TreeMap<Integer, List<String>> byIndex = new TreeMap<>();
            for (TreeTableRow<?> row : rows) {
                if (row.isVisible() && !row.isEmpty() && row.getTreeItem() != null) {
                    byIndex.put(row.getIndex(), cells(table, row));
                }
            }
            return List.copyOf(byIndex.values());
        });
    }

    private static List<String> cells(TreeTableView<?> table, TreeTableRow<?> row) {
        return row.getChildrenUnmodifiable().stream()
                .filter(TreeTableCell.class::isInstance)
                .map(n -> (TreeTableCell<?, ?>) n)
                .sorted(Comparator.comparingInt(c -> table.getColumns().indexOf(c.getTableColumn())))
                .map(c -> c.getText() == null ? "" : c.getText())
                .toList();
    }
}
