package dev.fulcrum.lb;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A request with just the parts a test sets. */
final class TestRequest implements LbRequest {

    byte[] source;
    String uri;
    String body;
    final Map<String, String> headers = new HashMap<>();
    final Map<String, String> cookies = new HashMap<>();
    long exprHash = -1;

    static TestRequest uri(String uri) {
        TestRequest r = new TestRequest();
        r.uri = uri;
        return r;
    }

    static TestRequest header(String name, String value) {
        TestRequest r = new TestRequest();
        r.headers.put(name.toLowerCase(Locale.ROOT), value);
        return r;
    }

    static TestRequest source(byte[] address) {
        TestRequest r = new TestRequest();
        r.source = address;
        return r;
    }

    @Override
    public byte[] sourceAddress() {
        return source;
    }

    @Override
    public CharSequence uri() {
        return uri;
    }

    @Override
    public CharSequence header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public CharSequence body() {
        return body;
    }

    @Override
    public CharSequence rdpCookie(String name) {
        return cookies.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public long exprHash() {
        return exprHash;
    }
}
