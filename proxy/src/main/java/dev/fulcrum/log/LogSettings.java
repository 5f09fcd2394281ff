package dev.fulcrum.log;

import dev.fulcrum.config.Setting;
import dev.fulcrum.logformat.LogFormat;

import java.util.List;

/** What the logging keywords set, in the global section and in proxies. */
public final class LogSettings {

    // ---- global
    /** The global section's {@code log} targets. */
    public static final Setting<List<LogTarget>> GLOBAL_TARGETS = Setting.list("global log");
    /** {@code log-send-hostname}: the host name written in headers, {@code null} when not set. */
    public static final Setting<String> SEND_HOSTNAME = Setting.of("log-send-hostname", null);
    /** The global {@code log-tag}, {@code null} for the program name. */
    public static final Setting<String> GLOBAL_TAG = Setting.of("global log-tag", null);

    // ---- proxies
    /** A proxy's {@code log} targets (inherited from defaults; {@code log global} is a marker entry). */
    public static final Setting<List<LogTarget>> TARGETS = Setting.inheritedList("log");
    /** A proxy's {@code log-tag}, {@code null} for the global one. */
    public static final Setting<String> TAG = Setting.of("log-tag", null);
    /** The traffic log format, {@code null} when no log option is set (only connections are logged then). */
    public static final Setting<TrafficFormat> FORMAT = Setting.of("log-format", null);
    /** {@code log-format-sd}: the RFC 5424 structured data. */
    public static final Setting<LogFormat> FORMAT_SD = Setting.of("log-format-sd", null);
    public static final Setting<Boolean> DONTLOGNULL = Setting.of("option dontlognull", false);
    public static final Setting<Boolean> SEPARATE_ERRORS = Setting.of("option log-separate-errors", false);
    public static final Setting<Boolean> DONTLOG_NORMAL = Setting.of("option dontlog-normal", false);
    /** {@code unique-id-format}, {@code null} when not set. */
    public static final Setting<LogFormat> UNIQUE_ID_FORMAT = Setting.of("unique-id-format", null);
    /** {@code unique-id-header}: the request header carrying the unique id, {@code null} when not set. */
    public static final Setting<String> UNIQUE_ID_HEADER = Setting.of("unique-id-header", null);

    private LogSettings() {
    }
}
