/**
 * Access control lists (configuration.txt sections 7.1, 7.2 and 7.4): the
 * {@code acl} keyword, matching methods and flags, predefined ACLs, and the
 * {@code if}/{@code unless} conditions rules use. Rule parsers call
 * {@link dev.fulcrum.acl.Conditions}; the data path calls
 * {@link dev.fulcrum.acl.Condition#test}.
 */
package dev.fulcrum.acl;
