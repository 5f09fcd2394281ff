package dev.fulcrum.proxyprotocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Writes the PROXY protocol header a server with {@code send-proxy} or
 * {@code send-proxy-v2} receives first on each connection, byte for byte as
 * haproxy 2.6 writes it: v1 {@code TCP4}/{@code TCP6} (an IPv4 address next to
 * an IPv6 one is sent IPv4-mapped), {@code UNKNOWN} without addresses; v2
 * {@code PROXY} with the TLVs of {@code proxy-v2-options} (CRC32C, then
 * authority, then unique id), or {@code LOCAL} without addresses.
 */
public final class ProxyHeaderEncoder {

    private ProxyHeaderEncoder() {
    }

    /**
     * The header for a connection carrying traffic of {@code source} that
     * connected to {@code destination} (either {@code null}: v1 {@code UNKNOWN},
     * v2 {@code LOCAL}).
     *
     * @param version   1 or 2
     * @param options   v2 TLVs to add
     * @param authority for {@link V2Option#AUTHORITY}, or {@code null}
     * @param uniqueId  for {@link V2Option#UNIQUE_ID}, or {@code null}
     */
    public static ByteBuf encode(ByteBufAllocator alloc, int version, InetSocketAddress source,
                                 InetSocketAddress destination, Set<V2Option> options, String authority,
                                 String uniqueId) {
        return version == 2 ? v2(alloc, source, destination, options, authority, uniqueId)
                : v1(alloc, source, destination);
    }

    static ByteBuf v1(ByteBufAllocator alloc, InetSocketAddress source, InetSocketAddress destination) {
        String line;
        if (source == null || destination == null) {
            line = "PROXY UNKNOWN\r\n";
        } else {
            InetAddress s = source.getAddress();
            InetAddress d = destination.getAddress();
            boolean v4 = s instanceof Inet4Address && d instanceof Inet4Address;
            line = "PROXY " + (v4 ? "TCP4 " : "TCP6 ") + text(s, v4) + " " + text(d, v4) + " " + source.getPort()
                    + " " + destination.getPort() + "\r\n";
        }
        return alloc.buffer(line.length()).writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String text(InetAddress a, boolean v4) {
        if (v4) {
            return a.getHostAddress();
        }
        return dev.fulcrum.sample.Inet.formatIpv6(mapped(a));
    }

    /** The 16 bytes of an IPv6 address, or of the IPv4-mapped form of an IPv4 one. */
    private static byte[] mapped(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 16) {
            return b;
        }
        byte[] m = new byte[16];
        m[10] = (byte) 0xFF;
        m[11] = (byte) 0xFF;
        System.arraycopy(b, 0, m, 12, 4);
        return m;
    }

    static ByteBuf v2(ByteBufAllocator alloc, InetSocketAddress source, InetSocketAddress destination,
                      Set<V2Option> options, String authority, String uniqueId) {
        ByteBuf out = alloc.buffer(64);
        out.writeBytes(ProxyHeaderDecoder.V2_SIGNATURE);
        boolean local = source == null || destination == null;
        boolean v4 = !local && source.getAddress() instanceof Inet4Address
                && destination.getAddress() instanceof Inet4Address;
        out.writeByte(local ? 0x20 : 0x21);
        out.writeByte(local ? 0x00 : v4 ? 0x11 : 0x21);
        int lengthAt = out.writerIndex();
        out.writeShort(0);
        if (!local) {
            if (v4) {
                out.writeBytes(source.getAddress().getAddress());
                out.writeBytes(destination.getAddress().getAddress());
            } else {
                out.writeBytes(mapped(source.getAddress()));
                out.writeBytes(mapped(destination.getAddress()));
            }
            out.writeShort(source.getPort());
            out.writeShort(destination.getPort());
        }
        int crcAt = -1;
        if (options.contains(V2Option.CRC32C)) {
            out.writeByte(ProxyHeaderDecoder.TLV_CRC32C).writeShort(4);
            crcAt = out.writerIndex();
            out.writeInt(0);
        }
        if (!local && options.contains(V2Option.AUTHORITY) && authority != null) {
            tlv(out, ProxyHeaderDecoder.TLV_AUTHORITY, authority);
        }
        if (!local && options.contains(V2Option.UNIQUE_ID)) {
            // empty without a unique-id-format, as haproxy sends it
            tlv(out, ProxyHeaderDecoder.TLV_UNIQUE_ID, uniqueId == null ? "" : uniqueId);
        }
        out.setShort(lengthAt, out.writerIndex() - ProxyHeaderDecoder.V2_HEADER_LENGTH);
        if (crcAt >= 0) {
            byte[] all = new byte[out.readableBytes()];
            out.getBytes(out.readerIndex(), all);
            CRC32C crc = new CRC32C();
            crc.update(all);
            out.setInt(crcAt, (int) crc.getValue());
        }
        return out;
    }

    private static void tlv(ByteBuf out, int type, String value) {
        byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
        out.writeByte(type).writeShort(v.length).writeBytes(v);
    }
}
