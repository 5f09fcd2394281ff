package dev.fulcrum.proxyprotocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Headers written by {@link ProxyHeaderEncoder} read back by {@link ProxyHeaderDecoder}, and the decoder's limits. */
class ProxyHeaderCodecTest {

    private static final InetSocketAddress SRC4 = new InetSocketAddress("192.0.2.1", 1234);
    private static final InetSocketAddress DST4 = new InetSocketAddress("198.51.100.2", 80);
    private static final InetSocketAddress SRC6 = new InetSocketAddress("2001:db8::1", 4321);

    private static ProxyHeaderDecoder.Decoded roundTrip(ByteBuf encoded) {
        int length = encoded.readableBytes();
        ByteBuf withRequest = Unpooled.wrappedBuffer(encoded, Unpooled.copiedBuffer("GET /", StandardCharsets.US_ASCII));
        ProxyHeaderDecoder.Result r = ProxyHeaderDecoder.decode(withRequest);
        assertThat(r).isInstanceOf(ProxyHeaderDecoder.Decoded.class);
        ProxyHeaderDecoder.Decoded d = (ProxyHeaderDecoder.Decoded) r;
        assertThat(d.length()).as("the header ends where the request starts").isEqualTo(length);
        return d;
    }

    @Test
    void v1CarriesIpv4AddressesAsText() {
        ByteBuf b = ProxyHeaderEncoder.encode(ByteBufAllocator.DEFAULT, 1, SRC4, DST4, Set.of(), null, null);
        assertThat(b.toString(StandardCharsets.US_ASCII)).isEqualTo("PROXY TCP4 192.0.2.1 198.51.100.2 1234 80\r\n");
        ProxyHeader h = roundTrip(b).header();
        assertThat(h.source()).isEqualTo(SRC4);
        assertThat(h.destination()).isEqualTo(DST4);
    }

    @Test
    void v1MapsAnIpv4AddressNextToAnIpv6One() {
        ByteBuf b = ProxyHeaderEncoder.encode(ByteBufAllocator.DEFAULT, 1, SRC6, DST4, Set.of(), null, null);
        assertThat(b.toString(StandardCharsets.US_ASCII))
                .isEqualTo("PROXY TCP6 2001:db8::1 ::ffff:198.51.100.2 4321 80\r\n");
    }

    @Test
    void withoutAddressesV1SaysUnknownAndV2SaysLocal() {
        assertThat(ProxyHeaderEncoder.encode(ByteBufAllocator.DEFAULT, 1, null, null, Set.of(), null, null)
                .toString(StandardCharsets.US_ASCII)).isEqualTo("PROXY UNKNOWN\r\n");
        ProxyHeader local = roundTrip(ProxyHeaderEncoder.encode(ByteBufAllocator.DEFAULT, 2, null, null, Set.of(),
                null, null)).header();
        assertThat(local.hasAddresses()).isFalse();
    }

    @Test
    void v2CarriesAddressesAndTheTlvsAskedFor() {
        ByteBuf b = ProxyHeaderEncoder.encode(ByteBufAllocator.DEFAULT, 2, SRC6, DST4,
                EnumSet.of(V2Option.CRC32C, V2Option.AUTHORITY, V2Option.UNIQUE_ID), "example.com", "id-42");
        ProxyHeader h = roundTrip(b).header(); // the decoder checks the CRC32C
        assertThat(h.source()).isEqualTo(SRC6);
        assertThat(h.destination().getPort()).isEqualTo(80);
        assertThat(h.authority()).isEqualTo("example.com");
        assertThat(h.uniqueId()).isEqualTo("id-42");
    }

    @Test
    void aCorruptedByteFailsTheChecksum() {
        ByteBuf b = ProxyHeaderEncoder.encode(ByteBufAllocator.DEFAULT, 2, SRC4, DST4, EnumSet.of(V2Option.CRC32C),
                null, null);
        b.setByte(17, b.getByte(17) ^ 1); // a bit of the source address
        assertThat(ProxyHeaderDecoder.decode(b)).isInstanceOfSatisfying(ProxyHeaderDecoder.Failed.class,
                f -> assertThat(f.error()).isEqualTo(ProxyError.BAD_HEADER));
    }

    @Test
    void shortInputWaitsAndOtherProtocolsAreRecognisedAsNotAHeader() {
        assertThat(ProxyHeaderDecoder.decode(Unpooled.copiedBuffer("PROX", StandardCharsets.US_ASCII)))
                .isInstanceOf(ProxyHeaderDecoder.NeedMore.class);
        assertThat(ProxyHeaderDecoder.decode(Unpooled.copiedBuffer("PROXY TCP4 1.2.3.4", StandardCharsets.US_ASCII)))
                .isInstanceOf(ProxyHeaderDecoder.NeedMore.class);
        assertThat(ProxyHeaderDecoder.decode(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                StandardCharsets.US_ASCII))).isEqualTo(new ProxyHeaderDecoder.Failed(ProxyError.NOT_HEADER));
        assertThat(ProxyHeaderDecoder.decode(Unpooled.copiedBuffer("PROXY " + "x".repeat(120),
                StandardCharsets.US_ASCII))).isEqualTo(new ProxyHeaderDecoder.Failed(ProxyError.BAD_HEADER));
    }

    @Test
    void v1ReadsNumbersTheWayHaproxyDoes() {
        ProxyHeader h = roundTrip(Unpooled.copiedBuffer("PROXY TCP4 300.0.2.1 198.51.100.2 123456 80\r\n",
                StandardCharsets.US_ASCII)).header();
        assertThat(h.source()).isEqualTo(new InetSocketAddress("44.0.2.1", 57920));
    }
}
