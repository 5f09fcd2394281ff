package dev.fulcrum.acl;

import dev.fulcrum.config.Setting;
import dev.fulcrum.config.SourceLocation;

import java.util.List;

/** What the ACL room stores in a proxy's settings while it is parsed. */
final class AclSettings {

    /** One {@code acl} line: lines with the same name OR together. */
    record Declaration(String name, AclTerm term) {
    }

    /** The {@code acl} lines of the section, in order. Not inherited: defaults' ACLs stay in the defaults. */
    static final Setting<List<Declaration>> ACLS = Setting.list("acl");

    /** Where conditions use layer 6 fetches, which HTTP proxies ignore (HAProxy warns about them). */
    static final Setting<List<SourceLocation>> L6_USES = Setting.list("acl layer 6 uses");

    /**
     * ACLs refused because they use something Fulcrum does not support yet: the
     * name and the refusal ({@code fetch method 'x' is not supported yet by Fulcrum (f)}),
     * so that a rule using one says why instead of "no such ACL".
     */
    record Unsupported(String name, String reason) {
    }

    static final Setting<List<Unsupported>> UNSUPPORTED = Setting.list("acl refused as not supported yet");

    private AclSettings() {
    }
}
