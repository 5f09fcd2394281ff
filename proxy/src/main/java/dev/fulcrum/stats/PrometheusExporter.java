package dev.fulcrum.stats;

import dev.fulcrum.backend.Backend;
import dev.fulcrum.frontend.Frontend;
import dev.fulcrum.http.ErrorPages;
import dev.fulcrum.http.HttpHeaders;
import dev.fulcrum.http.HttpResponseHead;
import dev.fulcrum.http.HttpService;
import dev.fulcrum.http.ServiceExchange;
import dev.fulcrum.server.Server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * HAProxy's {@code prometheus-exporter} service: the engine's counters in the
 * Prometheus text format, whatever the request's path (the rule that routes to
 * it decides which paths reach it). Query parameters as HAProxy reads them:
 * {@code scope=global|frontend|backend|server|listener|sticktable|*} (repeatable;
 * the first one replaces the default of every scope, an empty one clears the
 * list) and {@code no-maint} (servers in maintenance are left out). An unknown
 * scope is a 400.
 */
public final class PrometheusExporter implements HttpService {

    /** The service name in {@code use-service}. */
    public static final String NAME = "prometheus-exporter";

    /** A value the source cannot tell: written as {@code NaN}. */
    public static final long UNKNOWN = PromText.NAN;

    static final int GLOBAL = 1;
    static final int FRONTEND = 2;
    static final int BACKEND = 4;
    static final int SERVER = 8;
    static final int LISTENER = 16;
    static final int STICKTABLE = 32;
    static final int ALL = GLOBAL | FRONTEND | BACKEND | SERVER | LISTENER | STICKTABLE;

    private final StatsSource source;
    private final List<Metric<StatsSource>> process;
    private final List<Metric<Frontend>> frontends;
    private final List<Metric<Backend>> backends;
    private final List<Metric<Server>> servers;

    public PrometheusExporter(StatsSource source) {
        this.source = requireNonNull(source, "source");
        this.process = ProcessMetrics.all(source.version());
        this.frontends = FrontendMetrics.all(source);
        this.backends = BackendMetrics.all();
        this.servers = ServerMetrics.all();
    }

    @Override
    public String logName() {
        return "<PROMEX>";
    }

    @Override
    public void serve(ServiceExchange exchange) {
        Query q = Query.parse(exchange.query());
        if (q == null) {
            ErrorPages.Page page = ErrorPages.get(400);
            exchange.reply(page.head(), page.body());
            return;
        }
        HttpHeaders h = new HttpHeaders(2);
        h.add("cache-control", "no-cache");
        h.add("content-type", "text/plain; version=0.0.4");
        exchange.stream(new HttpResponseHead("HTTP/1.1", 200, "OK", h), new Scrape(sections(q)));
    }

    /** The scopes asked for, in HAProxy's output order, each over the objects it lists now. */
    private List<Section<?>> sections(Query q) {
        List<Section<?>> out = new ArrayList<>(4);
        if ((q.scopes & GLOBAL) != 0) {
            out.add(new Section<>(process, List.of(source), null));
        }
        if ((q.scopes & FRONTEND) != 0) {
            out.add(new Section<>(frontends, List.copyOf(source.frontends()), (b, f) -> proxyLabel(b, f.name())));
        }
        if ((q.scopes & BACKEND) != 0) {
            out.add(new Section<>(backends, List.copyOf(source.backends()), (b, be) -> proxyLabel(b, be.name())));
        }
        if ((q.scopes & SERVER) != 0) {
            List<Server> list = new ArrayList<>();
            for (Backend be : source.backends()) {
                for (Server s : be.servers()) {
                    if (!q.noMaint || !ServerStates.inMaintenance(s)) {
                        list.add(s);
                    }
                }
            }
            out.add(new Section<>(servers, list, (b, s) -> {
                proxyLabel(b, s.backendName());
                b.writeByte(',');
                PromText.label(b, SERVER_LABEL, s.name());
            }));
        }
        return out;
    }

    private static final byte[] PROXY_LABEL = "proxy".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_LABEL = "server".getBytes(StandardCharsets.US_ASCII);

    private static void proxyLabel(io.netty.buffer.ByteBuf b, String name) {
        PromText.label(b, PROXY_LABEL, name);
    }

    /** The query parameters: which scopes, and whether to leave out servers in maintenance. */
    record Query(int scopes, boolean noMaint) {

        /** Parses the query string; {@code null} when it names an unknown scope (HAProxy answers 400). */
        static Query parse(String query) {
            int scopes = ALL;
            boolean anyScope = false;
            boolean noMaint = false;
            for (String param : query.split("&")) {
                if (param.isEmpty()) {
                    continue;
                }
                int eq = param.indexOf('=');
                String key = decode(eq < 0 ? param : param.substring(0, eq));
                String value = eq < 0 ? null : decode(param.substring(eq + 1));
                if (key == null) {
                    return null;
                }
                if (key.equals("no-maint")) {
                    noMaint = true;
                } else if (key.equals("scope")) {
                    if (value == null) {
                        return null;
                    }
                    if (!anyScope) {
                        scopes = 0; // the first scope replaces the default of all of them
                        anyScope = true;
                    }
                    int bit = switch (value) {
                        case "" -> -1;
                        case "*" -> ALL;
                        case "global" -> GLOBAL;
                        case "frontend" -> FRONTEND;
                        case "backend" -> BACKEND;
                        case "server" -> SERVER;
                        case "listener" -> LISTENER;
                        case "sticktable" -> STICKTABLE;
                        default -> 0;
                    };
                    if (bit == 0) {
                        return null;
                    }
                    scopes = bit < 0 ? 0 : scopes | bit;
                }
            }
            return new Query(scopes, noMaint);
        }

        private static String decode(String s) {
            try {
                return URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
