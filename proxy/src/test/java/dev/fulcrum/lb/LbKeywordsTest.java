package dev.fulcrum.lb;

import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.Diagnostic;
import dev.fulcrum.config.ProxyConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accepted forms and error messages are those of {@code haproxy -c} 2.6 on the
 * same lines (each was run through it).
 */
class LbKeywordsTest {

    private static ConfigLoader.Result load(String body) {
        String text = "defaults\n mode http\n timeout client 1s\n timeout server 1s\n timeout connect 1s\n"
                + "backend b\n" + body + "\n server s1 127.0.0.1:8080\n";
        return ConfigLoader.standard().loadText("t.cfg", text);
    }

    private static ProxyConfig backend(String body) {
        ConfigLoader.Result r = load(body);
        assertThat(r.diagnostics().alerts()).isEmpty();
        return r.config().backend("b");
    }

    private static String alert(String body) {
        List<Diagnostic> alerts = load(body).diagnostics().alerts();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().location().line()).isEqualTo(7);
        return alerts.getFirst().message();
    }

    @Test
    void defaultsToRoundRobinAndMapBasedSdbm() {
        ProxyConfig b = backend("");
        assertThat(b.get(LbSettings.BALANCE)).isEqualTo(new BalanceSpec.RoundRobin());
        assertThat(b.get(LbSettings.HASH_TYPE)).isEqualTo(new HashSpec(HashSpec.Method.MAP_BASED, HashFunction.SDBM, false));
        assertThat(b.get(LbSettings.HASH_BALANCE_FACTOR)).isZero();
        assertThat(b.get(LbSettings.ALL_BACKUPS)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "balance roundrobin            | balance roundrobin",
            "balance                       | balance roundrobin",
            "balance roundrobin x          | balance roundrobin",
            "balance static-rr             | balance static-rr",
            "balance leastconn             | balance leastconn",
            "balance first                 | balance first",
            "balance source                | balance source",
            "balance uri                   | balance uri",
            "balance uri whole path-only len 3 depth 2 | balance uri whole len 3 depth 2 path-only",
            "balance uri len 1x            | balance uri len 1",
            "balance uri len 5 len 6       | balance uri len 6",
            "balance url_param id          | balance url_param id",
            "balance url_param id check_post 64 y | balance url_param id check_post",
            "balance hdr(Host) use_domain_only x  | balance hdr(Host) use_domain_only",
            "balance hdr(host)x            | balance hdr(host)",
            "balance random                | balance random(2)",
            "balance random()              | balance random(2)",
            "balance randomx               | balance random(2)",
            "balance random(7)             | balance random(7)",
            "balance random(+3)            | balance random(3)",
            "balance random(1))            | balance random(1)",
            "balance rdp-cookie            | balance rdp-cookie(mstshash)",
            "balance rdp-cookie(user) x    | balance rdp-cookie(user)",
            "balance hash req.cook(id)     | balance hash req.cook(id)",
    })
    void acceptsWhatHaproxyAccepts(String line, String parsed) {
        assertThat(backend(" " + line).get(LbSettings.BALANCE)).hasToString(parsed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "balance foo | balance only supports 'roundrobin', 'static-rr', 'leastconn', 'source', 'uri', 'url_param', 'hdr(name)' and 'rdp-cookie(name)' options.",
            "balance ROUNDROBIN | balance only supports 'roundrobin', 'static-rr', 'leastconn', 'source', 'uri', 'url_param', 'hdr(name)' and 'rdp-cookie(name)' options.",
            "balance hdr | balance only supports 'roundrobin', 'static-rr', 'leastconn', 'source', 'uri', 'url_param', 'hdr(name)' and 'rdp-cookie(name)' options.",
            "balance source(x) | balance only supports 'roundrobin', 'static-rr', 'leastconn', 'source', 'uri', 'url_param', 'hdr(name)' and 'rdp-cookie(name)' options.",
            "balance uri foo | balance uri only accepts parameters 'len', 'depth', 'path-only', and 'whole' (got 'foo').",
            "balance uri len | balance uri : 'len' expects a positive integer (got '').",
            "balance uri len 0 | balance uri : 'len' expects a positive integer (got '0').",
            "balance uri depth -2 | balance uri : 'depth' expects a positive integer (got '-2').",
            "balance url_param | balance url_param requires an URL parameter name.",
            "balance url_param id foo | balance url_param only accepts 'check_post' modifier (got 'foo').",
            "balance hdr( | balance hdr requires an http header field name.",
            "balance hdr() | balance hdr requires an http header field name.",
            "balance hdr(host | balance hdr requires an http header field name.",
            "balance hdr(host) foo | balance hdr(host) only accepts 'use_domain_only' modifier (got 'foo').",
            "balance random(0) | balance random : number of draws must be at least 1.",
            "balance random(-1) | balance random : number of draws must be at least 1.",
            "balance random(x) | balance random : unexpected character 'x' after argument.",
            "balance random(0x) | balance random : unexpected character 'x' after argument.",
            "balance random(2 | balance random : missing closing parenthesis.",
            "balance random( | balance random : missing closing parenthesis.",
            "balance rdp-cookie() | balance rdp-cookie : missing cookie name.",
            "balance rdp-cookie(x | balance rdp-cookie : missing cookie name.",
            "balance rdp-cookiex | balance rdp-cookie : missing cookie name.",
            "balance hash | balance hash requires a sample expression.",
            "balance hash req.hdr(x) extra | balance hash takes no other argument (got 'extra').",
            "hash-type | 'hash-type' only supports 'consistent' and 'map-based'.",
            "hash-type Consistent | 'hash-type' only supports 'consistent' and 'map-based'.",
            "hash-type avalanche | experimental feature 'hash-type avalanche' is not supported anymore, please use 'hash-type map-based sdbm avalanche' instead.",
            "hash-type consistent none | 'hash-type' only supports 'sdbm', 'djb2', 'crc32', or 'wt6' hash functions.",
            "hash-type consistent SDBM | 'hash-type' only supports 'sdbm', 'djb2', 'crc32', or 'wt6' hash functions.",
            "hash-type consistent sdbm foo | 'hash-type' only supports 'avalanche' as a modifier for hash functions.",
            "hash-balance-factor | 'hash-balance-factor' expects an integer argument.",
            "hash-balance-factor 100 | 'hash-balance-factor' must be 0 or greater than 100.",
            "hash-balance-factor -5 | 'hash-balance-factor' must be 0 or greater than 100.",
            "hash-balance-factor 1x | 'hash-balance-factor' must be 0 or greater than 100.",
            "option allbackups x | 'option allbackups' cannot handle unexpected argument 'x'.",
    })
    void rejectsWithHaproxysMessage(String line, String message) {
        assertThat(alert(" " + line)).isEqualTo(message);
    }

    /** haproxy 2.6 reports bad hash expressions against the backend's own line (6 here). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "balance hash req.cookie(id) | backend 'b' [t.cfg:6]: failed to parse 'balance hash' expression 'req.cookie(id)' in : unknown fetch method 'req.cookie'.",
            "balance hash src,nosuchconv | backend 'b' [t.cfg:6]: failed to parse 'balance hash' expression 'src,nosuchconv' in : unknown converter 'nosuchconv'.",
            "balance hash res.hdr(x)     | backend 'b' [t.cfg:6]: error detected while parsing 'balance hash' expression 'res.hdr(x)' which requires information from HTTP response headers, which is not available here.",
    })
    void rejectsBadHashExpressionsAsHaproxyDoes(String line, String message) {
        List<Diagnostic> alerts = load(" " + line).diagnostics().alerts();
        assertThat(alerts).extracting(Diagnostic::message).containsExactly(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hash-type map-based               | MAP_BASED  | SDBM  | false",
            "hash-type consistent              | CONSISTENT | SDBM  | true",
            "hash-type consistent sdbm         | CONSISTENT | SDBM  | false",
            "hash-type consistent djb2         | CONSISTENT | DJB2  | false",
            "hash-type map-based wt6 avalanche | MAP_BASED  | WT6   | true",
            "hash-type map-based crc32         | MAP_BASED  | CRC32 | false",
            "hash-type consistent sdbm avalanche x | CONSISTENT | SDBM | true",
    })
    void parsesHashTypes(String line, HashSpec.Method method, HashFunction function, boolean avalanche) {
        assertThat(backend(" " + line).get(LbSettings.HASH_TYPE)).isEqualTo(new HashSpec(method, function, avalanche));
    }

    @Test
    void hashBalanceFactorReadsLikeAtoi() {
        assertThat(backend(" hash-balance-factor 150").get(LbSettings.HASH_BALANCE_FACTOR)).isEqualTo(150);
        assertThat(backend(" hash-balance-factor 150 x").get(LbSettings.HASH_BALANCE_FACTOR)).isEqualTo(150);
        assertThat(backend(" hash-balance-factor x").get(LbSettings.HASH_BALANCE_FACTOR)).isZero();
    }

    @Test
    void allBackupsIsInheritedAndCanBeCancelled() {
        String text = "defaults\n mode http\n option allbackups\n balance leastconn\n"
                + "backend a\n server s1 127.0.0.1:8080\n"
                + "backend b\n no option allbackups\n server s1 127.0.0.1:8080\n";
        ConfigLoader.Result r = ConfigLoader.standard().loadText("t.cfg", text);
        assertThat(r.config().backend("a").get(LbSettings.ALL_BACKUPS)).isTrue();
        assertThat(r.config().backend("a").get(LbSettings.BALANCE)).isEqualTo(new BalanceSpec.LeastConn());
        assertThat(r.config().backend("b").get(LbSettings.ALL_BACKUPS)).isFalse();
    }

    @Test
    void warnsWhenALayer7HashMeetsTcpMode() {
        // haproxy 2.6 prints exactly this, without a location, and uses round robin.
        String text = "defaults\n mode tcp\n timeout client 1s\n timeout server 1s\n timeout connect 1s\n"
                + "listen l\n bind 127.0.0.1:9999\n balance uri\n server s1 127.0.0.1:1\n"
                + "backend b\n balance url_param x\n server s1 127.0.0.1:1\n"
                + "backend c\n balance hash req.hdr(x)\n server s1 127.0.0.1:1\n";
        ConfigLoader.Result r = ConfigLoader.standard().loadText("t.cfg", text);
        assertThat(r.diagnostics().warnings()).extracting(Diagnostic::message).contains(
                "Layer 7 hash not possible for proxy 'l' (needs 'mode http'). Falling back to round robin.",
                "Layer 7 hash not possible for backend 'b' (needs 'mode http'). Falling back to round robin.");
        assertThat(r.diagnostics().warnings()).extracting(Diagnostic::message).noneMatch(m -> m.contains("'c'"));
        assertThat(LbOptions.of(r.config().backend("b")).balance()).isEqualTo(new BalanceSpec.RoundRobin());
    }
}
