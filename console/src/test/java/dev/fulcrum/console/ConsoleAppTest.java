package dev.fulcrum.console;

import dev.fulcrum.console.demo.Eventually;
import dev.fulcrum.console.demo.LoopbackHosts;
import dev.fulcrum.console.model.BackendInfo;
import dev.fulcrum.console.model.ServerInfo;
import dev.fulcrum.console.model.Topology;
import dev.fulcrum.console.stats.StatsPoller;
import dev.fulcrum.console.view.MainWindow;
import javafx.scene.control.Labeled;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
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
 * (weight 1, global maxconn as the frontends' limit), and the live
 * figures of the engine the demo runs.
 */
class ConsoleAppTest {

    /** The columns that show the configuration, plus Weight, which shows it until the engine says otherwise. */
    private static final List<String> CONFIG_COLUMNS = List.of("column-name", "column-address",
            "column-balance", "column-weight", "column-default-backend");
    private static final Duration BOUND = Duration.ofSeconds(60);

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
    void theWindowShowsTheDemoTopology() throws Exception {
        assertThat(stage.getTitle()).isEqualTo(MainWindow.TITLE).isEqualTo("Fulcrum console");
        assertThat(stage.isShowing()).isTrue();
        assertThat(text("#brand")).isEqualTo("Fulcrum");

        String h = host;
        assertThat(allRows(CONFIG_COLUMNS, 15)).containsExactly(
                // Name, Address, Balance, Weight, Default backend
                List.of("Frontends (2)", "", "", "", ""),
                List.of("www", h + ":18080", "", "", "shop"),
                List.of("api", h + ":18090, " + h + ":18099", "", "", "catalog"),
                List.of("Backends (3)", "", "", "", ""),
                List.of("shop", "", "leastconn", "250", ""),
                List.of("shop1", h + ":18081", "", "100", ""),
                List.of("shop2", h + ":18082", "", "100", ""),
                List.of("shop3", h + ":18083", "", "50", ""),
                List.of("catalog", "", "roundrobin", "3", ""),
                List.of("catalog1", h + ":18091", "", "1", ""),
                List.of("catalog2", h + ":18092", "", "2", ""),
                List.of("static", "", "uri · consistent", "3", ""),
                List.of("static1", h + ":18101", "", "1", ""),
                List.of("static2", h + ":18102", "", "1", ""),
                List.of("static3", h + ":18103", "", "1", ""));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTableShowsTheEnginesLiveFiguresAndTheyKeepMoving() throws Exception {
        List<String> live = List.of("column-name", "column-status", "column-limit", "column-requests",
                "column-last-check");
        // Servers are UP once their health checks passed (rise 2, every 2 s).
        // The table lays its rows out again on every sample: read until all 15 are there.
        List<List<String>>[] seen = new List[1];
        Eventually.until("every proxy and server shows requests, every server UP", BOUND, () -> {
            seen[0] = renderedRows(live);
            return seen[0].size() == 15 && seen[0].stream().skip(1).filter(r -> !r.get(0).startsWith("Backends"))
                    .allMatch(r -> !r.get(3).isEmpty() && Long.parseLong(r.get(3)) > 0
                            && !r.get(1).startsWith("UP "));
        }, () -> String.valueOf(seen[0]));

        List<List<String>> rows = seen[0];
        assertThat(rows).extracting(r -> r.subList(0, 3)).containsExactly(
                List.of("Frontends (2)", "", ""),
                List.of("www", "OPEN", "1000"),
                List.of("api", "OPEN", "1000"),
                List.of("Backends (3)", "", ""),
                List.of("shop", "UP", ""),
                List.of("shop1", "UP", "2"),
                List.of("shop2", "UP", "2"),
                List.of("shop3", "UP", "1"),
                List.of("catalog", "UP", ""),
                List.of("catalog1", "UP", ""),
                List.of("catalog2", "UP", ""),
                List.of("static", "UP", ""),
                List.of("static1", "UP", ""),
                List.of("static2", "UP", ""),
                List.of("static3", "UP", ""));
        // The stats page's LastChk: L7OK/200 in <n>ms.
        assertThat(rows.stream().filter(r -> r.get(0).matches("[a-z]+[0-9]")).map(r -> r.get(4)))
                .hasSize(8).allMatch(c -> c.matches("L7OK/200 in [0-9]+ms"));
        long wwwRequests = Long.parseLong(rows.get(1).get(3));
        Eventually.until("the www frontend's request count rises on screen", BOUND, () -> {
            List<List<String>> now = renderedRows(live);
            return now.size() > 1 && now.get(1).get(0).equals("www") && Long.parseLong(now.get(1).get(3)) > wwwRequests;
        });
    }

    @Test
    void theChartDrawsEachBackendsRequestRate() throws Exception {
        Eventually.until("a point with requests for every backend", BOUND, () -> onFx(() -> {
            TimeSeriesCollection data = chartData();
            if (data.getSeriesCount() != 3) {
                return false;
            }
            for (int i = 0; i < data.getSeriesCount(); i++) {
                TimeSeries series = data.getSeries(i);
                boolean any = false;
                for (int j = 0; j < series.getItemCount(); j++) {
                    any |= series.getValue(j).doubleValue() > 0;
                }
                if (!any) {
                    return false;
                }
            }
            return true;
        }));

        assertThat(onFx(() -> {
            TimeSeriesCollection data = chartData();
            List<String> keys = new java.util.ArrayList<>();
            for (int i = 0; i < data.getSeriesCount(); i++) {
                keys.add((String) data.getSeries(i).getKey());
            }
            return keys;
        }))
                .containsExactly("shop", "catalog", "static");
    }

    @Test
    void theStatusBarCountsTheProxiesAndSaysWhereTheDemoBackendsListen() {
        assertThat(text("#summary")).isEqualTo("2 frontends · 3 backends · 8 servers");
        List<String> notices = onFx(() -> robot.lookup("#notices").lookup(".notice")
                .queryAllAs(Labeled.class).stream().map(Labeled::getText).toList());
        assertThat(notices).containsExactly(
                "demo backends: listening on " + host + " ports 18081, 18082, 18083, 18091, 18092, 18101, 18102, 18103",
                "demo traffic: about 30 requests/s to frontends www and api",
                "demo deploys: every 3 minutes catalog/catalog1 fails its health checks for 20 s");
        assertThat(text("#engine")).startsWith("demo · demo-haproxy.cfg · engine running");
    }

    @Test
    void theTableFollowsTheModelWhenAnotherThreadChangesIt() throws Exception {
        Topology changed = new Topology(List.of(), List.of(new BackendInfo("extra", "http", "leastconn",
                List.of(new ServerInfo("x1", "127.0.0.1:1", 7, true)))));

        Thread writer = Thread.ofPlatform().start(() -> app.model().topology().set(changed));
        writer.join();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(renderedRows(CONFIG_COLUMNS)).containsExactly(
                List.of("Frontends (0)", "", "", "", ""),
                List.of("Backends (1)", "", "", "", ""),
                List.of("extra", "", "leastconn", "7", ""),
                List.of("x1", "127.0.0.1:1", "", "7", ""));
        assertThat(text("#summary")).isEqualTo("0 frontends · 1 backend · 1 server");
    }

    @Test
    void stoppingTheApplicationStopsTheEngineAndTheDemoBackends() throws Exception {
        FxToolkit.cleanupApplication(app);

        Eventually.until("the demo's threads ended", Duration.ofSeconds(20), () ->
                Thread.getAllStackTraces().keySet().stream().map(Thread::getName).noneMatch(n ->
                        n.startsWith("fulcrum-loop") || n.equals(StatsPoller.THREAD_NAME)
                                || n.startsWith("fulcrum-demo")));

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

    /**
     * The rows once {@code count} are laid out: the table lays its rows out again
     * on every stats sample, and a read may fall between two passes.
     */
    private List<List<String>> allRows(List<String> columnIds, int count) throws InterruptedException {
        List<List<List<String>>> seen = new java.util.ArrayList<>(List.of(List.of()));
        Eventually.until(count + " rows laid out", BOUND, () -> {
            seen.set(0, renderedRows(columnIds));
            return seen.get(0).size() == count;
        });
        return seen.get(0);
    }

    /** The data the chart draws, read through JFreeChart's public API. */
    private TimeSeriesCollection chartData() {
        ChartViewer viewer = robot.lookup("#requests-chart").queryAs(ChartViewer.class);
        return (TimeSeriesCollection) viewer.getChart().getXYPlot().getDataset();
    }

    /** The texts of the given columns (by id) of every row the table has laid out, top to bottom. */
    private List<List<String>> renderedRows(List<String> columnIds) {
        return onFx(() -> {
            TreeTableView<?> table = robot.lookup("#topology").queryAs(TreeTableView.class);
            List<Integer> indexes = columnIds.stream().map(id -> table.getColumns().stream()
                    .filter(c -> id.equals(c.getId())).findFirst()
                    .map(c -> table.getColumns().indexOf(c)).orElseThrow(() -> new AssertionError("no " + id)))
                    .toList();
            return renderedRows().stream().map(r -> indexes.stream().map(r::get).toList()).toList();
        });
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
