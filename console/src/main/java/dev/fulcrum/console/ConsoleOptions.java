package dev.fulcrum.console;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The console's command line.
 *
 * @param demo     run the demo in-process ({@code --demo})
 * @param demoHost the loopback address the demo listens on ({@code --demo-host}), or {@code null}
 * @param help     print the usage and exit ({@code -h}, {@code --help})
 */
public record ConsoleOptions(boolean demo, String demoHost, boolean help) {

    static final String USAGE = """
            Usage: fulcrum-console --demo [--demo-host <loopback address>]

              --demo               run the engine in-process on a demo configuration, with demo
                                   backends and traffic (all on a loopback address)
              --demo-host <addr>   listen on this loopback address instead of 127.0.0.1
                                   (for example 127.0.0.2 when the demo's ports are taken)
              -h, --help           print this help

            Connecting to a running engine through its runtime API is not available yet.
            """;

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException with a one-line message when they are not valid
     */
    public static ConsoleOptions parse(List<String> args) {
        requireNonNull(args, "args");
        boolean demo = false;
        boolean help = false;
        String demoHost = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--demo" -> demo = true;
                case "-h", "--help" -> help = true;
                case "--demo-host" -> {
                    if (i + 1 >= args.size() || args.get(i + 1).isEmpty()) {
                        throw new IllegalArgumentException("--demo-host expects an address");
                    }
                    demoHost = args.get(++i);
                }
                default -> throw new IllegalArgumentException("unknown option: " + a);
            }
        }
        if (help) {
            return new ConsoleOptions(demo, demoHost, true);
        }
        if (demoHost != null && !demo) {
            throw new IllegalArgumentException("--demo-host only applies with --demo");
        }
        if (!demo) {
            throw new IllegalArgumentException(
                    "nothing to show: connecting to a running engine is not available yet, start with --demo");
        }
        return new ConsoleOptions(demo, demoHost, false);
    }
}
