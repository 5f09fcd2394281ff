package dev.fulcrum.http;

import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RawHttp;
import dev.fulcrum.testing.SideBySide;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code json_query} through haproxy 2.6 and Fulcrum on the same JSON texts:
 * keys, escaped dots, indexes, nesting, the {@code int} output type, numbers
 * printed as C's {@code %g}, booleans, escapes, and what fails (null, arrays,
 * objects, malformed input before the value). Same bytes back from both, and
 * the expected bodies are spelled out.
 */
class JsonQueryDifferentialTest {

    private static final String CONFIG = """
            defaults
              mode http
              timeout client 3s
              timeout server 3s
              timeout connect 1s
            frontend fe
              bind 127.0.0.1:${PORT_FE}
              http-request return status 200 content-type text/plain lf-string "[%[req.fhdr(x-p),json_query(\\$.a)]][%[req.fhdr(x-p),json_query(\\$.a,int)]][%[req.fhdr(x-p),json_query(\\$.b[1])]][%[req.fhdr(x-p),json_query(\\$.c.d)]][%[req.fhdr(x-p),json_query(\\$.my\\\\.key)]][%[req.fhdr(x-p),json_query(a)]]"
            """;

    private static SideBySide both;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Haproxy.available(), "haproxy 2.6 installed");
        both = SideBySide.of(CONFIG).ports("PORT_FE").start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (both != null) {
            both.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"a\":4}|[4][4][][][][]",
            "{\"a\":4.75,\"b\":[1,\"x\\u0041y\"],\"c\":{\"d\":true}}|[4.75][4][xAy][1][][]",
            "{\"a\":1234567,\"b\":[false,null],\"c\":{\"d\":false},\"my.key\":\"v\"}|[1.23457e+06][1234567][][0][v][]",
            "{\"a\":0.00001,\"b\":[1,{\"z\":1}],\"c\":{\"d\":[1]}}|[1e-05][0][][][][]",
            "{\"a\":\"s\\t\",\"b\":[1,2.5e3]}|[s\t][s\t][2500][][][]",
            "{\"a\":9007199254740993}|[9.0072e+15][][][][][]",
            "{\"a\":-3.9}|[-3.9][-3][][][][]",
            "{\"a\":1e400}|[inf][1][][][][]",
            "junk{\"a\":1}|[][][][][][]",
            "{\"a\":\"x\\\"}|[][][][][][]",
            "{ \"a\" : 5 , \"b\" : [ 1 , 7 ] }|[5][5][7][][][]",
            "{\"a\":1,\"a\":2}|[1][1][][][][]",
            "{\"a\":1.5,\"x\":|[1.5][1][][][][]",
            "{\"a\":null}|[][][][][][]",
            "{\"a\":12345678901234}|[1.23457e+13][12345678901234][][][][]",
            "{\"a\":\"9\"}|[9][9][][][][]",
            "{\"a\":999999.5}|[1e+06][999999][][][][]",
            "{\"a\":0.0001234}|[0.0001234][0][][][][]",
            "[1,2]|[][][][][][]",
    })
    void sameValuesAsHaproxy(String json, String values) throws Exception {
        String expected = get(both.haproxyPort("PORT_FE"), json);
        String actual = get(both.fulcrumPort("PORT_FE"), json);
        assertThat(actual).as(json).isEqualTo(expected).isEqualTo(values);
    }

    private static String get(int port, String json) throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            String response = c.send("GET / HTTP/1.1\r\nHost: h\r\nx-p: " + json + "\r\n\r\n").readResponse();
            assertThat(response).startsWith("HTTP/1.1 200");
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }
}
