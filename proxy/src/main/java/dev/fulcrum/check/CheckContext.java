package dev.fulcrum.check;

import dev.fulcrum.logformat.LogFormat;
import dev.fulcrum.logformat.LogValueWriter;
import dev.fulcrum.logformat.LogVar;
import dev.fulcrum.logformat.LogVariables;
import dev.fulcrum.sample.EngineView;
import dev.fulcrum.sample.ProxyView;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleContext;
import dev.fulcrum.sample.SampleExpr;
import dev.fulcrum.sample.SampleType;
import dev.fulcrum.sample.ServerView;
import dev.fulcrum.sample.VarScope;
import dev.fulcrum.sample.VarStore;

import java.net.InetAddress;

/**
 * What the samples and log-format strings of one check run see, as in HAProxy,
 * where a check has a session but no stream: the backend and the server, the
 * {@code check} and {@code sess} variables (both live as long as the run), the
 * process-wide {@code proc} variables, and no client, frontend, request or
 * response (fetches of those give no value). One per run, used on the run's
 * event loop only.
 */
final class CheckContext implements SampleContext, LogVariables {

    /** The name HAProxy gives the internal frontend of checks ({@code %f}, {@code %ft}). */
    static final String FRONTEND_NAME = "CHECKS-FE";

    /**
     * What stays the same across the runs of one server's check.
     *
     * @param server  the checked server
     * @param backend its backend
     * @param engine  lookups of other backends ({@code nbsrv(be)}, {@code srv_is_up(be/srv)})
     * @param proc    the process-wide variables
     */
    record Scope(ServerView server, ProxyView backend, EngineView engine, VarStore proc) {

        /** A scope without a live engine (configuration checks, tests). */
        static Scope detached() {
            return new Scope(null, null, EngineView.EMPTY, VarStore.shared());
        }
    }

    private final Scope scope;
    private final VarStore check = VarStore.local();
    private final VarStore session = VarStore.local();
    private final Sample scratch = new Sample();
    private final StringBuilder text = new StringBuilder(64);

    CheckContext(Scope scope) {
        this.scope = scope;
    }

    /** Renders {@code format} for this run. */
    String render(LogFormat format) {
        text.setLength(0);
        format.render(this, this, text, scratch);
        return text.toString();
    }

    /** Evaluates {@code expr} into the run's scratch sample; {@code null} when it gives no value. */
    Sample eval(SampleExpr expr) {
        return expr.eval(this, scratch) ? scratch : null;
    }

    /**
     * A {@code status-code} expression read as HAProxy reads it: on success as text
     * whose leading digits are the code, on error as an integer; {@code dflt} when
     * the expression gives nothing.
     */
    int statusCode(SampleExpr expr, boolean success, int dflt) {
        Sample s = eval(expr);
        if (s == null) {
            return dflt;
        }
        if (!success && s.castTo(SampleType.SINT)) {
            return (int) s.sint();
        }
        if (success && s.castTo(SampleType.STR)) {
            return leadingInt(s.text());
        }
        return dflt;
    }

    /** C's {@code strtol(text, NULL, 10)}: optional spaces and sign, then digits; 0 without any. */
    static int leadingInt(CharSequence text) {
        int i = 0;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long v = 0;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9' && v <= Integer.MAX_VALUE) {
            v = v * 10 + (text.charAt(i++) - '0');
        }
        v = negative ? -v : v;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    // ---- SampleContext: a session without client connection or stream ----------

    @Override
    public InetAddress srcAddress() {
        return null;
    }

    @Override
    public int srcPort() {
        return -1;
    }

    @Override
    public InetAddress dstAddress() {
        return null;
    }

    @Override
    public int dstPort() {
        return -1;
    }

    @Override
    public ProxyView frontend() {
        return null;
    }

    @Override
    public ProxyView backend() {
        return scope.backend();
    }

    @Override
    public ServerView server() {
        return scope.server();
    }

    @Override
    public EngineView engine() {
        return scope.engine();
    }

    @Override
    public VarStore vars(VarScope s) {
        return switch (s) {
            case CHECK -> check;
            case SESS -> session;
            case PROC -> scope.proc();
            default -> null; // no transaction: txn, req and res variables do not exist in checks
        };
    }

    // ---- LogVariables: the % variables that have a value in a check -------------

    @Override
    public void write(LogVar var, LogValueWriter out) {
        switch (var) {
            case FRONTEND_NAME, FRONTEND_NAME_TRANSPORT -> out.string(FRONTEND_NAME);
            case BACKEND_NAME -> out.string(scope.backend() != null ? scope.backend().name() : null);
            case SERVER_NAME -> out.string(scope.server() != null ? scope.server().name() : null);
            case HOSTNAME -> out.string(dev.fulcrum.sample.Samples.hostname());
            case PID -> out.number(ProcessHandle.current().pid());
            default -> {
                // stream data (client, timers, request): none in a check
            }
        }
    }
}
