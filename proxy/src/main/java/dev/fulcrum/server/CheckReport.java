package dev.fulcrum.server;

/**
 * The outcome of a server's last check as {@code show stat} shows it:
 * {@code check_status} ({@code L4OK}, {@code L7STS}...), {@code check_code},
 * {@code check_duration} and {@code check_desc}.
 *
 * @param status      HAProxy's short status name, e.g. {@code L4CON}
 * @param description HAProxy's long description, e.g. {@code Layer4 connection problem}
 * @param code        the layer-7 code (HTTP status), or -1 when there is none
 * @param info        details ({@code Connection refused}, the HTTP reason...), or {@code ""}
 * @param durationMs  how long the check took, or -1
 * @param atMillis    when it finished (epoch milliseconds), 0 for none yet
 */
public record CheckReport(String status, String description, int code, String info, long durationMs, long atMillis) {

    /** Before the first check has finished. */
    public static final CheckReport INITIAL = new CheckReport("INI", "Initializing", -1, "", -1, 0);

    public CheckReport {
        info = info == null ? "" : info;
    }
}
