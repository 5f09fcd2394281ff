package dev.fulcrum.tls;

import javax.net.ssl.SSLContext;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenSSL cipher strings ({@code ciphers}, {@code ssl-default-server-ciphers})
 * and TLS 1.3 suite lists ({@code ciphersuites}) read into the JDK's suite
 * names, as far as the JDK offers them. A cipher string is OpenSSL's: elements
 * separated by {@code :} (or {@code ,} or spaces), each a suite name
 * ({@code ECDHE-RSA-AES128-GCM-SHA256}) or an alias ({@code HIGH}, {@code ECDHE},
 * {@code AESGCM}, {@code aRSA}...), several joined by {@code +} for their
 * intersection, prefixed with {@code !} (removed for good), {@code -} (removed)
 * or {@code +} (moved to the end); {@code @STRENGTH} sorts by key size. As in
 * OpenSSL, names it does not know are skipped; a list that leaves no suite is
 * refused with haproxy's message.
 */
public final class CipherList {

    /** A TLS 1.2 (or older) suite the JDK enables, with the attributes OpenSSL's aliases select on. */
    record Suite(String jdk, String openssl, String kx, String au, String enc, int bits, String mac) {
    }

    private static final Pattern JDK_NAME = Pattern.compile(
            "TLS_(ECDHE_ECDSA|ECDHE_RSA|DHE_RSA|DHE_DSS|RSA)_WITH_(AES_128_GCM|AES_256_GCM|AES_128_CBC|AES_256_CBC"
                    + "|CHACHA20_POLY1305)_(SHA|SHA256|SHA384)");

    /** The TLS 1.3 suites OpenSSL knows (the CCM ones the JDK does not have). */
    private static final Set<String> TLS13_NAMES = Set.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256");

    /** The JDK's enabled TLS 1.2 suites that have an OpenSSL name, in the JDK's order of preference. */
    static final List<Suite> TLS12;
    /** The JDK's enabled TLS 1.3 suites, in its order of preference. */
    static final List<String> TLS13;

    static {
        List<Suite> tls12 = new ArrayList<>();
        List<String> tls13 = new ArrayList<>();
        String[] enabled;
        try {
            enabled = SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites();
        } catch (NoSuchAlgorithmException e) {
            enabled = new String[0];
        }
        for (String name : enabled) {
            if (TLS13_NAMES.contains(name)) {
                tls13.add(name);
                continue;
            }
            Matcher m = JDK_NAME.matcher(name);
            if (m.matches()) {
                tls12.add(suite(name, m.group(1), m.group(2), m.group(3)));
            }
        }
        TLS12 = List.copyOf(tls12);
        TLS13 = List.copyOf(tls13);
    }

    /** OpenSSL aliases that select nothing the JDK offers (weak, exotic or static-key suites). */
    private static final Set<String> ALIASES_WITHOUT_SUITES = Set.of("MEDIUM", "LOW", "EXPORT", "eNULL", "NULL",
            "aNULL", "RC4", "MD5", "DES", "3DES", "IDEA", "SEED", "CAMELLIA", "CAMELLIA128", "CAMELLIA256", "ARIA",
            "ARIA128", "ARIA256", "ARIAGCM", "AESCCM", "AESCCM8", "CCM", "PSK", "kPSK", "aPSK", "kECDHEPSK",
            "kDHEPSK", "kRSAPSK", "ECDHEPSK", "DHEPSK", "RSAPSK", "SRP", "kSRP", "aSRP", "GOST", "kGOST", "aGOST",
            "kECDH", "aECDH", "ECDH", "ADH", "AECDH", "COMPLEMENTOFDEFAULT", "COMPLEMENTOFALL", "SUITEB128",
            "SUITEB128ONLY", "SUITEB192", "CBC", "kDH", "aDH");

    private CipherList() {
    }

    private static Suite suite(String jdk, String kxAu, String enc, String mac) {
        String kx = kxAu.startsWith("ECDHE") ? "ECDHE" : kxAu.startsWith("DHE") ? "DHE" : "RSA";
        String au = kxAu.endsWith("ECDSA") ? "ECDSA" : kxAu.endsWith("DSS") ? "DSS" : "RSA";
        int bits = enc.contains("128") ? 128 : 256;
        String cipher = switch (enc) {
            case "AES_128_GCM" -> "AES128-GCM";
            case "AES_256_GCM" -> "AES256-GCM";
            case "AES_128_CBC" -> "AES128";
            case "AES_256_CBC" -> "AES256";
            default -> "CHACHA20-POLY1305";
        };
        String prefix = kx.equals("RSA") ? "" : kxAu.replace('_', '-') + "-";
        String suffix = enc.startsWith("CHACHA") ? "" : "-" + mac;
        return new Suite(jdk, prefix + cipher + suffix, kx, au, enc, bits, mac.equals("SHA") ? "SHA1" : mac);
    }

