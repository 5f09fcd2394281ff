package dev.fulcrum.log;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The header bytes of each syslog format, against datagrams captured from
 * haproxy 2.6.12 (local0 = facility 16, info = level 6, pid 7676, system host
 * "vm", message time 2026-12-07T06:37:17.726556 UTC).
 */
class SyslogHeaderTest {

    private static final Instant NOW = Instant.parse("2026-12-07T06:37:17.726556Z");
    private static final byte[] TAG = Ascii.bytes("haproxy");
    private static final byte[] PID = Ascii.bytes("7676");
    private static final byte[] HOST = Ascii.bytes("vm");

    private static String header(SyslogFormat f, int facility, byte[] host, String sd, ZoneId zone) {
        ByteBuffer out = ByteBuffer.allocate(512);
        new SyslogHeader(zone).write(out, f, facility, 6, NOW, host, TAG, PID, sd);
        out.flip();
        return StandardCharsets.ISO_8859_1.decode(out).toString();
    }

    private static String header(SyslogFormat f, int facility, byte[] host, String sd) {
        return header(f, facility, host, sd, ZoneId.of("UTC"));
    }

    @Test
    void localHasNoHostName() {
        assertThat(header(SyslogFormat.LOCAL, 16, null, null)).isEqualTo("<134>Dec  7 06:37:17 haproxy[7676]: ");
        assertThat(header(SyslogFormat.LOCAL, 16, HOST, null)).isEqualTo("<134>Dec  7 06:37:17 haproxy[7676]: ");
    }

    @Test
    void rfc3164WritesTheHostNameOrLocalhost() {
        assertThat(header(SyslogFormat.RFC3164, 17, null, null))
                .isEqualTo("<142>Dec  7 06:37:17 localhost haproxy[7676]: ");
        assertThat(header(SyslogFormat.RFC3164, 16, HOST, null)).isEqualTo("<134>Dec  7 06:37:17 vm haproxy[7676]: ");
    }

    @Test
    void rfc5424WritesIsoTimeHostTagPidAndStructuredData() {
        assertThat(header(SyslogFormat.RFC5424, 18, null, "[exampleSDID@1234 bytes=\"217\" status=\"503\"]"))
                .isEqualTo("<150>1 2026-12-07T06:37:17.726556+00:00 - haproxy 7676 - "
                        + "[exampleSDID@1234 bytes=\"217\" status=\"503\"] ");
        assertThat(header(SyslogFormat.RFC5424, 16, HOST, null))
                .isEqualTo("<134>1 2026-12-07T06:37:17.726556+00:00 vm haproxy 7676 - - ");
    }

    @Test
    void shortFormatsCarryOnlyWhatTheirNameSays() {
        assertThat(header(SyslogFormat.RAW, 19, HOST, null)).isEmpty();
        assertThat(header(SyslogFormat.SHORT, 20, HOST, null)).isEqualTo("<6>");
        assertThat(header(SyslogFormat.PRIORITY, 21, HOST, null)).isEqualTo("<174>");
        assertThat(header(SyslogFormat.TIMED, 22, HOST, null)).isEqualTo("<6>2026-12-07T06:37:17.726556+00:00 ");
        assertThat(header(SyslogFormat.ISO, 23, HOST, null)).isEqualTo("2026-12-07T06:37:17.726556+00:00 ");
    }

    @Test
    void datesAreLocalTimeWithTheZoneOffset() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        assertThat(header(SyslogFormat.LOCAL, 16, null, null, paris)).isEqualTo("<134>Dec  7 07:37:17 haproxy[7676]: ");
        assertThat(header(SyslogFormat.ISO, 16, null, null, paris)).isEqualTo("2026-12-07T07:37:17.726556+01:00 ");
    }

    @Test
    void twoDigitDaysAreNotPadded() {
        ByteBuffer out = ByteBuffer.allocate(128);
        new SyslogHeader(ZoneId.of("UTC")).write(out, SyslogFormat.LOCAL, 0, 3, Instant.parse("2026-01-17T23:05:09Z"),
                null, TAG, PID, null);
        out.flip();
        assertThat(StandardCharsets.ISO_8859_1.decode(out).toString()).isEqualTo("<3>Jan 17 23:05:09 haproxy[7676]: ");
    }
}
