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

    /**
     * The state with the persistence cookie's flags as 3rd and 4th characters
     * ({@code "--VN"}): what the client's cookie did ({@code N I D V E O U}) and
     * what was done to the server's ({@code N I U P R D}). Shared, not rebuilt.
     */
    public static String state(char cause, char phase, char cookie, char setCookie) {
        if (cookie == NONE && setCookie == NONE) {
            return state(cause, phase);
        }
        int ck = COOKIE_FLAGS.indexOf(cookie);
        int sck = SET_COOKIE_FLAGS.indexOf(setCookie);
        if (cause >= 128 || phase >= 128 || ck < 0 || sck < 0) {
            return new String(new char[] {cause, phase, cookie, setCookie});
        }
        int at = cause * 128 + phase;
        String[] row = WITH_COOKIE[at];
        if (row == null) {
            row = WITH_COOKIE[at] = new String[COOKIE_FLAGS.length() * SET_COOKIE_FLAGS.length()];
        }
        int i = ck * SET_COOKIE_FLAGS.length() + sck;
        String s = row[i];
        if (s == null) {
            s = row[i] = new String(new char[] {cause, phase, cookie, setCookie});
        }
        return s;
    }

    private static final String COOKIE_FLAGS = "-NIDVEOU";
    private static final String SET_COOKIE_FLAGS = "-NIUPRD";

    /** Benign races: two threads may build the same string once each. */
    private static final String[][] STATES = new String[128][];
    private static final String[][] WITH_COOKIE = new String[128 * 128][];
}
