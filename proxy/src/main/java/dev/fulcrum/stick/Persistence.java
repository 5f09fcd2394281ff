package dev.fulcrum.stick;

import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleContext;
import dev.fulcrum.server.Server;

import java.util.List;

/**
 * Stick-table persistence (HAProxy's {@code process_sticking_rules} and
 * {@code process_store_rules}): on the request, the first {@code stick match|on}
 * rule whose key is in its table names the server (by its id in this backend),
 * and the keys of {@code stick on|store-request} rules are kept; once a server
 * answers, those keys and the {@code store-response} ones are stored with its id,
 * unless the server is {@code non-stick}. At most eight keys per request, and only
 * the first store rule of each table, as in HAProxy.
 */
public final class Persistence {

    private Persistence() {
    }

    /**
     * Runs the request-side rules: returns the server a match rule names (whatever
     * its state: the caller applies {@code option persist} and {@code force-persist}),
     * or {@code null}; collects the keys to store into {@code sc}.
     */
    public static Server request(List<StickRule> rules, SampleContext ctx, Sample scratch, List<Server> servers,
                                 StickCounters sc) {
        Server found = null;
        for (StickRule rule : rules) {
            if (rule.kind() == StickRule.Kind.STORE_RESPONSE || rule.kind().stores && sc.storing(rule.table())) {
                continue;
            }
            if (!rule.condition().isAlways() && !rule.condition().test(ctx, scratch)) {
                continue;
            }
            StickTable t = ctx.engine().table(rule.table());
            StickKey key = t == null ? null : key(rule, ctx, scratch, t);
            if (key == null) {
                continue;
            }
            if (rule.kind().matches) {
                StickEntry e = t.lookup(key);
                if (e != null) {
                    if (found == null) {
                        found = server(servers, e.read(DataType.SERVER_ID, 0, t.now()));
                    }
                    e.refresh();
                }
            }
            if (rule.kind().stores) {
                sc.keepForStore(rule.table(), t, key);
            }
        }
        return found;
    }

    /**
     * The server {@code srv} answered: runs the {@code store-response} rules, then
     * stores every kept key with the server's id.
     */
    public static void response(List<StickRule> rules, SampleContext ctx, Sample scratch, Server srv,
                                StickCounters sc) {
        for (StickRule rule : rules) {
            if (rule.kind() != StickRule.Kind.STORE_RESPONSE || sc.storing(rule.table())) {
                continue;
            }
            if (!rule.condition().isAlways() && !rule.condition().test(ctx, scratch)) {
                continue;
            }
            StickTable t = ctx.engine().table(rule.table());
            StickKey key = t == null ? null : key(rule, ctx, scratch, t);
            if (key != null) {
                sc.keepForStore(rule.table(), t, key);
            }
        }
        sc.storeKept(srv.config().get(StickSettings.NON_STICK) ? -1 : srv.id());
    }

    private static StickKey key(StickRule rule, SampleContext ctx, Sample scratch, StickTable t) {
        return rule.key().eval(ctx, scratch) ? t.key(scratch) : null;
    }

    private static Server server(List<Server> servers, long id) {
        if (id <= 0 || id == StickEntry.NOT_STORED) {
            return null;
        }
        for (Server s : servers) {
            if (s.id() == id) {
                return s;
            }
        }
        return null;
    }
}
