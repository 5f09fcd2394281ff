package dev.fulcrum.console.view;

import dev.fulcrum.console.model.ServerInfo;
import dev.fulcrum.console.model.StatsSnapshot;
import dev.fulcrum.console.model.StatsSnapshot.BackendStats;
import dev.fulcrum.console.model.StatsSnapshot.FrontendStats;
import dev.fulcrum.console.model.StatsSnapshot.Responses;
import dev.fulcrum.console.model.StatsSnapshot.ServerStats;
import dev.fulcrum.console.view.TopologyRow.Backend;
import dev.fulcrum.console.view.TopologyRow.Frontend;
import dev.fulcrum.console.view.TopologyRow.Heading;
import dev.fulcrum.console.view.TopologyRow.Server;

import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The columns of the topology tree and what each shows for each kind of row:
 * first what the configuration says, then the live figures of the engine's
 * stats, named as HAProxy's stats page names them. Live cells are empty while
 * no engine runs. (The engine runs HTTP proxies only, so there is no mode
 * column; it comes back with TCP mode.)
 */
enum TopologyColumn {
    NAME("Name", 140, false, false),
    ADDRESS("Address", 225, false, false),
    BALANCE("Balance", 110, false, false),
    STATUS("Status", 75, false, true),
    LAST_CHECK("Last check", 120, false, true),
    WEIGHT("Weight", 58, true, true),
    CURRENT("Cur", 48, true, true),
    LIMIT("Limit", 50, true, true),
    QUEUE("Queue", 52, true, true),
    SESSION_RATE("Sess/s", 56, true, true),
    REQUEST_RATE("Req/s", 56, true, true),
    REQUESTS("Requests", 72, true, true),
    R2XX("2xx", 60, true, true),
    R4XX("4xx", 48, true, true),
    R5XX("5xx", 48, true, true),
    DEFAULT_BACKEND("Default backend", 125, false, false);

    private final String title;
    private final double width;
    private final boolean numeric;
    private final boolean live;

    TopologyColumn(String title, double width, boolean numeric, boolean live) {
        this.title = title;
        this.width = width;
        this.numeric = numeric;
        this.live = live;
    }

    /** The column node's id: {@code column-name}, {@code column-default-backend}... */
    String id() {
        return "column-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    String title() {
        return title;
    }

    double width() {
        return width;
    }

    /** Numbers are right-aligned. */
    boolean numeric() {
        return numeric;
    }

    /** Whether the text follows the engine's stats (else it only depends on the row). */
    boolean live() {
        return live;
    }

    /** The cell text; empty where the column does not apply to the row or was not sampled. */
    String text(TopologyRow row, StatsSnapshot stats) {
        return switch (row) {
            case Heading h -> this == NAME ? h.title() : "";
            case Frontend f -> frontend(f, stats.frontend(f.info().name()));
            case Backend b -> backend(b, stats.backend(b.info().name()));
            case Server s -> server(s, stats.server(s.backend().name(), s.info().name()));
        };
    }

    private String frontend(Frontend f, FrontendStats st) {
        return switch (this) {
            case NAME -> f.info().name();
            case ADDRESS -> String.join(", ", f.info().binds());
            case DEFAULT_BACKEND -> f.info().defaultBackend();
            case STATUS -> st == null ? "" : st.status();
            case CURRENT -> st == null ? "" : number(st.current());
            case LIMIT -> st == null || st.limit() <= 0 ? "" : number(st.limit());
            case SESSION_RATE -> st == null ? "" : number(st.sessionRate());
            case REQUEST_RATE -> st == null ? "" : rate(st.requestRate());
            case REQUESTS -> st == null ? "" : number(st.requests());
            case R2XX, R4XX, R5XX -> st == null ? "" : responses(st.responses());
            default -> "";
        };
    }

    private String backend(Backend b, BackendStats st) {
        return switch (this) {
            case NAME -> b.info().name();
            case BALANCE -> b.info().balance();
            case STATUS -> st == null ? "" : st.status();
            // The configured total until the engine says what it uses.
            case WEIGHT -> number(st == null ? b.info().servers().stream().mapToInt(ServerInfo::weight).sum()
                    : st.weight());
            case CURRENT -> st == null ? "" : number(st.current());
            case QUEUE -> st == null ? "" : number(st.queued());
            case SESSION_RATE -> st == null ? "" : number(st.sessionRate());
            case REQUEST_RATE -> st == null ? "" : rate(st.requestRate());
            case REQUESTS -> st == null ? "" : number(st.requests());
            case R2XX, R4XX, R5XX -> st == null ? "" : responses(st.responses());
            default -> "";
        };
    }

    private String server(Server s, ServerStats st) {
        return switch (this) {
            case NAME -> s.info().name();
            case ADDRESS -> s.info().address();
            // The configured weight until the engine says what it uses.
            case WEIGHT -> number(st == null ? s.info().weight() : st.weight());
            case STATUS -> st == null ? "" : st.status();
            case LAST_CHECK -> st == null ? "" : st.lastCheck();
            case CURRENT -> st == null ? "" : number(st.current());
            case LIMIT -> st == null || st.limit() <= 0 ? "" : number(st.limit());
            case QUEUE -> st == null ? "" : number(st.queued());
            case SESSION_RATE -> st == null ? "" : number(st.sessionRate());
            case REQUEST_RATE -> st == null ? "" : rate(st.requestRate());
            case REQUESTS -> st == null ? "" : number(st.sessions());
            case R2XX, R4XX, R5XX -> st == null ? "" : responses(st.responses());
            default -> "";
        };
    }

    private String responses(Responses r) {
        ToLongFunction<Responses> count = switch (this) {
            case R2XX -> Responses::r2xx;
            case R4XX -> Responses::r4xx;
            case R5XX -> Responses::r5xx;
            default -> throw new IllegalStateException(name());
        };
        return number(count.applyAsLong(r));
    }

    private static String number(long n) {
        return Long.toString(n);
    }

    /** One decimal: at tens of requests a second, the decimal still moves. */
    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }
}
