package dev.fulcrum.sample;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names in expression arguments are resolved once the whole configuration is
 * known; the messages are haproxy 2.6's ("multiple argument resolution errors").
 */
class SampleReferenceTest {

    @Test
    void unknownBackendsServersAndUserlistsAreReported() {
        assertThat(Configs.alerts(Configs.DEFAULTS + """
                frontend f
                  bind 127.0.0.1:1
                  acl a nbsrv(zz) 1
                  acl b srv_is_up(zz)
                  acl c srv_conn(b/zz) 1
                  acl d srv_conn(nope/s) 1
                  acl e http_auth(users)
                  use_backend %[str(x),concat(,txn.x,)] if { nbsrv(yy) 1 }
                  use_backend %[nbsrv(ww)]
                  acl g nbsrv 1
                backend b
                  server s 127.0.0.1:1
                """)).containsExactly(
                "t.cfg:8: unable to find backend 'zz' referenced in arg 1 of ACL keyword 'nbsrv' in proxy 'f'.",
                "t.cfg:9: unable to find server 'zz' in proxy 'f', referenced in arg 1 of ACL keyword 'srv_is_up' in proxy 'f'.",
                "t.cfg:10: unable to find server 'zz' in proxy 'b', referenced in arg 1 of ACL keyword 'srv_conn' in proxy 'f'.",
                "t.cfg:11: unable to find proxy 'nope' referenced in arg 1 of ACL keyword 'srv_conn' in proxy 'f'.",
                "t.cfg:12: unable to find userlist 'users' referenced in arg 1 of ACL keyword 'http_auth' in proxy 'f'.",
                "t.cfg:13: unable to find backend 'yy' referenced in arg 1 of ACL keyword 'nbsrv' in proxy 'f'.",
                "t.cfg:14: unable to find backend 'ww' referenced in arg 1 of sample fetch keyword 'nbsrv' in use_backend expression in proxy 'f'.",
                "t.cfg:15: proxy 'f', referenced in arg 1 of ACL keyword 'nbsrv' in proxy 'f', has not backend capability.");
    }

    @Test
    void resolvableNamesAreAccepted() {
        assertThat(Configs.load(Configs.DEFAULTS + """
                frontend f
                  bind 127.0.0.1:1
                  acl a nbsrv(b) 1
                  acl c srv_conn(b/s) 1
                  use_backend b if a c
                backend b
                  acl self nbsrv lt 1
                  acl own srv_is_up(s)
                  server s 127.0.0.1:1
                """).ok()).isTrue();
    }
}
