package dev.fulcrum.bench;

import dev.fulcrum.http.H1Head;
import dev.fulcrum.http.H1ParseError;
import dev.fulcrum.http.H1Parser;
import dev.fulcrum.http.HttpRequestHead;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Parsing one HTTP/1.1 request head as a browser sends it (about 500 bytes, 10
 * header fields): the first thing the data path does with every request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestParsing {

    private static final byte[] BROWSER = ("""
            GET /api/v1/catalog/items?page=2&sort=price HTTP/1.1\r
            Host: shop.example.com\r
            User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r
            Accept: application/json, text/plain, */*\r
            Accept-Language: en-US,en;q=0.5\r
            Accept-Encoding: gzip, deflate, br\r
            Referer: https://shop.example.com/catalog\r
            Cookie: session=8f14e45fceea167a5a36dedd4bea2543; theme=dark\r
            Connection: keep-alive\r
            Sec-Fetch-Mode: cors\r
            X-Request-ID: 4f9c2c1e-58e4-4a5b-9b44-2f1d0c5a7e31\r
            \r
            """).getBytes(StandardCharsets.ISO_8859_1);

    private static final byte[] MINIMAL = "GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final H1Head info = new H1Head();

    @Benchmark
    public HttpRequestHead browserRequest() throws H1ParseError {
        return H1Parser.parseRequest(BROWSER, BROWSER.length, info);
    }

    @Benchmark
    public HttpRequestHead minimalRequest() throws H1ParseError {
        return H1Parser.parseRequest(MINIMAL, MINIMAL.length, info);
    }

    @Benchmark
    public int findHeadEnd() {
        return H1Parser.findHeadEnd(BROWSER, 0, BROWSER.length);
    }
}
