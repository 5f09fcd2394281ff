package dev.fulcrum.runtime;

import dev.fulcrum.config.Setting;

/** Process-wide settings from the {@code global} section. Times in milliseconds. */
public final class GlobalSettings {

    /** Event-loop threads; 0 = one per core, as HAProxy does. */
    public static final Setting<Integer> NBTHREAD = Setting.of("nbthread", 0);
    /** Process connection limit; 0 = derived from the file-descriptor limit. */
    public static final Setting<Integer> MAXCONN = Setting.of("maxconn", 0);
    public static final Setting<String> PIDFILE = Setting.of("pidfile", "");
    public static final Setting<Long> HARD_STOP_AFTER = Setting.of("hard-stop-after", 0L);
    public static final Setting<Long> GRACE = Setting.of("grace", 0L);
    public static final Setting<String> NODE = Setting.of("node", "");
    public static final Setting<String> DESCRIPTION = Setting.of("description", "");
    public static final Setting<Boolean> QUIET = Setting.of("quiet", false);
    public static final Setting<Boolean> ZERO_WARNING = Setting.of("zero-warning", false);
    public static final Setting<Boolean> STRICT_LIMITS = Setting.of("strict-limits", false);
    public static final Setting<Integer> MAXCONNRATE = Setting.of("maxconnrate", 0);
    public static final Setting<Integer> MAXSESSRATE = Setting.of("maxsessrate", 0);

    /** Buffer size: bounds a request's or response's header block (HAProxy default 16384). */
    public static final Setting<Integer> TUNE_BUFSIZE = Setting.of("tune.bufsize", 16384);
    /** Space kept free in the buffer for header rewrites (HAProxy default 1024). */
    public static final Setting<Integer> TUNE_MAXREWRITE = Setting.of("tune.maxrewrite", 1024);
    /** Maximum number of headers in a message (HAProxy default 101). */
    public static final Setting<Integer> TUNE_HTTP_MAXHDR = Setting.of("tune.http.maxhdr", 101);
    /** Length at which a URI is truncated in logs (HAProxy default 1024). */
    public static final Setting<Integer> TUNE_HTTP_LOGURILEN = Setting.of("tune.http.logurilen", 1024);
    /** Length at which captured cookies are truncated (HAProxy default 63). */
    public static final Setting<Integer> TUNE_HTTP_COOKIELEN = Setting.of("tune.http.cookielen", 63);
    /** Connections accepted per wake-up of a listener (HAProxy default 64). */
    public static final Setting<Integer> TUNE_MAXACCEPT = Setting.of("tune.maxaccept", 64);
    public static final Setting<Integer> TUNE_RCVBUF_CLIENT = Setting.of("tune.rcvbuf.client", 0);
    public static final Setting<Integer> TUNE_RCVBUF_SERVER = Setting.of("tune.rcvbuf.server", 0);
    public static final Setting<Integer> TUNE_SNDBUF_CLIENT = Setting.of("tune.sndbuf.client", 0);
    public static final Setting<Integer> TUNE_SNDBUF_SERVER = Setting.of("tune.sndbuf.server", 0);
    public static final Setting<Long> TUNE_IDLETIMER = Setting.of("tune.idletimer", 1000L);

    private GlobalSettings() {
    }
}
