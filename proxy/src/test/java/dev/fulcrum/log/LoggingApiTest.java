package dev.fulcrum.log;

import dev.fulcrum.config.Severity;
import dev.fulcrum.testing.RunningEngine;
import dev.fulcrum.testing.SyslogReceiver;
import dev.fulcrum.testing.TestResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The API other rooms log through: a proxy's targets, tag and levels, and the stderr echo. */
class LoggingApiTest {

    private final TestResources res = new TestResources();

    @AfterEach
    void close() throws Exception {
        res.close();
    }

    private RunningEngine engine(SyslogReceiver syslog) throws Exception {
        return res.engine("""
                global
                  log 127.0.0.1:${SYSLOG} format raw local1
                defaults
                  mode http
                  timeout client 5s
                  timeout server 5s
                  timeout connect 5s
                frontend fe
                  bind 127.0.0.1:${PORT}
                  default_backend bk
                backend bk
                  log 127.0.0.1:${SYSLOG} local0 notice
                  log-tag bktag
                  server s1 127.0.0.1:9
                backend viaglobal
                  log global
                  server s1 127.0.0.1:9
                backend silent
                  server s1 127.0.0.1:9
                """, Map.of("SYSLOG", Integer.toString(syslog.port()), "PORT",
                Integer.toString(RunningEngine.freePort())));
    }

    @Test
    void aProxysMessagesGoToItsTargetsWithItsTagAndLevel() throws Exception {
        SyslogReceiver syslog = res.add(SyslogReceiver.udp());
        Logging logging = engine(syslog).engine().logging();
        Thread t = Thread.ofPlatform().start(() -> logging.proxy("bk").log(Level.ALERT,
                "Server bk/s1 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\"."));
        t.join();
        assertThat(syslog.next()).matches("<129>[A-Z][a-z]{2} [ 1-3]\\d \\d\\d:\\d\\d:\\d\\d bktag\\["
                + ProcessHandle.current().pid() + "\\]: Server bk/s1 is DOWN, reason: Layer4 connection problem, "
                + "info: \"Connection refused\"\\.\n");
        logging.proxy("bk").log(Level.INFO, "below the target's level");
        assertThat(syslog.poll(300)).isNull();
    }

    @Test
    void logGlobalProxiesUseTheGlobalTargetsAndProxiesWithoutTargetsSendNothing() throws Exception {
        SyslogReceiver syslog = res.add(SyslogReceiver.udp());
        Logging logging = engine(syslog).engine().logging();
        assertThat(logging.proxy("silent").enabled()).isFalse();
        logging.proxy("silent").log(Level.EMERG, "nobody hears this");
        logging.proxy("viaglobal").log(Level.NOTICE, "Server viaglobal/s1 is UP");
        assertThat(syslog.next()).isEqualTo("Server viaglobal/s1 is UP\n");
        logging.proxy("no-such-proxy").log(Level.WARNING, "process event");
        assertThat(syslog.next()).isEqualTo("process event\n");
        assertThat(syslog.poll(300)).isNull();
    }

    @Test
    void eventsAreEchoedOnStderrUnlessQuiet() throws Exception {
        SyslogReceiver syslog = res.add(SyslogReceiver.udp());
        Logging logging = engine(syslog).engine().logging();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        logging.stderr(new PrintStream(err, true, StandardCharsets.UTF_8));
        logging.event("viaglobal", Level.ALERT, Severity.WARNING, "Server viaglobal/s1 is DOWN");
        assertThat(syslog.next()).isEqualTo("Server viaglobal/s1 is DOWN.\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("[WARNING]  (" + ProcessHandle.current().pid()
                + ") : Server viaglobal/s1 is DOWN.\n");
        logging.quiet(true);
        logging.event("viaglobal", Level.NOTICE, Severity.WARNING, "Server viaglobal/s1 is UP");
        assertThat(syslog.next()).isEqualTo("Server viaglobal/s1 is UP.\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("is UP");
    }
}
