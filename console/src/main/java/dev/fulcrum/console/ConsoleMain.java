package dev.fulcrum.console;

import dev.fulcrum.console.demo.DemoEnvironment;
import javafx.application.Application;

import java.util.List;

/**
 * The console's entry point. It is not the {@link Application} subclass itself so
 * that it can check the command line before JavaFX starts (a bad option is a
 * one-line message and exit status 2, not a stack trace), and so that the console
 * also starts when JavaFX is on the class path rather than the module path.
 */
public final class ConsoleMain {

    private ConsoleMain() {
    }

    public static void main(String[] args) {
        ConsoleOptions options;
        try {
            options = ConsoleOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            fail(e.getMessage() + System.lineSeparator() + ConsoleOptions.USAGE);
            return;
        }
        if (options.help()) {
            System.out.print(ConsoleOptions.USAGE);
            return;
        }
        if (options.demo()) {
            try {
                DemoEnvironment.checkHost(options.demoHost());
            } catch (IllegalArgumentException e) {
                fail(e.getMessage());
                return;
            }
        }
        try {
            Application.launch(ConsoleApp.class, args);
        } catch (RuntimeException e) {
            // The demo may have started threads that would keep the JVM alive with no window.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void fail(String message) {
        System.err.println("fulcrum-console: " + message.stripTrailing());
        System.exit(2);
    }
}
