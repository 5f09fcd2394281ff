package dev.fulcrum.userlist;

import dev.fulcrum.config.Setting;
import dev.fulcrum.config.SourceLocation;

import java.util.List;

/** What the keywords of a {@code userlist} section record. */
public final class UserlistSettings {

    /**
     * A {@code user} line.
     *
     * @param secret   the clear password ({@code insecure} true) or its crypt(3) hash
     * @param groups   the groups named by its {@code groups} option
     */
    public record User(String name, String secret, boolean insecure, List<String> groups, SourceLocation location) {
    }

    /** A {@code group} line and the users its {@code users} option names. */
    public record Group(String name, List<String> users, SourceLocation location) {
    }

    public static final Setting<List<User>> USERS = Setting.list("user");
    public static final Setting<List<Group>> GROUPS = Setting.list("group");

    private UserlistSettings() {
    }
}
