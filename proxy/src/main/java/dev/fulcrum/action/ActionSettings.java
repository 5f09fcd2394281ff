package dev.fulcrum.action;

import dev.fulcrum.config.Setting;

import java.util.List;

/** What the rule keywords write into a proxy's (or the global) settings. */
public final class ActionSettings {

    public static final Setting<List<Rule>> HTTP_REQUEST = Setting.list("http-request");
    public static final Setting<List<Rule>> HTTP_RESPONSE = Setting.list("http-response");
    public static final Setting<List<Rule>> HTTP_AFTER_RESPONSE = Setting.list("http-after-response");
    public static final Setting<List<Rule>> TCP_REQUEST_CONNECTION = Setting.list("tcp-request connection");
    public static final Setting<List<Rule>> TCP_REQUEST_SESSION = Setting.list("tcp-request session");
    public static final Setting<List<Rule>> TCP_REQUEST_CONTENT = Setting.list("tcp-request content");
    public static final Setting<List<Rule>> TCP_RESPONSE_CONTENT = Setting.list("tcp-response content");
    /** {@code tcp-request inspect-delay}, in milliseconds (0: none). */
    public static final Setting<Long> TCP_REQUEST_INSPECT_DELAY = Setting.of("tcp-request inspect-delay", 0L);
    /** {@code tcp-response inspect-delay}, in milliseconds. */
    public static final Setting<Long> TCP_RESPONSE_INSPECT_DELAY = Setting.of("tcp-response inspect-delay", 0L);
    /** The section {@code redirect} rules, evaluated after the http-request rules. */
    public static final Setting<List<Rule>> REDIRECTS = Setting.list("redirect");
    /** {@code use-server} rules: a server name and its condition. */
    public static final Setting<List<UseServerRule>> USE_SERVER = Setting.list("use-server");
    /** {@code force-persist} conditions. */
    public static final Setting<List<Rule>> FORCE_PERSIST = Setting.list("force-persist");
    /** {@code ignore-persist} conditions. */
    public static final Setting<List<Rule>> IGNORE_PERSIST = Setting.list("ignore-persist");
    /** The lengths of the request capture slots, in declaration order. */
    public static final Setting<List<Integer>> REQUEST_CAPTURES = Setting.list("request captures");
    /** The lengths of the response capture slots. */
    public static final Setting<List<Integer>> RESPONSE_CAPTURES = Setting.list("response captures");
    /** {@code capture request header} lines: a header name and its slot. */
    public static final Setting<List<CaptureKeywords.HeaderCapture>> REQUEST_HEADER_CAPTURES =
            Setting.list("capture request header");
    /** {@code capture response header} lines. */
    public static final Setting<List<CaptureKeywords.HeaderCapture>> RESPONSE_HEADER_CAPTURES =
            Setting.list("capture response header");
    /** {@code monitor-uri}; empty when not set. Inherited from defaults, as in HAProxy. */
    public static final Setting<String> MONITOR_URI = Setting.of("monitor-uri", "");
    /** {@code monitor fail} conditions. */
    public static final Setting<List<Rule>> MONITOR_FAIL = Setting.list("monitor fail");
    /** A reply using {@code errorfiles <name>} and the rule that wrote it. */
    record SectionReply(HttpReply reply, dev.fulcrum.config.SourceLocation location) {
    }

    /** Replies using {@code errorfiles <name>}, resolved once every http-errors section is known. */
    static final Setting<List<SectionReply>> ERRORFILES_REPLIES = Setting.list("errorfiles replies");
    /** Global {@code expose-experimental-directives}. */
    public static final Setting<Boolean> EXPERIMENTAL = Setting.of("expose-experimental-directives", false);

    private ActionSettings() {
    }
}
