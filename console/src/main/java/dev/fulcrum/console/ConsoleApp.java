package dev.fulcrum.console;

import dev.fulcrum.console.demo.DemoEnvironment;
import dev.fulcrum.console.model.ConsoleModel;
import dev.fulcrum.console.view.ConsoleViewModel;
import dev.fulcrum.console.view.MainWindow;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The console application: one window on one engine. In {@code --demo} mode the
 * engine's side is a {@link DemoEnvironment} running in this process.
 *
 * <p>Start it with {@link ConsoleMain}; JavaFX creates this class.
 */
public final class ConsoleApp extends Application {

    private final ConsoleModel model = new ConsoleModel();
    private DemoEnvironment demo;

    /** Runs on the launcher thread, so the demo's sockets are opened off the JavaFX thread. */
    @Override
    public void init() {
        ConsoleOptions options = ConsoleOptions.parse(getParameters().getRaw());
        if (options.demo()) {
            demo = DemoEnvironment.start(options.demoHost());
            try {
                demo.publishTo(model);
            } catch (RuntimeException | Error e) {
                demo.close(); // JavaFX will not call stop() after a failed init
                demo = null;
                throw e;
            }
        }
    }

    @Override
    public void start(Stage stage) {
        MainWindow.show(stage, new ConsoleViewModel(model, Platform::runLater));
    }

    @Override
    public void stop() {
        if (demo != null) {
            demo.close();
            demo = null;
        }
    }

    /** The model this window shows (for tests and, later, for the runtime API client). */
    public ConsoleModel model() {
        return model;
    }
}
