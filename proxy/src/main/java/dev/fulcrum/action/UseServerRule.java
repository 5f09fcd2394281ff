package dev.fulcrum.action;

import dev.fulcrum.acl.Condition;
import dev.fulcrum.config.SourceLocation;

/** {@code use-server <server> if|unless <cond>}: the server a matching request must use. */
public record UseServerRule(String server, Condition condition, SourceLocation location) {
}
