package dev.fulcrum.main;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The engine's command line, as {@code haproxy}'s:
 * {@code [-f <file|dir>]... [-c] [-d] [-dX...] [-D] [-p <pidfile>] [-vv] [-v]
 * [-cc <expr>] [-L <name>] [-sf|-st <pid>...] [-q]}.
 *
 * @param configs     the {@code -f} arguments (and any after {@code --}), in order
 * @param check       {@code -c}: check the configuration and exit
 * @param debug       {@code -d} or any {@code -dX}: stay in the foreground, debug output
 * @param debugFlags  the letters given as {@code -dX}
 * @param daemon      {@code -D}
 * @param pidFile     {@code -p}, or {@code null}
 * @param version     0, 1 for {@code -v}, 2 for {@code -vv}
 * @param condition   {@code -cc} expression, or {@code null}
 * @param localPeer   {@code -L}, or {@code null}
 * @param softStopPids {@code -sf} pids
 * @param hardStopPids {@code -st} pids
 * @param quiet       {@code -q}
 * @param masterWorker {@code -W}
 */
public record CommandLine(List<String> configs, boolean check, boolean debug, String debugFlags, boolean daemon,
                          String pidFile, int version, String condition, String localPeer,
                          List<Long> softStopPids, List<Long> hardStopPids, boolean quiet, boolean masterWorker) {

    public CommandLine {
        configs = List.copyOf(configs);
        requireNonNull(debugFlags, "debugFlags");
        softStopPids = List.copyOf(softStopPids);
        hardStopPids = List.copyOf(hardStopPids);
    }

    /** A command line that cannot be parsed; the message is printed before the usage. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message, null, false, false);
        }
    }

    public static CommandLine parse(String[] args) throws UsageException {
        List<String> configs = new ArrayList<>();
        boolean check = false;
        boolean debug = false;
        StringBuilder debugFlags = new StringBuilder();
        boolean daemon = false;
        String pidFile = null;
        int version = 0;
        String condition = null;
        String localPeer = null;
        List<Long> sf = new ArrayList<>();
        List<Long> st = new ArrayList<>();
        boolean quiet = false;
        boolean masterWorker = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                for (int j = i + 1; j < args.length; j++) {
                    configs.add(args[j]);
                }
                break;
            }
            if (!a.startsWith("-") || a.length() < 2) {
                throw new UsageException("unknown argument '" + a + "'");
            }
            switch (a) {
                case "-f" -> configs.add(value(args, ++i, a));
                case "-c" -> check = true;
                case "-v" -> version = Math.max(version, 1);
                case "-vv" -> version = 2;
                case "-cc" -> condition = value(args, ++i, a);
                case "-D" -> daemon = true;
                case "-W", "-Ws" -> masterWorker = true;
                case "-q" -> quiet = true;
                case "-p" -> pidFile = value(args, ++i, a);
                case "-L" -> localPeer = value(args, ++i, a);
                case "-sf", "-st" -> {
                    List<Long> into = a.equals("-sf") ? sf : st;
                    int before = into.size();
                    while (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                        String pid = args[++i];
                        try {
                            into.add(Long.parseLong(pid));
                        } catch (NumberFormatException e) {
                            throw new UsageException("'" + a + "' expects process ids, got '" + pid + "'");
                        }
                    }
                    if (into.size() == before) {
                        throw new UsageException("'" + a + "' expects at least one process id");
                    }
                }
                default -> {
                    if (a.startsWith("-d")) {
                        debug = true;
                        debugFlags.append(a.substring(2));
                    } else if (a.startsWith("-f") && a.length() > 2) {
                        configs.add(a.substring(2));
                    } else {
                        throw new UsageException("unknown option '" + a + "'");
                    }
                }
            }
        }
        return new CommandLine(configs, check, debug, debugFlags.toString(), daemon, pidFile, version, condition,
                localPeer, sf, st, quiet, masterWorker);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException("'" + option + "' expects an argument");
        }
        return args[i];
    }

    /** The usage text printed on a bad command line. */
    public static String usage() {
        return """
                Usage : fulcrum [-f <cfgfile|cfgdir>]* [ -vdVD ] [ -n <maxconn> ] [ -N <maxpconn> ]
                        [ -p <pidfile> ] [ -m <max megs> ] [ -C <dir> ] [-- <cfgfile>*]
                        -v displays version ; -vv shows known build options.
                        -d enters debug mode ; -db only disables background mode.
                        -dX (any letter after -d) also enters debug mode.
                        -D goes daemon ; -C changes to <dir> before loading files.
                        -W master-worker mode.
                        -q quiet mode : don't display messages
                        -c check mode : only check config files and exit
                        -cc check condition : evaluate a condition and exit
                        -p writes pids of all children to this file
                        -L set local peer name
                        -sf/-st [pid ]* finishes/terminates old pids.
                """;
    }
}
