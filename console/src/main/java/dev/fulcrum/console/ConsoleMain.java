package dev.fulcrum.console;

import javafx.application.Application;

import java.util.List;

/**
 * The console's entry point. It is not the {@link Application} subclass itself so
 * that it can check the command line before JavaFX starts, and so that the
 * console also starts when JavaFX is on the class path rather than the module path.
 */
public final class ConsoleMain {

    private ConsoleMain() {
    }

    public static void main(String[] args) {
        ConsoleOptions options;
        try {
            options = ConsoleOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("fulcrum-console: " + e.getMessage());
            System.err.print(ConsoleOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(ConsoleOptions.USAGE);
            return;
        }
        Application.launch(ConsoleApp.class, args);
    }
}
