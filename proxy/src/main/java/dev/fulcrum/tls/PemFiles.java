package dev.fulcrum.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the PEM files of {@code ca-file} and {@code crt} when the configuration
 * is parsed, with haproxy -c's messages. Keys are read in PKCS#8
 * ({@code BEGIN PRIVATE KEY}, what {@code openssl} writes today) and PKCS#1 RSA
 * ({@code BEGIN RSA PRIVATE KEY}); other key encodings are refused with the
 * command that converts them.
 */
public final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final List<String> CA_SUFFIXES = List.of(".pem", ".crt", ".cer");

    private PemFiles() {
    }

    /**
     * Loads a {@code ca-file}: a PEM file of certificates, a directory of them,
     * or {@code @system-ca}.
     *
     * @throws IllegalArgumentException with HAProxy's message when nothing usable is found
     */
    public static TrustedCas cas(String path) {
        if (path.equals("@system-ca")) {
            return new TrustedCas(path, List.of(), true);
        }
        Path p = Path.of(path);
        List<X509Certificate> out = new ArrayList<>();
        if (Files.isDirectory(p)) {
            // like HAProxy, a directory contributes every CA file it can read; the others are skipped
            try (Stream<Path> files = Files.list(p)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (!name.startsWith(".") && CA_SUFFIXES.stream().anyMatch(name::endsWith)) {
                        try {
                            out.addAll(certificates(Files.readString(p.resolve(name), StandardCharsets.ISO_8859_1)));
                        } catch (IOException | CertificateException e) {
                            // skipped, as HAProxy only warns about it
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("Couldn't open the ca-file '" + path + "' (" + reason(e) + ").");
            }
        } else {
            try {
                out.addAll(certificates(Files.readString(p, StandardCharsets.ISO_8859_1)));
            } catch (IOException e) {
                throw new IllegalArgumentException("Couldn't open the ca-file '" + path + "' (" + reason(e) + ").");
            } catch (CertificateException e) {
                out.clear();
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Couldn't open the ca-file '" + path + "' (no certificate or crl found).");
        }
        return new TrustedCas(path, out, false);
    }

    /**
     * Loads a {@code crt}: a certificate chain with its key in the same file or
     * in {@code <path>.key}.
     *
     * @throws IllegalArgumentException with HAProxy's message when the file is missing or incomplete
     */
    public static KeyCertificate keyCertificate(String path) {
        String text;
        try {
            text = Files.readString(Path.of(path), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("unable to stat SSL certificate from file '" + path + "' : "
                    + reason(e) + ".");
        }
        List<X509Certificate> chain;
        try {
            chain = certificates(text);
        } catch (CertificateException e) {
            chain = List.of();
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("unable to load certificate from file '" + path + "'.");
        }
        PrivateKey key = privateKey(text, path);
        if (key == null) {
            String keyPath = path + ".key";
            try {
                key = privateKey(Files.readString(Path.of(keyPath), StandardCharsets.ISO_8859_1), keyPath);
            } catch (IOException e) {
                key = null;
            }
            if (key == null) {
                throw new IllegalArgumentException("No Private Key found in '" + keyPath + "'.");
            }
        }
        return new KeyCertificate(path, chain, key);
    }

    private static List<X509Certificate> certificates(String pem) throws CertificateException {
        CertificateFactory f = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            if (m.group(1).equals("CERTIFICATE") || m.group(1).equals("TRUSTED CERTIFICATE")) {
                out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(decode(m.group(2)))));
            }
        }
        return out;
    }

    /** The first private key of the text, or {@code null} when it has none. */
    private static PrivateKey privateKey(String pem, String path) {
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            if (!type.endsWith("PRIVATE KEY")) {
                continue;
            }
            byte[] der = decode(m.group(2));
            return switch (type) {
                case "PRIVATE KEY" -> pkcs8(der, path);
                case "RSA PRIVATE KEY" -> pkcs8(rsaToPkcs8(der), path);
                default -> throw new IllegalArgumentException("unable to load the private key of '" + path
                        + "': '" + type + "' is not supported yet by Fulcrum (convert it with 'openssl pkcs8 -topk8"
                        + " -nocrypt').");
            };
        }
        return null;
    }

    private static PrivateKey pkcs8(byte[] der, String path) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm: PKCS#8 names it inside, the JDK wants it up front
            }
        }
        throw new IllegalArgumentException("unable to load the private key of '" + path + "'.");
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, NULL). */
    private static byte[] rsaToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
                0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] length;
        if (n < 0x80) {
            length = new byte[] {(byte) n};
        } else if (n < 0x100) {
            length = new byte[] {(byte) 0x81, (byte) n};
        } else if (n < 0x10000) {
            length = new byte[] {(byte) 0x82, (byte) (n >>> 8), (byte) n};
        } else {
            length = new byte[] {(byte) 0x83, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        }
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, n);
        return out;
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64.strip());
    }

    /** The system's wording of a file error, as HAProxy prints strerror(). */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
