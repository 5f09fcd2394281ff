package dev.fulcrum.http;

/**
 * The session state at disconnection that HAProxy logs (configuration.txt 8.5):
 * what ended the stream ({@code C} client, {@code S} server, {@code P} proxy,
 * {@code R} resource, {@code I} internal, {@code c}/{@code s} client/server
 * timeout, {@code -} normal end) and in which phase ({@code R} waiting for the
 * request, {@code Q} queued, {@code C} connecting, {@code H} waiting for the
 * response headers, {@code D} data, {@code L} last data, {@code T} tarpit,
 * {@code -} normal end).
 */
public final class Termination {

    public static final char NONE = '-';
    public static final char CLIENT = 'C';
    public static final char SERVER = 'S';
    public static final char PROXY = 'P';
    public static final char RESOURCE = 'R';
    public static final char INTERNAL = 'I';
    public static final char CLIENT_TIMEOUT = 'c';
    public static final char SERVER_TIMEOUT = 's';
    public static final char KILLED = 'K';
    public static final char DOWN = 'D';
    public static final char LOCAL = 'L';
    public static final char UP = 'U';

    public static final char PHASE_REQUEST = 'R';
    public static final char PHASE_QUEUE = 'Q';
    public static final char PHASE_CONNECT = 'C';
    public static final char PHASE_HEADERS = 'H';
    public static final char PHASE_DATA = 'D';
    public static final char PHASE_LAST = 'L';
    public static final char PHASE_TARPIT = 'T';

    private Termination() {
    }

    /** The 4-character state logged for {@code cause} and {@code phase} ({@code "SC--"}), shared, not rebuilt. */
    public static String state(char cause, char phase) {
        if (cause < 128 && phase < 128) {
            String[] row = STATES[cause];
            if (row == null) {
                row = STATES[cause] = new String[128];
            }
            String s = row[phase];
            if (s == null) {
                s = row[phase] = new String(new char[] {cause, phase, '-', '-'});
            }
            return s;
        }
        return new String(new char[] {cause, phase, '-', '-'});
    }

    /** Benign races: two threads may build the same string once each. */
    private static final String[][] STATES = new String[128][];
}
