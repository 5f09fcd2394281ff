package dev.fulcrum.backend;

import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.Units;

import java.util.HashSet;
import java.util.Set;

import static dev.fulcrum.backend.BackendSettings.*;

/** Keywords of the backend room: retries, retry-on, redispatch, http-reuse, fullconn. */
public final class BackendKeywords implements KeywordProvider {

    @Override
    public void register(KeywordRegistry.Builder r) {
        r.proxy("retries", "connection attempts retried after a failure (default 3)", ctx -> {
            ctx.settings().set(RETRIES, (int) Math.max(0, ctx.lenientInteger(0)));
            ctx.noMoreThan(1);
        });
        r.proxy("retry-on", "failure events that trigger a retry", ctx -> {
            if (ctx.argCount() == 0 || ctx.arg(0).isEmpty()) {
                throw ctx.error("'retry-on' expects at least one keyword.");
            }
            boolean conn = false, empty = false, junk = false, timeout = false, zrtt = false;
            Set<Integer> statuses = new HashSet<>();
            for (String w : ctx.args(0)) {
                switch (w) {
                    case "none" -> {
                        if (ctx.argCount() > 1) {
                            throw ctx.error("'retry-on' : 'none' cannot be combined with other keywords.");
                        }
                    }
                    case "conn-failure" -> conn = true;
                    case "empty-response" -> empty = true;
                    case "junk-response" -> junk = true;
                    case "response-timeout" -> timeout = true;
                    case "0rtt-rejected" -> zrtt = true;
                    case "all-retryable-errors" -> {
                        conn = empty = junk = timeout = zrtt = true;
                        statuses.addAll(Set.of(500, 502, 503, 504));
                    }
                    default -> {
                        int status = Units.isInteger(w) ? Integer.parseInt(w) : -1;
                        if (!RetryOn.ALLOWED_STATUSES.contains(status)) {
                            throw ctx.error("'retry-on' : unknown keyword '" + w + "'.");
                        }
                        statuses.add(status);
                    }
                }
            }
            ctx.settings().set(RETRY_ON, new RetryOn(conn, empty, junk, timeout, zrtt, statuses));
        });
        r.proxy("option redispatch", "retry on another server after a connection failure", ctx -> {
            if (ctx.negated()) {
                ctx.settings().set(REDISPATCH, 0);
                ctx.settings().set(BackendSettings.REDISPATCH_QUEUED, false);
                return;
            }
            if (ctx.prefix() == dev.fulcrum.config.KeywordContext.Prefix.DEFAULT) {
                ctx.settings().reset(REDISPATCH);
                ctx.settings().reset(BackendSettings.REDISPATCH_QUEUED);
                return;
            }
            int interval = ctx.arg(0).isEmpty() ? -1 : (int) ctx.integer(0, Integer.MIN_VALUE, Integer.MAX_VALUE);
            ctx.noMoreThan(1);
            ctx.settings().set(REDISPATCH, interval);
            ctx.settings().set(BackendSettings.REDISPATCH_QUEUED, true);
        });
        r.proxy("http-reuse", "how idle server connections are shared", ctx -> {
            HttpReuse mode = switch (ctx.arg(0)) {
                case "never" -> HttpReuse.NEVER;
                case "safe" -> HttpReuse.SAFE;
                case "aggressive" -> HttpReuse.AGGRESSIVE;
                case "always" -> HttpReuse.ALWAYS;
                default -> throw ctx.error("'http-reuse' only supports 'never', 'safe', 'aggressive', 'always'");
            };
            ctx.noMoreThan(1);
            ctx.settings().set(HTTP_REUSE, mode);
        });
        r.proxy("fullconn", "backend load at which servers reach their maxconn", ctx -> {
            ctx.settings().set(FULLCONN, (int) Math.max(0, ctx.lenientInteger(0)));
            ctx.noMoreThan(1);
        });
        r.proxy("http-send-name-header", "add a header carrying the chosen server's name", ctx -> {
            ctx.settings().set(SEND_NAME_HEADER, ctx.arg(0).isEmpty() ? "X-Server" : ctx.arg(0));
            ctx.noMoreThan(1);
        });
    }
}
