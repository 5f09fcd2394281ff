package dev.fulcrum.logformat;

/**
 * The {@code %} variables of HAProxy's custom log format (configuration.txt
 * 8.2.6), named after the fields HAProxy documents ({@link #text()} is the name
 * written after {@code %}). Their values come from a
 * {@link LogVariables} that the logging room implements; this room parses them
 * and applies the {@code Q}, {@code E} and {@code X} flags.
 */
public enum LogVar {
    /** special: its flags apply to every following variable */
    GLOBAL_OPTIONS("o", Kind.SPECIAL, false),
    BYTES_READ("B", Kind.NUMBER, false),
    CAPTURED_REQUEST_COOKIE("CC", Kind.STRING, true),
    CAPTURED_RESPONSE_COOKIE("CS", Kind.STRING, true),
    HOSTNAME("H", Kind.STRING, false),
    HTTP_METHOD("HM", Kind.STRING, true),
    HTTP_PATH("HP", Kind.STRING, true),
    HTTP_PATH_ONLY("HPO", Kind.STRING, true),
    HTTP_QUERY("HQ", Kind.STRING, true),
    HTTP_URI("HU", Kind.STRING, true),
    HTTP_VERSION("HV", Kind.STRING, true),
    UNIQUE_ID("ID", Kind.STRING, false),
    STATUS_CODE("ST", Kind.NUMBER, false),
    GMT_DATE_TIME("T", Kind.DATE, false),
    ACTIVE_TIME("Ta", Kind.NUMBER, true),
    CONNECT_TIME("Tc", Kind.NUMBER, false),
    DATA_TIME("Td", Kind.NUMBER, false),
    LOCAL_DATE_TIME("Tl", Kind.DATE, false),
    HANDSHAKE_TIME("Th", Kind.NUMBER, false),
    IDLE_TIME("Ti", Kind.NUMBER, true),
    REQUEST_HEADERS_TIME("Tq", Kind.NUMBER, true),
    REQUEST_RECEIVE_TIME("TR", Kind.NUMBER, true),
    RESPONSE_TIME("Tr", Kind.NUMBER, true),
    /** timestamp; hexadecimal with {@code X} */
    TIMESTAMP("Ts", Kind.HEX8, false),
    TOTAL_TIME("Tt", Kind.NUMBER, false),
    TOTAL_ACTIVE_TIME("Tu", Kind.NUMBER, false),
    QUEUE_TIME("Tw", Kind.NUMBER, false),
    BYTES_UPLOADED("U", Kind.NUMBER, false),
    ACTIVE_CONNECTIONS("ac", Kind.NUMBER, false),
    BACKEND_NAME("b", Kind.STRING, false),
    BACKEND_CONNECTIONS("bc", Kind.NUMBER, false),
    BACKEND_SOURCE_IP("bi", Kind.IP, false),
    BACKEND_SOURCE_PORT("bp", Kind.HEX4, false),
    BACKEND_QUEUE("bq", Kind.NUMBER, false),
    CLIENT_IP("ci", Kind.IP, false),
    CLIENT_PORT("cp", Kind.HEX4, false),
    FRONTEND_NAME("f", Kind.STRING, false),
    FRONTEND_CONNECTIONS("fc", Kind.NUMBER, false),
    FRONTEND_IP("fi", Kind.IP, false),
    FRONTEND_PORT("fp", Kind.HEX4, false),
    FRONTEND_NAME_TRANSPORT("ft", Kind.STRING, false),
    FRONTEND_LOG_COUNTER("lc", Kind.NUMBER, false),
    CAPTURED_REQUEST_HEADERS("hr", Kind.STRING, false),
    CAPTURED_REQUEST_HEADERS_CLF("hrl", Kind.STRING, false),
    CAPTURED_RESPONSE_HEADERS("hs", Kind.STRING, false),
    CAPTURED_RESPONSE_HEADERS_CLF("hsl", Kind.STRING, false),
    ACCEPT_MILLISECONDS("ms", Kind.NUMBER, false),
    /** process id; hexadecimal with {@code X} */
    PID("pid", Kind.HEX4, false),
    HTTP_REQUEST("r", Kind.STRING, true),
    RETRIES("rc", Kind.NUMBER, false),
    /** request counter; hexadecimal with {@code X} */
    REQUEST_COUNTER("rt", Kind.HEX4, false),
    SERVER_NAME("s", Kind.STRING, false),
    SERVER_CONNECTIONS("sc", Kind.NUMBER, false),
    SERVER_IP("si", Kind.IP, false),
    SERVER_PORT("sp", Kind.HEX4, false),
    SERVER_QUEUE("sq", Kind.NUMBER, false),
    SSL_CIPHERS("sslc", Kind.STRING, false),
    SSL_VERSION("sslv", Kind.STRING, false),
    DATE_TIME("t", Kind.DATE, false),
    REQUEST_DATE_TIME("tr", Kind.DATE, true),
    REQUEST_GMT_DATE_TIME("trg", Kind.DATE, true),
    REQUEST_LOCAL_DATE_TIME("trl", Kind.DATE, true),
    TERMINATION_STATE("ts", Kind.STRING, false),
    TERMINATION_STATE_COOKIE("tsc", Kind.STRING, true);

    /** Whether this is a header capture list ({@code %hr %hrl %hs %hsl}), which writes nothing without captures. */
    public boolean isHeaderCapture() {
        return this == CAPTURED_REQUEST_HEADERS || this == CAPTURED_REQUEST_HEADERS_CLF
                || this == CAPTURED_RESPONSE_HEADERS || this == CAPTURED_RESPONSE_HEADERS_CLF;
    }

    /** How a variable's value is written, and what {@code X} does to it. */
    public enum Kind {
        SPECIAL,
        /** text: {@code Q} quotes it, {@code E} escapes it */
        STRING,
        /** a decimal number; {@code X} has no effect */
        NUMBER,
        /** a number written {@code %04X} with {@code X} (ports, pid, request counter) */
        HEX4,
        /** a number written {@code %08X} with {@code X} (timestamp) */
        HEX8,
        /** an address: {@code Q} quotes it, {@code X} writes it in hexadecimal */
        IP,
        /** a formatted date, written as given */
        DATE
    }

    private final String text;
    private final Kind kind;
    private final boolean httpOnly;

    LogVar(String text, Kind kind, boolean httpOnly) {
        this.text = text;
        this.kind = kind;
        this.httpOnly = httpOnly;
    }

    /** The name after {@code %}. */
    public String text() {
        return text;
    }

    public Kind kind() {
        return kind;
    }

    /** Marked "H" in the documentation: only meaningful in HTTP mode. */
    public boolean httpOnly() {
        return httpOnly;
    }

    /** The variable called {@code name} (case-sensitive), or {@code null}. */
    public static LogVar of(String name) {
        for (LogVar v : values()) {
            if (v.text.equals(name)) {
                return v;
            }
        }
        return null;
    }
}
