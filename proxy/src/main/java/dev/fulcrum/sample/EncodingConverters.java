package dev.fulcrum.sample;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static dev.fulcrum.sample.ArgType.SINT;
import static dev.fulcrum.sample.ArgType.STR;

/**
 * Encoding converters (configuration.txt 7.3.1): JSON escaping and json_query, URL encoding,
 * base64, hex and big-endian dumps. Outputs were compared with haproxy 2.6.
 */
final class EncodingConverters implements SampleProvider {

    @Override
    public void register(SampleRegistry.Builder r) {
        r.converter("json_query", ArgSpec.of(1, STR, STR), SampleType.STR, SampleType.ANY, (a, cc) -> {
            JsonQuery q = JsonQuery.compile(a.str(0), a.str(1, ""));
            return (ctx, s) -> q.apply(s);
        });
        r.converter("json", ArgSpec.of(0, STR), SampleType.STR, SampleType.STR, (a, cc) -> {
            String mode = a.str(0, "");
            Json.Mode m = Json.Mode.of(mode.isEmpty() ? "ascii" : mode);
            if (m == null) {
                throw new ArgException("Unexpected input code type. Allowed value are 'ascii', 'utf8', 'utf8s', "
                        + "'utf8p' and 'utf8ps'");
            }
            return (ctx, s) -> {
                String v = Json.escape(s.str(), m);
                return v != null && s.setStr(v);
            };
        });
        r.converter("url_enc", ArgSpec.of(0, STR), SampleType.STR, SampleType.STR, (a, cc) -> {
            if (a.has(0) && !a.str(0).equals("query")) {
                throw new ArgException("Unexpected encode type. Allowed value is 'query'");
            }
            return (ctx, s) -> s.setStr(urlEncode(s.str()));
        });
        r.converter("url_dec", ArgSpec.of(0, SINT), SampleType.STR, SampleType.STR, (a, cc) -> {
            boolean form = a.sint(0, 0) != 0;
            return (ctx, s) -> {
                String v = urlDecode(s.str(), form);
                return v != null && s.setStr(v);
            };
        });
        r.converter("base64", SampleType.BIN, SampleType.STR, (ctx, s) -> s.setStr(
                Base64.getEncoder().encodeToString(s.binCopy())));
        r.converter("ub64enc", SampleType.BIN, SampleType.STR, (ctx, s) -> s.setStr(
                Base64.getUrlEncoder().withoutPadding().encodeToString(s.binCopy())));
        r.converter("b64dec", SampleType.STR, SampleType.BIN, (ctx, s) -> {
            String v = s.str();
            if (v.length() % 4 != 0) {
                return false; // the standard form always carries its padding
            }
            return decode(Base64.getDecoder(), v, s);
        });
        r.converter("ub64dec", SampleType.STR, SampleType.BIN, (ctx, s) -> {
            // haproxy 2.6 reads '=' as a data character (value 63) in base64url input, not as padding:
            // "YWI=" decodes to 61 62 3F. Kept for identical results.
            String v = s.str().replace('=', '_');
            return v.length() % 4 != 1 && decode(Base64.getUrlDecoder(), v, s);
        });
        r.converter("hex", SampleType.BIN, SampleType.STR, (ctx, s) -> s.setStr(
                Hex.encode(s.binArray(), s.binOffset(), s.binLength())));
        r.converter("hex2i", SampleType.STR, SampleType.SINT, (ctx, s) -> {
            String v = s.str();
            if (v.isEmpty()) {
                return false;
            }
            long n = 0;
            for (int i = 0; i < v.length(); i++) {
                int d = Character.digit(v.charAt(i), 16);
                if (d < 0 || v.charAt(i) > 'f') {
                    return false;
                }
                n = n << 4 | d; // wraps beyond 64 bits, as HAProxy does
            }
            return s.setSint(n);
        });
        r.converter("be2dec", ArgSpec.of(2, STR, SINT, SINT), SampleType.BIN, SampleType.STR, (a, cc) -> {
            long chunk = a.sint(1);
            if (chunk < 1 || chunk > 8) {
                throw new ArgException("chunk_size out of [1..8] range (" + chunk + ")");
            }
            return chunks(a.str(0), (int) chunk, a.sint(2, 0) != 0, false);
        });
        r.converter("be2hex", ArgSpec.of(0, STR, SINT, SINT), SampleType.BIN, SampleType.STR, (a, cc) -> {
            long chunk = a.sint(1, 1);
            if (chunk < 1) {
                throw new ArgException("chunk_size needs to be positive (" + chunk + ")");
            }
            return chunks(a.str(0, ""), (int) chunk, a.sint(2, 0) != 0, true);
        });
        r.converter("htonl", SampleType.SINT, SampleType.BIN, (ctx, s) -> {
            int v = (int) s.sint();
            return s.setBin(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        });
    }

    private static boolean decode(Base64.Decoder d, String v, Sample s) {
        try {
            return s.setBin(d.decode(v.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, with uppercase digits. */
    static String urlEncode(String v) {
        StringBuilder b = new StringBuilder(v.length() + 16);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                b.append(c);
            } else {
                b.append('%');
                Hex.appendByte(b, c & 0xff);
            }
        }
        return b.toString();
    }

    /**
     * Decodes {@code %XX} sequences, and {@code +} as a space in a form or after
     * the first {@code ?}; {@code null} when a {@code %} is not followed by two hex digits.
     */
    static String urlDecode(String v, boolean form) {
        StringBuilder b = new StringBuilder(v.length());
        boolean query = form;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%') {
                int hi = i + 1 < v.length() ? Character.digit(v.charAt(i + 1), 16) : -1;
                int lo = i + 2 < v.length() ? Character.digit(v.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    return null;
                }
                b.append((char) (hi << 4 | lo));
                i += 2;
            } else if (c == '+' && query) {
                b.append(' ');
            } else {
                if (c == '?') {
                    query = true;
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code be2dec}/{@code be2hex}: big-endian chunks joined by {@code sep}. */
    private static Converter chunks(String sep, int chunk, boolean truncate, boolean hex) {
        return (ctx, s) -> {
            byte[] a = s.binArray();
            int off = s.binOffset();
            int len = s.binLength();
            int end = truncate ? off + len - len % chunk : off + len;
            StringBuilder b = new StringBuilder(len * 3);
            for (int p = off; p < end; p += chunk) {
                if (p > off) {
                    b.append(sep);
                }
                int n = Math.min(chunk, end - p);
                if (hex) {
                    b.append(Hex.encode(a, p, n));
                } else {
                    long v = 0;
                    for (int i = 0; i < n; i++) {
                        v = v << 8 | (a[p + i] & 0xff);
                    }
                    b.append(Long.toUnsignedString(v));
                }
            }
            return s.setStr(b.toString());
        };
    }
}
