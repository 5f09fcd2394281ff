package dev.fulcrum.main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code fulcrum -c -f <file>} run in-process through {@link Main}, exactly as
 * {@code bin/fulcrum -c} runs it: its exit status and everything it printed.
 */
record InProcessCheck(int status, String output) {

    static InProcessCheck of(Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = new Main(both, both).run(new String[]{"-c", "-f", file.toString()});
        return new InProcessCheck(status, bytes.toString(StandardCharsets.UTF_8));
    }
}
