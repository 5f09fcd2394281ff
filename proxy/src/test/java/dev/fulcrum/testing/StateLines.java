package dev.fulcrum.testing;

import dev.fulcrum.server.StateEvents;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The server state-change lines both proxies print on stderr ({@code Server bk/s1
 * is DOWN ...}, {@code backend 'bk' has no server available!}, the
 * {@code option log-health-checks} lines), for differential tests: haproxy's
 * are read from its output, Fulcrum's are printed the same way into memory by
 * the sink of a {@link Capture}. Only the pid and the measured check durations
 * are normalized.
 */
public final class StateLines {

    private static final Pattern DURATION = Pattern.compile("check duration: \\d+ms");
    private static final Pattern PREFIX = Pattern.compile("^\\[(WARNING|ALERT)\\] +\\(\\d+\\) : ");

    private StateLines() {
    }

    /** The state lines of a process's output, normalized, in order; its other lines are left out. */
    public static List<String> normalize(String output) {
        List<String> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.contains("Server ") && !line.contains("has no server available") && !line.contains(" check for ")) {
                continue;
            }
            out.add(DURATION.matcher(PREFIX.matcher(line).replaceFirst("[$1] : ")).replaceAll("check duration: Nms"));
        }
        return out;
    }

    /** Fulcrum's state lines as it would print them in the foreground, kept in memory. */
    public static final class Capture {

        private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        private final StateEvents.Sink sink = StateEvents.stderr(
                new PrintStream(printed, true, StandardCharsets.ISO_8859_1), 1);

        /** The sink to give the engine at its start. */
        public StateEvents.Sink sink() {
            return sink;
        }

        /** The lines printed so far, normalized. */
        public List<String> lines() {
            synchronized (printed) {
                return normalize(printed.toString(StandardCharsets.ISO_8859_1));
            }
        }
    }
}
