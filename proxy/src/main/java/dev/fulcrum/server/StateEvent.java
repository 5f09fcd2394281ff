package dev.fulcrum.server;

import static java.util.Objects.requireNonNull;

/**
 * One server or backend state change as HAProxy reports it: a line on stderr
 * in the foreground ({@code [WARNING]} or {@code [ALERT]}) and a line sent to the
 * proxy's log targets at a syslog level. The two texts differ only where HAProxy's
 * do (the backend name is quoted on stderr).
 *
 * @param proxy       the backend whose log targets receive {@link #logText}
 * @param level       the syslog level of the log line
 * @param alert       {@code true} for an {@code [ALERT]} on stderr, {@code false} for a {@code [WARNING]}
 * @param consoleText the stderr text, without the severity tag and pid
 * @param logText     the log line text
 */
public record StateEvent(String proxy, LogLevel level, boolean alert, String consoleText, String logText) {

    /** Syslog severities, most severe first (their ordinal is the syslog number). */
    public enum LogLevel { EMERG, ALERT, CRIT, ERR, WARNING, NOTICE, INFO, DEBUG }

    public StateEvent {
        requireNonNull(proxy, "proxy");
        requireNonNull(level, "level");
        requireNonNull(consoleText, "consoleText");
        requireNonNull(logText, "logText");
    }
}
