package dev.fulcrum.main;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's command line as haproxy's: messages, exit codes and option handling. */
class CommandLineTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static final String VALID = """
            defaults
              mode http
              timeout client 5s
              timeout server 5s
              timeout connect 5s
            frontend fe
              bind 127.0.0.1:8080
              default_backend be
            backend be
              server s1 127.0.0.1:9000
            """;

    @Test
    void checkOfAValidConfigurationPrintsValidAndExitsZero() throws IOException {
        Run r = run("-c", "-f", write("ok.cfg", VALID).toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("Configuration file is valid\n");
    }

    @Test
    void checkReportsEveryErrorWithFileAndLineAndExitsOne() throws IOException {
        Path cfg = write("bad.cfg", VALID.replace("  default_backend be", "  foo bar\n  optoin httplog"));
        Run r = run("-c", "-f", cfg.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).containsPattern("\\[ALERT\\]    \\(\\d+\\) : config : parsing \\[" + cfg.toString()
                .replace(".", "\\.") + ":8\\] : unknown keyword 'foo' in 'frontend' section");
        assertThat(r.err()).contains(":9] : unknown keyword 'optoin' in 'frontend' section; did you mean 'option' maybe ?");
        assertThat(r.err()).contains("config : Error(s) found in configuration file : " + cfg);
        assertThat(r.err()).contains("config : Fatal errors found in configuration.");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void warningsAreShownAndStillValid() throws IOException {
        Run r = run("-c", "-f", write("w.cfg", VALID + "frontend f2\n  bind :8081\n  retries 3\n").toString());
        assertThat(r.status()).isZero();
        assertThat(r.err()).contains("[WARNING]").contains("'retries' ignored because frontend 'f2' has no backend capability.");
        assertThat(r.out()).isEqualTo("Warnings were found.\nConfiguration file is valid\n");
    }

    /** haproxy -c -q prints nothing at all, whatever the outcome: only the exit status tells. */
    @Test
    void quietPrintsNothing() throws IOException {
        Run r = run("-c", "-q", "-f", write("w.cfg", VALID + "frontend f2\n  bind :8081\n  retries 3\n").toString());
        assertThat(r.status()).isZero();
        assertThat(r.err() + r.out()).isEmpty();
        Run bad = run("-c", "-q", "-f", write("bad.cfg", VALID + "  foo\n").toString());
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err() + bad.out()).isEmpty();
        Run none = run("-c", "-q", "-f", write("none.cfg", "backend be\n  server s1 127.0.0.1:80\n").toString());
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err() + none.out()).isEmpty();
    }

    @Test
    void aConfigurationWithoutListenerExitsTwo() throws IOException {
        Run r = run("-c", "-f", write("nolistener.cfg", "backend be\n  server s1 127.0.0.1:80\n").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEqualTo("Configuration file has no error but will not start (no listener) => exit(2).\n");
    }

    @Test
    void aMissingFileIsAnAlert() {
        Run r = run("-c", "-f", dir.resolve("nope.cfg").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("config : Cannot open configuration file/directory " + dir.resolve("nope.cfg")
                + " : No such file or directory");
    }

    @Test
    void aDirectoryLoadsItsCfgFilesInLexicalOrder() throws IOException {
        write("conf.d/20-backend.cfg", "backend be\n  server s1 127.0.0.1:9000\n");
        write("conf.d/10-frontend.cfg", "frontend fe\n  bind 127.0.0.1:8080\n  default_backend be\n");
        write("conf.d/notes.txt", "this is not configuration\n");
        write("conf.d/00-global.cfg", "global\n  .notice \"first\"\n");
        Run r = run("-c", "-f", dir.resolve("conf.d").toString());
        assertThat(r.status()).isZero();
        assertThat(r.err()).contains("00-global.cfg:2]: 'first'.");
    }

    @Test
    void repeatedDashFLoadsEveryFile() throws IOException {
        Path a = write("a.cfg", "frontend fe\n  bind 127.0.0.1:8080\n  default_backend be\n");
        Path b = write("b.cfg", "backend be\n  server s1 127.0.0.1:9000\n");
        assertThat(run("-c", "-f", a.toString(), "-f", b.toString()).status()).isZero();
        Run alone = run("-c", "-f", a.toString());
        assertThat(alone.status()).isEqualTo(1);
        assertThat(alone.err()).contains("Proxy 'fe': unable to find required default_backend: 'be'.");
    }

    /** As haproxy 2.6: each file that raised alerts is named right after its own messages. */
    @Test
    void eachFileWithErrorsIsNamedAfterItsMessages() throws IOException {
        Path a = write("a.cfg", "global\n  foo\n");
        Path b = write("b.cfg", "global\n  bar\n");
        Run r = run("-c", "-f", a.toString(), "-f", b.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).containsSubsequence("[" + a + ":2] : unknown keyword 'foo'",
                "Error(s) found in configuration file : " + a, "[" + b + ":2] : unknown keyword 'bar'",
                "Error(s) found in configuration file : " + b, "Fatal errors found in configuration.");
    }

    /**
     * As haproxy 2.6: ".alert", a broken ".if" block or a file that cannot be opened stop
     * the load at once: nothing after it is read, and the final summary is not printed.
     */
    @Test
    void someErrorsStopTheLoadAtOnce() throws IOException {
        Path later = write("later.cfg", "global\n  unknown-in-later-file\n");
        Path alert = write("alert.cfg", "global\n.alert \"stop here\"\n  unknown-after-alert\n");
        Run r = run("-c", "-f", alert.toString(), "-f", later.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains(alert + ":2]: 'stop here'.").contains("Error(s) found in configuration file : "
                + alert).doesNotContain("unknown-after-alert").doesNotContain("unknown-in-later-file")
                .doesNotContain("Fatal errors found");

        Path elseArg = write("else.cfg", "global\n.if 1\n.else x\n.endif\n  unknown\n");
        Run e = run("-c", "-f", elseArg.toString());
        assertThat(e.err()).contains(elseArg + ":3]: Unexpected argument 'x' for '.else'.")
                .contains(elseArg + ":3]: non-terminated '.if' block.").doesNotContain("unknown");

        Run missing = run("-c", "-f", later.toString(), "-f", dir.resolve("missing.cfg").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("Cannot open configuration file/directory")
                .doesNotContain("unknown-in-later-file").doesNotContain("Fatal errors found");
    }

    /** haproxy exports HAPROXY_CFGFILES once every file is read, not while parsing. */
    @Test
    void cfgfilesIsNotDefinedWhileParsing() throws IOException {
        Path cfg = write("c.cfg", VALID + ".if defined(HAPROXY_CFGFILES)\n.alert \"defined\"\n.endif\n");
        assertThat(run("-c", "-f", cfg.toString()).status()).isZero();
    }

    @Test
    void aDirectoryWithoutCfgFilesIsLikeNoConfigurationAtAll() throws IOException {
        Files.createDirectories(dir.resolve("empty.d"));
        Run r = run("-c", "-f", dir.resolve("empty.d").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("No configuration file specified.").contains("Usage : fulcrum");
    }

    /** As haproxy: HAPROXY_LOCALPEER is -L's name, or the host name, while the configuration is read. */
    @Test
    void localPeerNameIsVisibleToTheConfiguration() throws IOException {
        Path cfg = write("peer.cfg", VALID + ".notice \"peer=${HAPROXY_LOCALPEER}\"\n");
        assertThat(run("-c", "-L", "mypeer", "-f", cfg.toString()).err()).contains("'peer=mypeer'.");
        Path kernel = Path.of("/proc/sys/kernel/hostname");
        if (Files.isReadable(kernel)) {
            assertThat(run("-c", "-f", cfg.toString()).err()).contains("'peer=" + Files.readString(kernel).trim() + "'.");
        }
    }

    @Test
    void conditionArgumentIsCutIntoWordsFirst() {
        // haproxy -cc '"1"' is true: the quotes are removed as on a configuration line
        assertThat(run("-cc", "\"1\"").status()).isZero();
        Run bad = run("-cc", "\"1");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("Syntax Error in condition: Unmatched quote.");
    }

    @Test
    void versionLinesSayWhatFulcrumIs() {
        Run v = run("-v");
        assertThat(v.status()).isZero();
        assertThat(v.out()).startsWith("Fulcrum version ").contains("(HAProxy 2.6 compatible)");
        String[] vv = run("-vv").out().split("\n");
        assertThat(vv[0]).startsWith("Fulcrum version ").endsWith("(HAProxy 2.6 compatible)");
        assertThat(vv[1]).startsWith("TARGET = ");
        assertThat(vv[2]).startsWith("Feature list : ").contains("+EPOLL").contains("-OPENSSL").contains("-LUA");
        assertThat(vv[3]).startsWith("Available services : ");
    }

    @Test
    void conditionsEvaluateWithHaproxysExitCodes() {
        assertThat(run("-cc", "version_atleast(2.4)").status()).isZero();
        assertThat(run("-cc", "version_before(2.4)").status()).isEqualTo(1);
        assertThat(run("-cc", "feature(OPENSSL)").status()).isEqualTo(1);
        Run bad = run("-cc", "nonsense(");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("Failed to evaluate condition: ");
    }

    @Test
    void unknownOptionsPrintUsage() {
        Run r = run("-Z");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("unknown option '-Z'").contains("Usage : fulcrum");
    }

    @Test
    void modesThatAreNotImplementedYetAreRefusedClearly() throws IOException {
        Path cfg = write("ok.cfg", VALID);
        Run r = run("-D", "-f", cfg.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("daemon mode (-D) is not supported yet");
        assertThat(run("-f", cfg.toString(), "-sf", "1234").err()).contains("-sf/-st");
    }
}
