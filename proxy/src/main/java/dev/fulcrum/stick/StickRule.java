package dev.fulcrum.stick;

import dev.fulcrum.acl.Condition;
import dev.fulcrum.config.SourceLocation;
import dev.fulcrum.sample.SampleExpr;

import static java.util.Objects.requireNonNull;

/**
 * A compiled {@code stick on|match|store-request|store-response} rule of a backend.
 *
 * @param kind      what the rule does
 * @param key       the key expression
 * @param table     the table's name (the backend's own by default)
 * @param condition when the rule applies
 * @param location  where it was declared
 */
public record StickRule(Kind kind, SampleExpr key, String table, Condition condition, SourceLocation location) {

    /** The four forms of {@code stick}. */
    public enum Kind {
        /** {@code stick match}: look the key up and go to the server it names */
        MATCH("match", true, false),
        /** {@code stick on}: match, and store the key with the server that answers */
        ON("on", true, true),
        /** {@code stick store-request}: store a request key with the server that answers */
        STORE_REQUEST("store-request", false, true),
        /** {@code stick store-response}: store a response key with the server that answered */
        STORE_RESPONSE("store-response", false, true);

        private final String keyword;
        final boolean matches;
        final boolean stores;

        Kind(String keyword, boolean matches, boolean stores) {
            this.keyword = keyword;
            this.matches = matches;
            this.stores = stores;
        }

        public String keyword() {
            return keyword;
        }
    }

    public StickRule {
        requireNonNull(kind, "kind");
        requireNonNull(key, "key");
        requireNonNull(table, "table");
        requireNonNull(condition, "condition");
        requireNonNull(location, "location");
    }
}
