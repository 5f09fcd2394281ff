package dev.fulcrum.console.view;

import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;

import static java.util.Objects.requireNonNull;

/**
 * The console's main window: a header naming Fulcrum and the engine, the
 * engine's topology with its live figures above a live chart of the requests
 * each backend receives, and a status bar.
 */
public final class MainWindow {

    /** The window title. */
    public static final String TITLE = "Fulcrum console";

    static final double WIDTH = 1360;
    static final double HEIGHT = 860;
    /** The share of the height the table gets; the chart has the rest. */
    static final double TABLE_SHARE = 0.58;

    private MainWindow() {
    }

    /** Fills {@code stage} with the console for {@code vm} and shows it. */
    public static void show(Stage stage, ConsoleViewModel vm) {
        requireNonNull(stage, "stage");
        stage.setTitle(TITLE);
        stage.setScene(scene(vm));
        stage.sizeToScene(); // a stage that showed something before keeps its old size otherwise
        stage.setMinWidth(800);
        stage.setMinHeight(520);
        stage.setOnHidden(e -> vm.close());
        stage.show();
    }

    /** The window's content, at its default size. */
    public static Scene scene(ConsoleViewModel vm) {
        requireNonNull(vm, "vm");
        BorderPane root = new BorderPane();
        root.setId("console");
        root.setTop(header(vm));
        SplitPane center = new SplitPane(TopologyTree.create(vm.topologyProperty(), vm.statsProperty()),
                RequestRateChart.create(vm.statsProperty()));
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(TABLE_SHARE);
        root.setCenter(center);
        root.setBottom(StatusBar.create(vm));
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(requireNonNull(MainWindow.class.getResource("console.css"), "console.css")
                .toExternalForm());
        return scene;
    }

    private static Region header(ConsoleViewModel vm) {
        Label brand = new Label("Fulcrum");
        brand.setId("brand");
        brand.getStyleClass().add("brand");
        Label product = new Label("console");
        product.getStyleClass().add("product");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label engine = new Label();
        engine.setId("engine");
        engine.getStyleClass().add("engine");
        engine.textProperty().bind(vm.engineProperty());
        HBox header = new HBox(10, brand, product, gap, engine);
        header.getStyleClass().add("header");
        return header;
    }
}