    /**
     * The JDK suites an OpenSSL cipher string selects, in its order.
     *
     * @throws IllegalArgumentException {@code unable to set SSL cipher list to '<spec>'.} when none is left
     */
    public static List<String> ciphers(String spec) {
        List<Suite> current = new ArrayList<>();
        Set<Suite> killed = new HashSet<>();
        boolean recognized = false;
        for (String element : spec.split("[:, ]+")) {
            if (element.isEmpty()) {
                continue;
            }
            if (element.startsWith("@")) {
                if (element.equals("@STRENGTH")) {
                    current.sort(Comparator.comparingInt(Suite::bits).reversed());
                }
                continue; // @SECLEVEL=n: the JDK's own policy applies
            }
            char op = element.charAt(0);
            String body = "!-+".indexOf(op) >= 0 ? element.substring(1) : element;
            Predicate<Suite> selects = s -> true;
            boolean known = true;
            for (String part : body.split("\\+")) {
                Predicate<Suite> p = alias(part);
                known &= p != null || ALIASES_WITHOUT_SUITES.contains(part);
                selects = selects.and(p != null ? p : s -> false);
            }
            recognized |= known;
            List<Suite> matching = TLS12.stream().filter(selects).toList();
            switch (op) {
                case '!' -> {
                    current.removeAll(matching);
                    killed.addAll(matching);
                }
                case '-' -> current.removeAll(matching);
                case '+' -> {
                    List<Suite> moved = current.stream().filter(matching::contains).toList();
                    current.removeAll(moved);
                    current.addAll(moved);
                }
                default -> {
                    for (Suite s : matching) {
                        if (!killed.contains(s) && !current.contains(s)) {
                            current.add(s);
                        }
                    }
                }
            }
        }
        if (current.isEmpty()) {
            throw new IllegalArgumentException("unable to set SSL cipher list to '" + spec + "'"
                    + (recognized ? " (none of these ciphers is available to Fulcrum's TLS)." : "."));
        }
        return current.stream().map(Suite::jdk).toList();
    }

    /**
     * The JDK suites of a TLS 1.3 list ({@code TLS_AES_128_GCM_SHA256:...}); unknown names are skipped.
     *
     * @throws IllegalArgumentException {@code unable to set TLS 1.3 cipher suites to '<spec>'.} when none is left
     */
    public static List<String> suites(String spec) {
        Set<String> out = new LinkedHashSet<>();
        boolean recognized = false;
        for (String name : spec.split(":")) {
            recognized |= TLS13_NAMES.contains(name);
            if (TLS13.contains(name)) {
                out.add(name);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("unable to set TLS 1.3 cipher suites to '" + spec + "'"
                    + (recognized ? " (none of these suites is available to Fulcrum's TLS)." : "."));
        }
        return List.copyOf(out);
    }

    /** The JDK's TLS 1.2 suites for an unset {@code ciphers}. */
    static List<String> defaultCiphers() {
        return TLS12.stream().map(Suite::jdk).toList();
    }

    /** What an OpenSSL alias or suite name selects, or {@code null} for a name this table does not know. */
    private static Predicate<Suite> alias(String name) {
        return switch (name) {
            case "ALL", "DEFAULT", "HIGH" -> s -> true;
            case "kRSA", "RSA" -> s -> s.kx().equals("RSA");
            case "aRSA" -> s -> s.au().equals("RSA");
            case "kECDHE", "kEECDH", "ECDHE", "EECDH" -> s -> s.kx().equals("ECDHE");
            case "kDHE", "kEDH", "DHE", "EDH", "DH" -> s -> s.kx().equals("DHE");
            case "aECDSA", "ECDSA" -> s -> s.au().equals("ECDSA");
            case "aDSS", "DSS" -> s -> s.au().equals("DSS");
            case "AES" -> s -> s.enc().startsWith("AES");
            case "AES128" -> s -> s.enc().startsWith("AES") && s.bits() == 128;
            case "AES256" -> s -> s.enc().startsWith("AES") && s.bits() == 256;
            case "AESGCM" -> s -> s.enc().endsWith("GCM");
            case "CHACHA20" -> s -> s.enc().startsWith("CHACHA20");
            case "AEAD" -> s -> s.enc().endsWith("GCM") || s.enc().startsWith("CHACHA20");
            case "SHA1", "SHA" -> s -> s.mac().equals("SHA1");
            case "SHA256" -> s -> s.mac().equals("SHA256");
            case "SHA384" -> s -> s.mac().equals("SHA384");
            case "TLSv1.2" -> s -> !s.mac().equals("SHA1");
            case "TLSv1", "TLSv1.0", "SSLv3" -> s -> s.mac().equals("SHA1");
            default -> {
                for (Suite s : TLS12) {
                    if (s.openssl().equals(name)) {
                        yield x -> x == s;
                    }
                }
                yield null;
            }
        };
    }
}
