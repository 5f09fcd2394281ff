package dev.fulcrum.check;

/**
 * HAProxy's check statuses, in HAProxy's order: the short name {@code show stat}
 * prints ({@code check_status}), the description state-change messages print,
 * and what the status means for the rise/fall counter.
 */
public enum CheckStatus {
    UNKNOWN("UNK", "Unknown", Result.NEUTRAL),
    INI("INI", "Initializing", Result.NEUTRAL),
    CHECKED("CHECKED", "No status change", Result.NEUTRAL),
    HANA("HANA", "Health analyze", Result.FAILED),
    SOCKERR("SOCKERR", "Socket error", Result.FAILED),
    L4OK("L4OK", "Layer4 check passed", Result.PASSED),
    L4TOUT("L4TOUT", "Layer4 timeout", Result.FAILED),
    L4CON("L4CON", "Layer4 connection problem", Result.FAILED),
    L6OK("L6OK", "Layer6 check passed", Result.PASSED),
    L6TOUT("L6TOUT", "Layer6 timeout", Result.FAILED),
    L6RSP("L6RSP", "Layer6 invalid response", Result.FAILED),
    L7TOUT("L7TOUT", "Layer7 timeout", Result.FAILED),
    L7RSP("L7RSP", "Layer7 invalid response", Result.FAILED),
    /** Layer 5-7 data available from here on: messages show the code. */
    L7OK("L7OK", "Layer7 check passed", Result.PASSED),
    L7OKC("L7OKC", "Layer7 check conditionally passed", Result.CONDITIONAL),
    L7STS("L7STS", "Layer7 wrong status", Result.FAILED),
    PROCERR("PROCERR", "External check error", Result.FAILED),
    PROCTOUT("PROCTOUT", "External check timeout", Result.FAILED),
    PROCOK("PROCOK", "External check passed", Result.PASSED);

    /** What a status does to the server's counter. */
    public enum Result { NEUTRAL, PASSED, CONDITIONAL, FAILED }

    private final String code;
    private final String description;
    private final Result result;

    CheckStatus(String code, String description, Result result) {
        this.code = code;
        this.description = description;
        this.result = result;
    }

    /** The short name, e.g. {@code L4CON}. */
    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    public Result result() {
        return result;
    }

    /** Whether layer 5-7 data came with it, so messages show {@code code: N}. */
    public boolean hasData() {
        return ordinal() >= L7OK.ordinal();
    }

    /** The status named as in {@code ok-status}/{@code error-status}/{@code tout-status}, or {@code null}. */
    public static CheckStatus byCode(String code) {
        for (CheckStatus s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        return null;
    }
}
