package dev.fulcrum.check;

import dev.fulcrum.config.Setting;

import java.util.List;

/** Server-line and proxy settings of health checks and agent checks. */
public final class CheckSettings {

    // ---- server options ----
    public static final Setting<Boolean> CHECK = Setting.of("check", false);
    public static final Setting<Long> INTER = Setting.of("inter", 2000L);
    /** 0: use {@code inter}. */
    public static final Setting<Long> FASTINTER = Setting.of("fastinter", 0L);
    /** 0: use {@code inter}. */
    public static final Setting<Long> DOWNINTER = Setting.of("downinter", 0L);
    public static final Setting<Integer> RISE = Setting.of("rise", 2);
    public static final Setting<Integer> FALL = Setting.of("fall", 3);
    /** 0: the server's port. */
    public static final Setting<Integer> PORT = Setting.of("port", 0);
    /** "": the server's address. */
    public static final Setting<String> ADDR = Setting.of("addr", "");
    public static final Setting<Boolean> AGENT_CHECK = Setting.of("agent-check", false);
    public static final Setting<Integer> AGENT_PORT = Setting.of("agent-port", 0);
    public static final Setting<String> AGENT_ADDR = Setting.of("agent-addr", "");
    public static final Setting<Long> AGENT_INTER = Setting.of("agent-inter", 2000L);
    public static final Setting<String> AGENT_SEND = Setting.of("agent-send", "");
    /** {@code observe}: none, layer4 or layer7. */
    public static final Setting<String> OBSERVE = Setting.of("observe", "none");
    public static final Setting<Integer> ERROR_LIMIT = Setting.of("error-limit", 10);
    /** {@code on-error}: fastinter, fail-check, sudden-death or mark-down. */
    public static final Setting<String> ON_ERROR = Setting.of("on-error", "fail-check");
    /** {@code check-proto}: h1, h2 or none; "" lets the check choose (ALPN, else HTTP/1). */
    public static final Setting<String> CHECK_PROTO = Setting.of("check-proto", "");

    // ---- proxy settings ----
    /** Which check the backend's servers run ({@code option httpchk}, {@code option tcp-check}...). */
    public static final Setting<CheckType> TYPE = Setting.of("check type", CheckType.TCP);
    /** {@code option httpchk} request line and the {@code http-check}/{@code tcp-check} rules, in order. */
    public static final Setting<List<CheckRule>> RULES = Setting.inheritedList("check rules");
    public static final Setting<CheckRule.HttpSend> HTTPCHK_REQUEST = Setting.of("option httpchk", null);
    public static final Setting<Boolean> DISABLE_ON_404 = Setting.of("http-check disable-on-404", false);
    public static final Setting<Boolean> SEND_STATE = Setting.of("http-check send-state", false);
    /** {@code option log-health-checks}: a line for every change of a check's status or counter. */
    public static final Setting<Boolean> LOG_HEALTH_CHECKS = Setting.of("option log-health-checks", false);
    /** {@code spread-checks} (global): random +/- percent on each interval. */
    public static final Setting<Integer> SPREAD = Setting.of("spread-checks", 0);

    /** {@code external-check command}: the program external checks run, "" when not set. */
    public static final Setting<String> EXTERNAL_COMMAND = Setting.of("external-check command", "");
    /** {@code external-check path}: the PATH external checks run with (haproxy's default is empty). */
    public static final Setting<String> EXTERNAL_PATH = Setting.of("external-check path", "");
    /** {@code external-check} (global): external checks are allowed. */
    public static final Setting<Boolean> EXTERNAL_ALLOWED = Setting.of("external-check", false);
    /** {@code insecure-fork-wanted} (global): haproxy's consent to forking, which external checks need. */
    public static final Setting<Boolean> FORK_WANTED = Setting.of("insecure-fork-wanted", false);
    /** {@code max-spread-checks} (global): the first checks start within this delay, 0 = no bound. */
    public static final Setting<Long> MAX_SPREAD = Setting.of("max-spread-checks", 0L);

    private CheckSettings() {
    }
}
