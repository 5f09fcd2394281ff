package dev.fulcrum.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Registers HAProxy 2.6's fetch and converter names (from configuration.txt,
 * kept in {@code haproxy-2.6-samples.tsv}) that no room implements, so that using
 * one says "not supported yet" instead of "unknown".
 */
final class Unsupported {

    private static final String RESOURCE = "haproxy-2.6-samples.tsv";

    private Unsupported() {
    }

    static void register(SampleRegistry.Builder b) {
        try (InputStream in = Unsupported.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f[0].equals("fetch")) {
                    b.unsupportedFetch(f[1], f[2]);
                } else {
                    b.unsupportedConverter(f[1], f[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
