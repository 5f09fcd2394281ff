package dev.fulcrum.sample;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * A mutable, reusable holder for one sample value, the way HAProxy's
 * {@code struct sample} is used: a fetch writes into it, each converter rewrites
 * it in place, and the caller reads the result. One holder per event loop (or
 * per evaluation site) can serve every request, so evaluating an expression
 * allocates only what the values themselves need.
 *
 * <h2>Representation</h2>
 * <ul>
 *   <li>{@link SampleType#BOOL}, {@link SampleType#SINT}: {@link #sint()}
 *       (booleans are 0 or 1);</li>
 *   <li>{@link SampleType#IPV4}: {@link #ipv4()}, the address as a big-endian int;</li>
 *   <li>{@link SampleType#IPV6}: {@link #ipv6()}, 16 bytes owned by this holder;</li>
 *   <li>{@link SampleType#STR}: {@link #str()}. Strings follow the convention of
 *       the HTTP model: one {@code char} per byte (ISO-8859-1), so hashes and
 *       lengths are those of the bytes on the wire;</li>
 *   <li>{@link SampleType#BIN}: {@link #binArray()} from {@link #binOffset()} for
 *       {@link #binLength()} bytes. The array may be shared: never write into it;</li>
 *   <li>{@link SampleType#METH}: {@link #method()}, plus {@link #str()} with the
 *       method's text.</li>
 * </ul>
 *
 * <p>Setters return {@code true} so that a fetch can end with {@code return out.setStr(v);}.
 *
 * <p>Not thread-safe. Fetches that can return several values (header occurrences
 * in ACLs) keep their position in {@link #cursor} fields, which converters do not
 * touch.
 */
public final class Sample {

    private SampleType type;
    private long num;
    private String str;
    private byte[] bin;
    private int binOff;
    private int binLen;
    private byte[] ip6;

    /** Set by an ACL before fetching: the fetch should return every value, one per call. */
    boolean iterate;
    /** Set by a fetch: another value may follow (HAProxy's SMP_F_NOT_LAST). */
    boolean more;
    /** Set by a fetch: the value could change with more data (HAProxy's SMP_F_MAY_CHANGE). */
    boolean mayChange;
    /** Private position of an iterating fetch. */
    int cursor;
    int cursor2;
    /** A second holder for converters that read a variable while holding this value. */
    private Sample scratch;

    public Sample() {
    }

    /** The type of the current value, or {@code null} before anything was stored. */
    public SampleType type() {
        return type;
    }

    /** Forgets the value and any iteration state. */
    public Sample reset() {
        type = null;
        str = null;
        bin = null;
        iterate = false;
        more = false;
        mayChange = false;
        cursor = 0;
        cursor2 = 0;
        return this;
    }

    /** A spare holder owned by this one, reset, for reading a second value (a variable) without allocating. */
    Sample scratch() {
        if (scratch == null) {
            scratch = new Sample();
        }
        return scratch.reset();
    }

    /** Whether the fetch said its value may change once more data arrives. */
    public boolean mayChange() {
        return mayChange;
    }

    // ---- setters ------------------------------------------------------------

    public boolean setBool(boolean v) {
        type = SampleType.BOOL;
        num = v ? 1 : 0;
        return true;
    }

    public boolean setSint(long v) {
        type = SampleType.SINT;
        num = v;
        return true;
    }

    /** Stores an IPv4 address given as a big-endian int ({@code 127.0.0.1} is {@code 0x7f000001}). */
    public boolean setIpv4(int address) {
        type = SampleType.IPV4;
        num = address & 0xffffffffL;
        return true;
    }

    /** Stores an IPv6 address copied from {@code src[off..off+16)}. */
    public boolean setIpv6(byte[] src, int off) {
        if (ip6 == null) {
            ip6 = new byte[16];
        }
        System.arraycopy(src, off, ip6, 0, 16);
        type = SampleType.IPV6;
        return true;
    }

    public boolean setStr(String v) {
        type = SampleType.STR;
        str = requireNonNull(v, "v");
        return true;
    }

    /** Stores a binary value that references {@code data}; the array must not change afterwards. */
    public boolean setBin(byte[] data) {
        return setBin(data, 0, data.length);
    }

    /** Stores a binary value that references {@code data[off..off+len)}; the array must not change afterwards. */
    public boolean setBin(byte[] data, int off, int len) {
        type = SampleType.BIN;
        bin = requireNonNull(data, "data");
        binOff = off;
        binLen = len;
        return true;
    }

    public boolean setMethod(HttpMethod m, String text) {
        type = SampleType.METH;
        num = m.ordinal();
        str = requireNonNull(text, "text");
        return true;
    }

    /** Makes this holder hold the same value as {@code other} (binary data is shared, not copied). */
    public Sample copyFrom(Sample other) {
        type = other.type;
        num = other.num;
        str = other.str;
        bin = other.bin;
        binOff = other.binOff;
        binLen = other.binLen;
        if (other.type == SampleType.IPV6) {
            setIpv6(other.ip6, 0);
        }
        return this;
    }

    // ---- getters ------------------------------------------------------------

    /** The value of a BOOL or SINT sample. */
    public long sint() {
        return num;
    }

    public boolean bool() {
        return num != 0;
    }

    public int ipv4() {
        return (int) num;
    }

    /** The 16 bytes of an IPV6 sample; owned by this holder, do not keep or modify. */
    public byte[] ipv6() {
        return ip6;
    }

    /** The text of a STR or METH sample. */
    public String str() {
        return str;
    }

    public byte[] binArray() {
        return bin;
    }

    public int binOffset() {
        return binOff;
    }

    public int binLength() {
        return binLen;
    }

    public HttpMethod method() {
        return HttpMethod.values()[(int) num];
    }

    /** A copy of the bytes of a BIN sample. */
    public byte[] binCopy() {
        return Arrays.copyOfRange(bin, binOff, binOff + binLen);
    }

    /** Whether the value is empty: an empty string or binary block (scalars never are). */
    public boolean isEmpty() {
        return switch (type) {
            case STR -> str.isEmpty();
            case BIN -> binLen == 0;
            default -> false;
        };
    }

    // ---- conversions ------------------------------------------------------------

    /** Converts the value in place with HAProxy's implicit cast; false when it cannot be converted. */
    public boolean castTo(SampleType target) {
        return Casts.cast(this, target);
    }

    /**
     * The value as text, as HAProxy renders it once cast to a string (a binary
     * block stops at its first NUL byte); {@code null} when the type has no text
     * form.
     */
    public String text() {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case STR, METH -> str;
            case SINT -> Long.toString(num);
            case BOOL -> num != 0 ? "1" : "0";
            case IPV4 -> Inet.formatIpv4((int) num);
            case IPV6 -> Inet.formatIpv6(ip6);
            case BIN -> Casts.binToString(bin, binOff, binLen);
            default -> null;
        };
    }

    /** The value as bytes, as HAProxy sees it once cast to binary; {@code null} when impossible. */
    public byte[] bytes() {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case BIN -> binCopy();
            case STR, METH -> str.getBytes(StandardCharsets.ISO_8859_1);
            default -> {
                Sample copy = new Sample().copyFrom(this);
                yield copy.castTo(SampleType.BIN) ? copy.binCopy() : null;
            }
        };
    }

    @Override
    public String toString() {
        return type == null ? "<none>" : type.label() + ":" + text();
    }
}
