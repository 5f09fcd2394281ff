package dev.fulcrum.action;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.SideBySide;
import dev.fulcrum.testing.TestBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code set-map}, {@code del-map}, {@code add-acl} and {@code del-acl} through the
 * real haproxy 2.6 and through Fulcrum: the same sequence of requests edits the
 * maps and ACL files of each, and every answer along the way (a lookup, a routing
 * decision, an ACL verdict) must be the same. The files on disk are shared and
 * never written by either side.
 */
class MapUpdatesDifferentialTest {

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 3s
              timeout server 3s
              timeout connect 1s
            frontend fe_map
              bind 127.0.0.1:${PORT_FE}
              acl listed req.hdr(x-user) -f ${DIR}/users.acl
              acl trusted src -f ${DIR}/ips.acl
              http-request set-var(txn.k) req.hdr(x-key)
              http-request set-map(${DIR}/routes.map) %[req.hdr(x-key)] %[req.hdr(x-value)] if { path /set }
              http-request del-map(${DIR}/routes.map) %[req.hdr(x-key)] if { path /del }
              http-request set-map(${DIR}/int.map) %[req.hdr(x-key)] %[req.hdr(x-value)] if { path /setint }
              http-request set-map(${DIR}/prefix.map) %[req.hdr(x-key)] %[req.hdr(x-value)] if { path /setbeg }
              http-request set-map(${DIR}/nowhere.map) a b if { path /set }
              http-request add-acl(${DIR}/users.acl) %[req.hdr(x-user)] if { path /add }
              http-request del-acl(${DIR}/users.acl) %[req.hdr(x-user)] if { path /delacl }
              http-request add-acl(${DIR}/ips.acl) %[req.hdr(x-ip)] if { path /addip }
              http-request del-acl(${DIR}/ips.acl) %[req.hdr(x-ip)] if { path /delip }
              http-request return status 200 content-type text/plain string done if { path /set } or { path /del } or { path /setint } or { path /setbeg } or { path /add } or { path /delacl } or { path /addip } or { path /delip }
              http-request return status 200 content-type text/plain lf-string "route=%[var(txn.k),map(${DIR}/routes.map,none)] int=%[var(txn.k),map_str_int(${DIR}/int.map,-1)] beg=%[path,map_beg(${DIR}/prefix.map,none)]" if { path_beg /get }
              http-request deny deny_status 403 if { path /acl } !listed
              http-request return status 200 content-type text/plain string "listed" if { path /acl }
              http-request return status 200 content-type text/plain string "trusted" if { path /ip } trusted
              use_backend %[var(txn.k),map(${DIR}/routes.map)] if { path /route } { var(txn.k),map(${DIR}/routes.map) -m found }
              default_backend alpha
            frontend fe_other
              bind 127.0.0.1:${PORT_OTHER}
              http-request return status 200 content-type text/plain lf-string "other=%[req.hdr(x-key),map(${DIR}/routes.map,none)]"
            backend alpha
              http-request set-var(txn.learn) path if { path /learn }
              http-response set-map(${DIR}/routes.map) %[var(txn.k)] learned if { var(txn.learn) -m found }
              http-response del-acl(${DIR}/users.acl) %[var(txn.k)] if { var(txn.learn) -m found }
              server s1 ${ALPHA}
            backend beta
              server s1 ${BETA}
            """;

    private TestBackend alpha;
    private TestBackend beta;
    private SideBySide both;
    private Path dir;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        alpha = TestBackend.start("alpha");
        beta = TestBackend.start("beta");
        dir = Files.createTempDirectory("mapacts");
        Files.writeString(dir.resolve("routes.map"), "# key backend\napp0 alpha\n");
        Files.writeString(dir.resolve("int.map"), "");
        Files.writeString(dir.resolve("prefix.map"), "/static/ alpha\n");
        Files.writeString(dir.resolve("users.acl"), "alice\n");
        Files.writeString(dir.resolve("ips.acl"), "");
        both = SideBySide.start(CONFIG, List.of("PORT_FE", "PORT_OTHER"),
                Map.of("DIR", dir.toString(), "ALPHA", alpha.address(), "BETA", beta.address()));
    }

    @AfterEach
    void stop() throws Exception {
        if (both != null) {
            both.close();
        }
        if (alpha != null) {
            alpha.close();
            beta.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void mapEditsByRulesAreSeenByLaterLookupsAsInHaproxy() throws Exception {
        String[][] steps = {
                {"PORT_FE", "/get", "x-key: app0"},
                {"PORT_FE", "/route", "x-key: app1"},
                {"PORT_FE", "/set", "x-key: app1", "x-value: beta"},
                {"PORT_FE", "/route", "x-key: app1"},
                {"PORT_OTHER", "/", "x-key: app1"},
                {"PORT_FE", "/set", "x-key: app1", "x-value: alpha"},
                {"PORT_FE", "/get", "x-key: app1"},
                {"PORT_FE", "/route", "x-key: app1"},
                {"PORT_FE", "/del", "x-key: app1"},
                {"PORT_FE", "/get", "x-key: app1"},
                {"PORT_FE", "/del", "x-key: app0"},
                {"PORT_FE", "/get", "x-key: app0"},
                {"PORT_FE", "/set", "x-key: app0", "x-value: beta"},
                {"PORT_OTHER", "/", "x-key: app0"},
                // a value that map_str_int cannot read leaves the map as it was
                {"PORT_FE", "/setint", "x-key: n", "x-value: abc"},
                {"PORT_FE", "/get", "x-key: n"},
                {"PORT_FE", "/setint", "x-key: n", "x-value: 42"},
                {"PORT_FE", "/get", "x-key: n"},
                // a prefix map: the longest prefix wins, new entries included
                {"PORT_FE", "/get/api/v1"},
                {"PORT_FE", "/setbeg", "x-key: /get/api/", "x-value: beta"},
                {"PORT_FE", "/setbeg", "x-key: /get/", "x-value: alpha"},
                {"PORT_FE", "/get/api/v1"},
                {"PORT_FE", "/get/other"},
                // ACL pattern files
                {"PORT_FE", "/acl", "x-user: bob"},
                {"PORT_FE", "/acl", "x-user: alice"},
                {"PORT_FE", "/add", "x-user: bob"},
                {"PORT_FE", "/add", "x-user: bob"},
                {"PORT_FE", "/acl", "x-user: bob"},
                {"PORT_FE", "/delacl", "x-user: bob"},
                {"PORT_FE", "/acl", "x-user: bob"},
                {"PORT_FE", "/delacl", "x-user: alice"},
                {"PORT_FE", "/acl", "x-user: alice"},
                // an IP ACL refuses a pattern that is not an address, then takes one
                {"PORT_FE", "/ip"},
                {"PORT_FE", "/addip", "x-ip: not-an-ip"},
                {"PORT_FE", "/ip"},
                {"PORT_FE", "/addip", "x-ip: 127.0.0.0/8"},
                {"PORT_FE", "/ip"},
                {"PORT_FE", "/delip", "x-ip: 127.0.0.0/8"},
                {"PORT_FE", "/ip"},
                // http-response rules edit too
                {"PORT_FE", "/add", "x-user: carol"},
                {"PORT_FE", "/learn", "x-key: carol"},
                {"PORT_FE", "/get", "x-key: carol"},
                {"PORT_FE", "/acl", "x-user: carol"},
        };
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (String[] step : steps) {
            String request = "GET " + step[1] + " HTTP/1.1\r\nHost: example.com\r\n"
                    + String.join("", java.util.Arrays.stream(step, 2, step.length).map(h -> h + "\r\n").toList())
                    + "\r\n";
            String name = String.join(" ", step) + "\n";
            expected.add(name + normalize(exchange(both.haproxyPort(step[0]), request)));
            actual.add(name + normalize(exchange(both.fulcrumPort(step[0]), request)));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(String.join("", actual)).contains("route=none", "other=beta", "int=42", "beg=beta",
                "beg=alpha", "listed", "trusted", "route=learned");
        // the files on disk are never written
        assertThat(Files.readString(dir.resolve("routes.map"))).isEqualTo("# key backend\napp0 alpha\n");
        assertThat(Files.readString(dir.resolve("users.acl"))).isEqualTo("alice\n");
    }

    private static String exchange(int port, String request) {
        try (RawHttp c = new RawHttp(port)) {
            c.timeout(3000);
            c.send(request.getBytes(StandardCharsets.ISO_8859_1));
            return c.readResponse();
        } catch (IOException e) {
            return "[no response: " + e.getMessage() + "]";
        }
    }

    private static String normalize(String s) {
        return s.replaceAll("(?im)^date: .*\\r?\\n", "");
    }
}
