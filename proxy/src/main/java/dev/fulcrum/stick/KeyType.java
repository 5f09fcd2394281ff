package dev.fulcrum.stick;

import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleType;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The key type of a table ({@code type ip|ipv6|integer|string|binary}): the
 * sample type a key is cast to, and how a sample becomes a key.
 */
public enum KeyType {
    IP("ip", SampleType.IPV4),
    IPV6("ipv6", SampleType.IPV6),
    INTEGER("integer", SampleType.SINT),
    STRING("string", SampleType.STR),
    BINARY("binary", SampleType.BIN);

    /** The key length of string and binary tables without {@code len}. */
    public static final int DEFAULT_LEN = 32;

    private final String keyword;
    private final SampleType sampleType;

    KeyType(String keyword, SampleType sampleType) {
        this.keyword = keyword;
        this.sampleType = sampleType;
    }

    public String keyword() {
        return keyword;
    }

    /** The type samples are cast to before becoming keys. */
    public SampleType sampleType() {
        return sampleType;
    }

    /** Whether {@code len} is accepted after the type. */
    public boolean hasLength() {
        return this == STRING || this == BINARY;
    }

    /** The type named {@code keyword}, or {@code null}. */
    public static KeyType byKeyword(String keyword) {
        for (KeyType t : values()) {
            if (t.keyword.equals(keyword)) {
                return t;
            }
        }
        return null;
    }

    /**
     * The key for sample {@code s} (cast to {@link #sampleType()} in place), or
     * {@code null} when it cannot be one. Strings are truncated to {@code len};
     * binary blocks are truncated or padded with zeros to {@code len}, as HAProxy
     * stores them.
     */
    StickKey key(Sample s, int len) {
        if (!s.castTo(sampleType)) {
            return null;
        }
        return switch (this) {
            case IP -> StickKey.ofInt(s.ipv4());
            case IPV6 -> new StickKey(s.ipv6().clone());
            case INTEGER -> StickKey.ofInt((int) s.sint()); // a 32-bit key, as HAProxy keeps it
            case STRING -> {
                String v = s.str();
                int n = Math.min(v.length(), len);
                byte[] b = new byte[n];
                for (int i = 0; i < n; i++) {
                    b[i] = (byte) v.charAt(i);
                }
                yield new StickKey(b);
            }
            case BINARY -> {
                byte[] b = new byte[len];
                System.arraycopy(s.binArray(), s.binOffset(), b, 0, Math.min(len, s.binLength()));
                yield new StickKey(b);
            }
        };
    }

    /** The key as {@code show table} prints it. */
    public String format(StickKey k) {
        byte[] b = k.bytes();
        return switch (this) {
            case IP, IPV6 -> {
                try {
                    yield InetAddress.getByAddress(b).getHostAddress();
                } catch (UnknownHostException e) {
                    yield HexFormat.of().formatHex(b);
                }
            }
            case INTEGER -> Long.toString(Integer.toUnsignedLong(k.intValue()));
            case STRING -> new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
            case BINARY -> HexFormat.of().withUpperCase().formatHex(b);
        };
    }
}
