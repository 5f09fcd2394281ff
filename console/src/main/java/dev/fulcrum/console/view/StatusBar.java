package dev.fulcrum.console.view;

import dev.fulcrum.console.model.Notice;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * The bottom of the window: what the engine runs in numbers, and the console's
 * notices (what the demo started, what failed), one line each.
 */
final class StatusBar {

    private StatusBar() {
    }

    static Region create(ConsoleViewModel vm) {
        Label summary = new Label();
        summary.setId("summary");
        summary.getStyleClass().add("summary");
        summary.textProperty().bind(Bindings.createStringBinding(
                () -> vm.topologyProperty().get().summary(), vm.topologyProperty()));
        summary.setMinWidth(Region.USE_PREF_SIZE);

        VBox notices = new VBox(2);
        notices.setId("notices");
        HBox.setHgrow(notices, Priority.ALWAYS);
        vm.notices().addListener((ListChangeListener<Notice>) change -> refill(notices, vm));
        refill(notices, vm);

        HBox bar = new HBox(24, summary, notices);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private static void refill(VBox box, ConsoleViewModel vm) {
        box.getChildren().clear();
        for (Notice n : vm.notices()) {
            Label line = new Label(n.text());
            line.getStyleClass().addAll("notice", "notice-" + n.level().name().toLowerCase(Locale.ROOT));
            line.setTooltip(new Tooltip(n.text()));
            line.setMaxWidth(Double.MAX_VALUE);
            box.getChildren().add(line);
        }
    }
}
