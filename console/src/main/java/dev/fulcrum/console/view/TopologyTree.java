package dev.fulcrum.console.view;

import dev.fulcrum.console.model.BackendInfo;
import dev.fulcrum.console.model.FrontendInfo;
import dev.fulcrum.console.model.ServerInfo;
import dev.fulcrum.console.model.StatsSnapshot;
import dev.fulcrum.console.model.Topology;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;

import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's proxies as a tree table: frontends with their binds, backends with
 * their servers, and the engine's live figures for each. It follows a topology
 * property and rebuilds on every change; the live cells follow a stats property
 * through bindings, so new samples change only the cells' texts, never the tree
 * (selection and scrolling stay where the operator left them).
 */
final class TopologyTree {

    /** Marks the "Frontends" and "Backends" rows, which the style sheet sets apart. */
    private static final PseudoClass HEADING = PseudoClass.getPseudoClass("heading");

    private TopologyTree() {
    }

    static TreeTableView<TopologyRow> create(ObservableValue<Topology> topology,
                                             ObservableValue<StatsSnapshot> stats) {
        TreeTableView<TopologyRow> table = new TreeTableView<>();
        table.setId("topology");
        table.setShowRoot(false);
        table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No proxies"));
        LiveTexts live = new LiveTexts(stats);
        for (TopologyColumn c : TopologyColumn.values()) {
            TreeTableColumn<TopologyRow, String> column = new TreeTableColumn<>(c.title());
            column.setId(c.id());
            column.setPrefWidth(c.width());
            column.setCellValueFactory(cell -> c.live() ? live.text(cell.getValue(), c)
                    : new ReadOnlyStringWrapper(c.text(cell.getValue().getValue(), StatsSnapshot.EMPTY)));
            column.setSortable(false);
            if (c.numeric()) {
                column.getStyleClass().add("numeric");
            }
            table.getColumns().add(column);
        }
        table.setRowFactory(t -> new TreeTableRow<>() {
            @Override
            protected void updateItem(TopologyRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(HEADING, !empty && row instanceof TopologyRow.Heading);
            }
        });
        table.setRoot(root(topology.getValue()));
        topology.addListener((obs, old, now) -> {
            live.clear();
            table.setRoot(root(now));
        });
        return table;
    }

    /**
     * The live cells' texts: one binding on the stats per row and column, made
     * the first time a cell asks and kept until the tree is rebuilt. A cell asks
     * for its value each time it updates, which is on every sample; a new binding
     * each time would add a listener to the stats per cell per sample, and
     * thousands of dead weak listeners make every later change slow to fire.
     */
    private static final class LiveTexts {

        private final ObservableValue<StatsSnapshot> stats;
        private final Map<TreeItem<TopologyRow>, Map<TopologyColumn, StringBinding>> bindings =
                new IdentityHashMap<>();

        LiveTexts(ObservableValue<StatsSnapshot> stats) {
            this.stats = stats;
        }

        ObservableValue<String> text(TreeItem<TopologyRow> item, TopologyColumn c) {
            return bindings.computeIfAbsent(item, i -> new EnumMap<>(TopologyColumn.class)).computeIfAbsent(c,
                    column -> Bindings.createStringBinding(() -> column.text(item.getValue(), stats.getValue()), stats));
        }

        /** Lets go of every binding (the tree is being rebuilt). */
        void clear() {
            bindings.values().forEach(m -> m.values().forEach(StringBinding::dispose));
            bindings.clear();
        }
    }

    private static TreeItem<TopologyRow> root(Topology topology) {
        TreeItem<TopologyRow> root = new TreeItem<>(new TopologyRow.Heading(""));
        if (topology.frontends().isEmpty() && topology.backends().isEmpty()) {
            return root;
        }
        TreeItem<TopologyRow> frontends = expanded(new TopologyRow.Heading(
                "Frontends (" + topology.frontends().size() + ")"));
        for (FrontendInfo f : topology.frontends()) {
            frontends.getChildren().add(expanded(new TopologyRow.Frontend(f)));
        }
        TreeItem<TopologyRow> backends = expanded(new TopologyRow.Heading(
                "Backends (" + topology.backends().size() + ")"));
        for (BackendInfo b : topology.backends()) {
            TreeItem<TopologyRow> backend = expanded(new TopologyRow.Backend(b));
            for (ServerInfo s : b.servers()) {
                backend.getChildren().add(new TreeItem<>(new TopologyRow.Server(b, s)));
            }
            backends.getChildren().add(backend);
        }
        root.getChildren().setAll(List.of(frontends, backends));
        return root;
    }

    private static TreeItem<TopologyRow> expanded(TopologyRow row) {
        TreeItem<TopologyRow> item = new TreeItem<>(row);
        item.setExpanded(true);
        return item;
    }
}
