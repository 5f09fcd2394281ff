package dev.fulcrum.userlist;

import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.SectionConfig;
import dev.fulcrum.config.SectionType;
import dev.fulcrum.sample.UserlistView;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code userlist} at runtime: user names to passwords and group memberships.
 * Immutable; checking a hashed password costs what crypt(3) costs (thousands of
 * digest rounds for SHA-crypt), as it does in HAProxy.
 */
public final class Userlist implements UserlistView {

    private record Entry(String secret, boolean insecure, Set<String> groups) {
    }

    private final String name;
    private final Map<String, Entry> users;

    private Userlist(String name, Map<String, Entry> users) {
        this.name = name;
        this.users = Map.copyOf(users);
    }

    /** Builds the userlist of a parsed section. */
    public static Userlist of(SectionConfig section) {
        Map<String, Set<String>> groupsOf = new HashMap<>();
        for (UserlistSettings.Group g : section.get(UserlistSettings.GROUPS)) {
            for (String u : g.users()) {
                groupsOf.computeIfAbsent(u, x -> new HashSet<>()).add(g.name());
            }
        }
        Map<String, Entry> users = new HashMap<>();
        for (UserlistSettings.User u : section.get(UserlistSettings.USERS)) {
            Set<String> groups = new HashSet<>(u.groups());
            groups.addAll(groupsOf.getOrDefault(u.name(), Set.of()));
            users.put(u.name(), new Entry(u.secret(), u.insecure(), Set.copyOf(groups)));
        }
        return new Userlist(section.name(), users);
    }

    /** Every userlist of a configuration, by name. */
    public static Map<String, Userlist> all(Configuration config) {
        Map<String, Userlist> out = new HashMap<>();
        for (SectionConfig s : config.sections()) {
            if (s.type() == SectionType.USERLIST) {
                out.put(s.name(), of(s));
            }
        }
        return Map.copyOf(out);
    }

    public String name() {
        return name;
    }

    @Override
    public boolean check(String user, String password) {
        Entry e = users.get(user);
        if (e == null || password == null) {
            return false;
        }
        return e.insecure ? e.secret.equals(password) : Crypt.matches(password, e.secret);
    }

    @Override
    public boolean inGroup(String user, String group) {
        Entry e = users.get(user);
        return e != null && e.groups.contains(group);
    }

    /** The user names, for tests and diagnostics. */
    public List<String> users() {
        return List.copyOf(users.keySet());
    }
}
