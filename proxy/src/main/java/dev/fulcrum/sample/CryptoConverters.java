package dev.fulcrum.sample;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static dev.fulcrum.sample.ArgType.SINT;
import static dev.fulcrum.sample.ArgType.STR;
import static dev.fulcrum.sample.ArgType.VAR;

/**
 * Digest converters on the JDK's MessageDigest and Mac: {@code sha1},
 * {@code sha2}, {@code digest}, {@code hmac} and {@code secure_memcmp}.
 * Algorithms take OpenSSL's names ({@code sha256}, {@code sha3-256},
 * {@code md5}...), in any case. Instances are created per evaluation (they are
 * not thread-safe) from a provider resolved once at configuration time.
 */
final class CryptoConverters implements SampleProvider {

    @Override
    public void register(SampleRegistry.Builder r) {
        r.converter("sha1", SampleType.BIN, SampleType.BIN, digest("SHA-1"));
        r.converter("sha2", ArgSpec.of(0, SINT), SampleType.BIN, SampleType.BIN, (a, cc) -> {
            long bits = a.sint(0, 256);
            if (bits != 224 && bits != 256 && bits != 384 && bits != 512) {
                throw new ArgException("Unsupported number of bits: '" + bits + "'");
            }
            return digest("SHA-" + bits);
        });
        r.converter("digest", ArgSpec.of(1, STR), SampleType.BIN, SampleType.BIN, (a, cc) -> {
            String alg = jdkName(a.str(0));
            try {
                MessageDigest.getInstance(alg);
            } catch (NoSuchAlgorithmException e) {
                throw new ArgException("algorithm must be a valid OpenSSL message digest name.");
            }
            return digest(alg);
        });
        r.converter("hmac", ArgSpec.of(2, STR, STR), SampleType.BIN, SampleType.BIN, CryptoConverters::hmac);
        r.converter("secure_memcmp", ArgSpec.of(1, VAR), SampleType.BIN, SampleType.BOOL, (a, cc) -> {
            VarRef var = StringConverters.requiredVar(a.str(0));
            return (ctx, s) -> {
                Sample other = s.scratch();
                if (!var.get(ctx, other) || !other.castTo(SampleType.BIN)) {
                    return false;
                }
                return s.setBool(MessageDigest.isEqual(s.binCopy(), other.binCopy()));
            };
        });
    }

    /** The base64-decoded content of a key variable, or {@code null} when it is missing or not base64. */
    private static byte[] variableKey(SampleContext ctx, VarRef var, Sample v) {
        if (!var.get(ctx, v) || !v.castTo(SampleType.STR)) {
            return null;
        }
        try {
            byte[] k = Base64.getDecoder().decode(v.str().getBytes(StandardCharsets.ISO_8859_1));
            return k.length == 0 ? null : k;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** OpenSSL digest names as the JDK spells them ({@code sha256} is {@code SHA-256}). */
    static String jdkName(String openssl) {
        String n = openssl.toUpperCase(Locale.ROOT);
        if (n.matches("SHA(1|224|256|384|512)")) {
            return "SHA-" + n.substring(3);
        }
        if (n.matches("SHA512-(224|256)")) {
            return "SHA-512/" + n.substring(7);
        }
        return n;
    }

    /** A digest converter; each event loop thread keeps its own MessageDigest (they are not thread-safe). */
    private static Converter digest(String alg) {
        ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance(alg);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(alg, e); // checked when the converter was compiled
            }
        });
        return (ctx, s) -> {
            MessageDigest md = digests.get();
            md.update(s.binArray(), s.binOffset(), s.binLength());
            return s.setBin(md.digest());
        };
    }

    private static Converter hmac(Args a, CompileContext cc) throws ArgException {
        String jdk = jdkName(a.str(0));
        String alg = "Hmac" + (jdk.startsWith("SHA-") ? "SHA" + jdk.substring(4) : jdk);
        try {
            Mac.getInstance(alg);
        } catch (NoSuchAlgorithmException e) {
            throw new ArgException("algorithm must be a valid OpenSSL message digest name.");
        }
        String key = a.str(1);
        VarRef var = null;
        byte[] constant = null;
        try {
            var = VarRef.parse(key);
        } catch (IllegalArgumentException notAVariable) {
            try {
                constant = Base64.getDecoder().decode(key);
            } catch (IllegalArgumentException e) {
                constant = null;
            }
            if (constant == null || constant.length == 0) {
                throw new ArgException("failed to parse key : argument needs to be base64 encoded, and can either "
                        + "be a string or a variable");
            }
        }
        byte[] fixedKey = constant;
        VarRef keyVar = var;
        ThreadLocal<Mac> keyed = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(alg);
                if (fixedKey != null) {
                    mac.init(new SecretKeySpec(fixedKey, alg));
                }
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(alg, e); // checked when the converter was compiled
            }
        });
        return (ctx, s) -> {
            Mac mac = keyed.get();
            if (fixedKey == null) {
                byte[] k = variableKey(ctx, keyVar, s.scratch());
                if (k == null) {
                    return false;
                }
                try {
                    mac.init(new SecretKeySpec(k, alg));
                } catch (GeneralSecurityException e) {
                    return false;
                }
            }
            mac.update(s.binArray(), s.binOffset(), s.binLength());
            return s.setBin(mac.doFinal());
        };
    }
}
