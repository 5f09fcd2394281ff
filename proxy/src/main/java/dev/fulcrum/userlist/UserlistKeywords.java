package dev.fulcrum.userlist;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.SectionType;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The keywords of a {@code userlist} section (configuration.txt 3.4):
 * {@code group <name> [users <user>,...]} and
 * {@code user <name> [password <hash>|insecure-password <password>] [groups <group>,...]}.
 */
public final class UserlistKeywords implements KeywordProvider {

    @Override
    public void register(KeywordRegistry.Builder r) {
        r.keyword("group", EnumSet.of(SectionType.USERLIST), 0, "a group of users", UserlistKeywords::group);
        r.keyword("user", EnumSet.of(SectionType.USERLIST), 0, "a user and its password", UserlistKeywords::user);
    }

    private static List<String> list(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static void group(KeywordContext ctx) throws ConfigException {
        String name = ctx.arg(0);
        if (name.isEmpty()) {
            throw ctx.error("'group' expects <name> as arguments.");
        }
        for (UserlistSettings.Group g : ctx.settings().get(UserlistSettings.GROUPS)) {
            if (g.name().equals(name)) {
                throw ctx.error("userlist '" + ctx.section().name() + "': group '" + name + "' already exists.");
            }
        }
        List<String> users = new ArrayList<>();
        for (int i = 1; i < ctx.argCount(); i += 2) {
            if (!ctx.arg(i).equals("users")) {
                throw ctx.error("'group' only supports 'users' option.");
            }
            users.addAll(list(ctx.arg(i + 1)));
        }
        ctx.settings().add(UserlistSettings.GROUPS, new UserlistSettings.Group(name, List.copyOf(users), ctx.location()));
    }

    private static void user(KeywordContext ctx) throws ConfigException {
        String name = ctx.arg(0);
        if (name.isEmpty()) {
            throw ctx.error("'user' expects <name> as arguments.");
        }
        for (UserlistSettings.User u : ctx.settings().get(UserlistSettings.USERS)) {
            if (u.name().equals(name)) {
                throw ctx.error("userlist '" + ctx.section().name() + "': user '" + name + "' already exists.");
            }
        }
        String secret = null;
        boolean insecure = false;
        List<String> groups = new ArrayList<>();
        for (int i = 1; i < ctx.argCount(); i += 2) {
            String opt = ctx.arg(i);
            switch (opt) {
                case "password" -> {
                    secret = ctx.arg(i + 1);
                    insecure = false;
                    if (!Crypt.supported(secret)) {
                        ctx.warn("user '" + name + "' : the password hash is not in a format Fulcrum can check "
                                + "($1$, $5$ or $6$ crypt); this user will never authenticate.");
                    }
                }
                case "insecure-password" -> {
                    secret = ctx.arg(i + 1);
                    insecure = true;
                }
                case "groups" -> groups.addAll(list(ctx.arg(i + 1)));
                default -> throw ctx.error("'user' only supports 'password', 'insecure-password' and 'groups' options.");
            }
        }
        if (secret == null) {
            secret = "";
            insecure = true;
        }
        ctx.settings().add(UserlistSettings.USERS, new UserlistSettings.User(name, secret, insecure, List.copyOf(groups),
                ctx.location()));
    }
}
