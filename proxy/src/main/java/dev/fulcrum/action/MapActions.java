package dev.fulcrum.action;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.map.PatternRef;
import dev.fulcrum.map.PatternStore;

/**
 * {@code set-map(<file>) <key fmt> <value fmt>}, {@code del-map(<file>) <key fmt>},
 * {@code add-acl(<file>) <key fmt>} and {@code del-acl(<file>) <key fmt>}: the
 * runtime API's map and ACL edits, made by a rule. They change the shared
 * in-memory {@link PatternRef} that every map converter and {@code -f} ACL naming
 * the same file reads (never the file on disk), so the next lookup on any event
 * loop sees the edit.
 *
 * <p>As in HAProxy, the file is looked up by the exact name written, when the
 * rule first runs rather than at parse time (a map converter further down the
 * configuration may be what loads it); a name that no map or ACL loaded makes the
 * rule do nothing, and so does a value that a map of the file cannot read
 * ({@code map_int} given {@code abc}).
 */
final class MapActions {

    private enum Op { SET_MAP, DEL_MAP, ADD_ACL, DEL_ACL }

    private MapActions() {
    }

    static HttpAction setMap(RuleContext rc) throws ConfigException {
        return parse(rc, Op.SET_MAP);
    }

    static HttpAction delMap(RuleContext rc) throws ConfigException {
        return parse(rc, Op.DEL_MAP);
    }

    static HttpAction addAcl(RuleContext rc) throws ConfigException {
        return parse(rc, Op.ADD_ACL);
    }

    static HttpAction delAcl(RuleContext rc) throws ConfigException {
        return parse(rc, Op.DEL_ACL);
    }

    /** Registers the four actions in a rule family's table. */
    static void register(java.util.Map<String, RuleFamily.ActionParser> actions) {
        actions.put("set-map(*)", MapActions::setMap);
        actions.put("del-map(*)", MapActions::delMap);
        actions.put("add-acl(*)", MapActions::addAcl);
        actions.put("del-acl(*)", MapActions::delAcl);
    }

    private static HttpAction parse(RuleContext rc, Op op) throws ConfigException {
        // HAProxy takes what follows "set-map(" up to the word's last character as the name
        int open = rc.action.indexOf('(');
        String file = rc.action.length() > open + 1 ? rc.action.substring(open + 1, rc.action.length() - 1) : "";
        Target target = new Target(PatternStore.of(rc.compileContext().global()), file);
        if (op == Op.SET_MAP) {
            rc.exactly(2, "expects exactly 2 arguments.");
            Fmt key = rc.format(rc.arg(0));
            Fmt value = rc.format(rc.arg(1));
            return t -> {
                PatternRef ref = target.get();
                if (ref != null) {
                    String k = key.render(t);
                    String v = value.render(t);
                    try {
                        ref.setOrAdd(k, v);
                    } catch (IllegalArgumentException e) {
                        // a map of this file cannot read the value: HAProxy leaves the map as it was
                    }
                }
                return Verdict.CONTINUE;
            };
        }
        rc.exactly(1, "expects exactly 1 arguments.");
        Fmt key = rc.format(rc.arg(0));
        boolean add = op == Op.ADD_ACL;
        return t -> {
            PatternRef ref = target.get();
            if (ref != null) {
                String k = key.render(t);
                try {
                    if (add) {
                        ref.addIfAbsent(k);
                    } else {
                        ref.delete(k);
                    }
                } catch (IllegalArgumentException e) {
                    // the new pattern does not parse for an ACL of this file (an IP ACL given "abc"): ignored
                }
            }
            return Verdict.CONTINUE;
        };
    }

    /**
     * The file's reference, resolved on first use: every map and ACL of the
     * configuration has been loaded by then, and the set never changes afterwards.
     */
    private static final class Target {
        private static final Object UNRESOLVED = new Object();
        private static final Object MISSING = new Object();

        private final PatternStore store;
        private final String file;
        private volatile Object ref = UNRESOLVED;

        Target(PatternStore store, String file) {
            this.store = store;
            this.file = file;
        }

        PatternRef get() {
            Object r = ref;
            if (r == UNRESOLVED) {
                PatternRef found = store.byFile(file);
                r = found == null ? MISSING : found;
                ref = r; // every thread resolves to the same object: a race only repeats the lookup
            }
            return r == MISSING ? null : (PatternRef) r;
        }
    }
}
