package dev.fulcrum.check;

import dev.fulcrum.runtime.Engine;
import dev.fulcrum.server.Server;
import dev.fulcrum.server.StateEvents;
import dev.fulcrum.testing.Haproxy;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.StateLines;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static dev.fulcrum.check.RiseFallTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in protocol checks against probe servers speaking just enough of each
 * protocol: the bytes Fulcrum sends are haproxy's (captured from haproxy 2.6), a
 * good answer keeps the server up, a bad one marks it down with haproxy's line
 * (compared with the real haproxy when it is installed).
 */
class ProtocolChecksTest {

    private final TestResources open = new TestResources();

    @AfterEach
    void close() throws Exception {
        open.close();
    }

    private static byte[] bytes(String hexOrText) {
        return hexOrText.startsWith("hex:") ? HexFormat.of().parseHex(hexOrText.substring(4).replace(" ", ""))
                : hexOrText.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "redis-check|false|+PONG\\r\\n|-ERR nope\\r\\n|*1\\r\\n$4\\r\\nPING\\r\\n",
            "pgsql-check user haproxy|false|hex:52000000080000000000|hex:45000000105346415441"
                    + "4c004d62616400000000|hex:000000160003000075736572006861"
                    + "70726f78790000",
            "ldap-check|false|hex:300c02010161070a010004000400|hex:300c02010161070a013104000400|"
                    + "hex:300c020101600702010304008000",
            "ssl-hello-chk|false|hex:160301000278 78|garbage|"})
    void protocolChecksSendHaproxysBytesAndJudgeTheAnswer(String option, boolean speakFirst, String good, String bad,
                                                          String sent) throws Exception {
        ProbeServer p = ProbeServer.start(ProbeServer.text("")).speakFirst(speakFirst);
        open.add(p);
        p.answer(request -> bytes(good));
        String config = """
                defaults
                    mode tcp
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                    timeout check 2s
                listen bk
                    bind 127.0.0.1:${FE}
                    option ${OPTION}
                    server s1 127.0.0.1:${P} check inter 50ms fall 1 rise 1
                """.replace("${OPTION}", option).replace("${P}", Integer.toString(p.port()));
        // mode tcp cannot be started by Fulcrum yet: the same backend in mode http checks the same way
        String ours = config.replace("mode tcp", "mode http");
        Events events = new Events();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(err, true, StandardCharsets.ISO_8859_1);
        Engine e = Engines.start(ours, Map.of("FE", RunningEngine.freePort()),
                ev -> {
                    events.event(ev);
                    StateEvents.stderr(ps, 1).event(ev);
                });
        open.add(e::close);
        Server s = e.backends().get("bk").server("s1");
        waitFor(() -> p.connections() >= 2 && s.check().last().atMillis() > 0);
        assertThat(s.check().up()).as("status %s", s.check().last()).isTrue();
        if (sent != null && !sent.isEmpty()) {
            String expected = new String(bytes(sent), StandardCharsets.ISO_8859_1);
            assertThat(p.requests()).anyMatch(r -> r.startsWith(expected) || r.equals(expected));
        }
        p.answer(request -> bytes(bad));
        events.await("Server bk/s1 is DOWN");
        Thread.sleep(100);
        if (Haproxy.available()) {
            int hp = RunningEngine.freePort();
            p.answer(request -> bytes(good));
            try (Haproxy h = Haproxy.startWithCli(config.replace("${FE}", Integer.toString(hp)), hp)) {
                waitFor(() -> checked(h)); // its first check met the good answer
                p.answer(request -> bytes(bad));
                for (int i = 0; i < 500 && StateLines.normalize(h.output()).isEmpty(); i++) {
                    Thread.sleep(10);
                }
                List<String> theirs = StateLines.normalize(h.output());
                List<String> mine = StateLines.normalize(err.toString(StandardCharsets.ISO_8859_1));
                assertThat(mine.getFirst()).isEqualTo(theirs.getFirst().replace("proxy 'bk'", "backend 'bk'"));
            }
        }
    }

    /** Whether haproxy's first check of bk/s1 finished. */
    private static boolean checked(Haproxy h) {
        try {
            String status = h.stat("bk", "s1", "check_status");
            return status != null && !status.isEmpty() && !status.endsWith("INI");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"smtpchk|HELO localhost", "smtpchk EHLO me.local|EHLO me.local"})
    void smtpCheckHoldsHaproxysDialogue(String option, String hello) throws Exception {
        ProbeServer p = ProbeServer.start(ProbeServer.text("")).speakFirst(true).conversation(true);
        open.add(p);
        java.util.concurrent.atomic.AtomicReference<String> reply = new java.util.concurrent.atomic.AtomicReference<>("250 ok\r\n");
        p.answer(request -> {
            String r = new String(request, StandardCharsets.ISO_8859_1);
            String out = r.isEmpty() ? "220 mail ready\r\n" : r.startsWith("QUIT") ? "221 bye\r\n" : reply.get();
            return out.getBytes(StandardCharsets.ISO_8859_1);
        });
        Events events = new Events();
        Engine e = Engines.start("""
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                    timeout check 2s
                backend bk
                    option ${OPTION}
                    server s1 127.0.0.1:${P} check inter 50ms fall 1 rise 1
                """.replace("${OPTION}", option).replace("${P}", Integer.toString(p.port())), Map.of(), events);
        open.add(e::close);
        Server s = e.backends().get("bk").server("s1");
        waitFor(() -> s.check().last().atMillis() > 0);
        assertThat(s.check().last().status()).as("%s", s.check().last()).isEqualTo("L7OK");
        assertThat(s.check().last().code()).isEqualTo(221);
        assertThat(s.check().last().info()).isEqualTo("bye");
        assertThat(p.requests()).contains(hello + "\r\n", "QUIT\r\n");
        reply.set("554 go away\r\n");
        int down = events.await("Server bk/s1 is DOWN");
        assertThat(events.lines().get(down)).startsWith("Server bk/s1 is DOWN, reason: Layer7 wrong status, code: 554, "
                + "info: \"go away\", check duration: ");
    }

    @org.junit.jupiter.api.Test
    void mysqlCheckReadsTheGreetingAndLogsIn() throws Exception {
        byte[] greeting = HexFormat.of().parseHex("0b0000000a352e372e3000aabbcc00");
        java.util.concurrent.atomic.AtomicReference<byte[]> loginAnswer = new java.util.concurrent.atomic.AtomicReference<>(
                HexFormat.of().parseHex("0700000200000002000000"));
        ProbeServer p = ProbeServer.start(request -> request.length == 0 ? greeting : loginAnswer.get())
                .speakFirst(true).conversation(true);
        open.add(p);
        Events events = new Events();
        Engine e = Engines.start("""
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                    timeout check 2s
                backend bk
                    option mysql-check user haproxy
                    server s1 127.0.0.1:${P} check inter 50ms fall 1 rise 1
                """.replace("${P}", Integer.toString(p.port())), Map.of(), events);
        open.add(e::close);
        Server s = e.backends().get("bk").server("s1");
        waitFor(() -> s.check().last().atMillis() > 0);
        assertThat(s.check().last().status()).as("%s", s.check().last()).isEqualTo("L7OK");
        // the login packet as haproxy sends it: user "haproxy", no password, then COM_QUIT
        byte[] login = HexFormat.of().parseHex("29000001008200000080000121000000000000000000000000000000000000000000"
                + "0000686170726f787900000100000001");
        assertThat(p.requests()).contains(new String(login, StandardCharsets.ISO_8859_1));
        // an error packet: code 1045, "#28000Access denied"
        loginAnswer.set(HexFormat.of().parseHex("16000002ff15042332383030304163636573732064656e696564"));
        int down = events.await("Server bk/s1 is DOWN");
        assertThat(events.lines().get(down)).startsWith("Server bk/s1 is DOWN, reason: Layer7 wrong status, code: 1045, "
                + "info: \"Access denied\"");
    }
}
