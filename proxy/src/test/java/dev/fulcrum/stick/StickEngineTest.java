package dev.fulcrum.stick;

import dev.fulcrum.sample.Sample;
import dev.fulcrum.testing.Await;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stick tables inside the running engine: what the data path counts into them
 * (bytes, concurrent connections released when the client leaves) and the size
 * bound, read straight from the tables.
 */
class StickEngineTest {

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 3s
              timeout server 3s
              timeout connect 1s
            frontend fe
              bind 127.0.0.1:${PORT}
              stick-table type string size 3 expire 60s store conn_cur,conn_cnt,http_req_cnt,bytes_in_cnt,bytes_out_cnt,http_req_rate(1m)
              http-request track-sc0 req.hdr(x-client)
              default_backend be
            frontend fe_sess
              bind 127.0.0.1:${PORT_SESS}
              tcp-request connection track-sc1 src table st
              default_backend be
            backend st
              stick-table type ip size 10 store conn_cur,sess_cnt,http_req_cnt
            backend be
              server s1 ${BACKEND}
            """;

    private static TestBackend backend;
    private static RunningEngine fulcrum;

    @BeforeAll
    static void start() throws Exception {
        backend = TestBackend.start("b");
        fulcrum = RunningEngine.start(CONFIG, Map.of("PORT", Integer.toString(RunningEngine.freePort()),
                "PORT_SESS", Integer.toString(RunningEngine.freePort()), "BACKEND", backend.address()));
    }

    @AfterAll
    static void stop() {
        if (fulcrum != null) {
            fulcrum.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private static StickEntry entry(String table, String key) {
        StickTable t = fulcrum.engine().stickTables().get(table);
        Sample s = new Sample();
        s.setStr(key);
        StickKey k = t.key(s);
        return t.lookup(k);
    }

    private static long read(StickEntry e, DataType t) {
        return e.read(t, 0, e.table().now());
    }

    @Test
    void requestsAndBytesAreCountedAndStreamCountersReleased() throws Exception {
        try (RawHttp c = new RawHttp(fulcrum.port("fe"))) {
            for (int i = 0; i < 3; i++) {
                c.send("GET /x HTTP/1.1\r\nHost: a\r\nX-Client: bytes\r\n\r\n");
                assertThat(c.readResponse()).startsWith("HTTP/1.1 200");
            }
        }
        StickEntry e = entry("fe", "bytes");
        Await.until(() -> read(e, DataType.CONN_CUR) == 0);
        assertThat(read(e, DataType.HTTP_REQ_CNT)).isEqualTo(3);
        assertThat(read(e, DataType.HTTP_REQ_RATE)).isEqualTo(3);
        assertThat(read(e, DataType.CONN_CNT)).as("each http-request track counts a connection").isEqualTo(3);
        assertThat(read(e, DataType.BYTES_IN_CNT)).isGreaterThanOrEqualTo(3L * "GET /x HTTP/1.1\r\n".length());
        assertThat(read(e, DataType.BYTES_OUT_CNT)).isGreaterThan(3L * "HTTP/1.1 200 OK\r\n".length());
        assertThat(e.refs()).isZero();
    }

    @Test
    void sessionCountersLiveAsLongAsTheConnection() throws Exception {
        StickTable st = fulcrum.engine().stickTables().get("st");
        try (RawHttp c = new RawHttp(fulcrum.port("fe_sess"))) {
            c.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(c.readResponse()).startsWith("HTTP/1.1 200");
            StickEntry e = any(st);
            assertThat(read(e, DataType.CONN_CUR)).isEqualTo(1);
            assertThat(e.refs()).isEqualTo(1);
            c.send("GET /y HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(c.readResponse()).startsWith("HTTP/1.1 200");
            assertThat(read(e, DataType.HTTP_REQ_CNT)).isEqualTo(2);
        }
        StickEntry e = any(st);
        Await.until(() -> read(e, DataType.CONN_CUR) == 0 && e.refs() == 0);
        assertThat(read(e, DataType.SESS_CNT)).isEqualTo(1);
    }

    @Test
    void theTableNeverHoldsMoreThanItsSize() throws Exception {
        for (int i = 0; i < 10; i++) {
            try (RawHttp c = new RawHttp(fulcrum.port("fe"))) {
                c.send("GET /x HTTP/1.1\r\nHost: a\r\nX-Client: many-" + i + "\r\nConnection: close\r\n\r\n");
                assertThat(c.readResponse()).startsWith("HTTP/1.1 200");
            }
        }
        StickTable t = fulcrum.engine().stickTables().get("fe");
        List<String> keys = new ArrayList<>();
        t.forEach(e -> keys.add(t.spec().keyType().format(e.key())));
        assertThat(t.used()).isLessThanOrEqualTo(3);
        assertThat(keys).hasSizeLessThanOrEqualTo(3).contains("many-9");
    }

    private static StickEntry any(StickTable t) {
        List<StickEntry> all = new ArrayList<>();
        t.forEach(all::add);
        assertThat(all).hasSize(1);
        return all.getFirst();
    }
}
