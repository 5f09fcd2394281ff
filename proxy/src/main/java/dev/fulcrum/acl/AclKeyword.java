package dev.fulcrum.acl;

import dev.fulcrum.map.MatchMethod;

import java.util.HashMap;
import java.util.Map;

/**
 * The ACL-only keywords of HAProxy 2.6: a fetch with an implied matching method
 * ({@code path_beg} is {@code path} with {@code -m beg}), plus {@code method}
 * and {@code http_auth_group}, whose patterns have their own meaning. The list
 * is the one haproxy 2.6 accepts (checked with {@code haproxy -c}); derived names
 * that it rejects ({@code req.hdr_beg}, {@code path_cnt}) are not here either.
 *
 * @param fetch   the fetch the keyword evaluates
 * @param method  the implied matching method
 * @param special how patterns are read and matched, when not by {@code method} alone
 */
record AclKeyword(String fetch, MatchMethod method, Special special) {

    /** Keywords whose patterns are not plain patterns of their method. */
    enum Special {
        NONE,
        /** HTTP methods: a well-known method matches by identity, others by their text */
        METHOD,
        /** group names of the userlist, for {@code http_auth_group} */
        AUTH_GROUP,
        /** versions written {@code major.minor}, for {@code req.ssl_ver} */
        DOTTED
    }

    private static final Map<String, AclKeyword> TABLE = build();

    static AclKeyword find(String name) {
        return TABLE.get(name);
    }

    private static Map<String, AclKeyword> build() {
        Map<String, AclKeyword> t = new HashMap<>();
        derived(t, "base", "base");
        derived(t, "cook", "req.cook");
        derived(t, "hdr", "hdr");
        derived(t, "path", "path");
        derived(t, "url", "url");
        derived(t, "urlp", "urlp");
        derived(t, "scook", "res.cook");
        derived(t, "shdr", "res.hdr");
        t.put("req_ver", new AclKeyword("req.ver", MatchMethod.STR, Special.NONE));
        t.put("resp_ver", new AclKeyword("res.ver", MatchMethod.STR, Special.NONE));
        t.put("req_ssl_sni", new AclKeyword("req.ssl_sni", MatchMethod.STR, Special.NONE));
        t.put("req_ssl_ver", new AclKeyword("req.ssl_ver", MatchMethod.INT, Special.DOTTED));
        t.put("req.ssl_ver", new AclKeyword("req.ssl_ver", MatchMethod.INT, Special.DOTTED));
        t.put("payload", new AclKeyword("payload", MatchMethod.BIN, Special.NONE));
        t.put("payload_lv", new AclKeyword("payload_lv", MatchMethod.BIN, Special.NONE));
        t.put("method", new AclKeyword("method", MatchMethod.STR, Special.METHOD));
        t.put("http_auth_group", new AclKeyword("http_auth_group", MatchMethod.STR, Special.AUTH_GROUP));
        return Map.copyOf(t);
    }

    /** {@code name} (exact) and {@code name_beg}, {@code _dir}, {@code _dom}, {@code _end}, {@code _len}, {@code _reg}, {@code _sub}. */
    private static void derived(Map<String, AclKeyword> t, String name, String fetch) {
        t.put(name, new AclKeyword(fetch, MatchMethod.STR, Special.NONE));
        for (MatchMethod m : new MatchMethod[] {MatchMethod.BEG, MatchMethod.DIR, MatchMethod.DOM, MatchMethod.END,
                MatchMethod.LEN, MatchMethod.REG, MatchMethod.SUB}) {
            t.put(name + "_" + m.word(), new AclKeyword(fetch, m, Special.NONE));
        }
    }
}
