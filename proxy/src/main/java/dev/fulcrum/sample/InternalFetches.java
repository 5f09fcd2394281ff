package dev.fulcrum.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import static dev.fulcrum.sample.ArgType.*;
import static dev.fulcrum.sample.SampleSource.CONST;
import static dev.fulcrum.sample.SampleSource.INTRN;

/**
 * Fetches that read no client data (configuration.txt 7.3.2): constants, the
 * clock, randomness, the environment, variables and process state.
 */
final class InternalFetches implements SampleProvider {

    @Override
    public void register(SampleRegistry.Builder r) {
        r.fetch("always_false", SampleType.BOOL, INTRN, (ctx, out) -> out.setBool(false));
        r.fetch("always_true", SampleType.BOOL, INTRN, (ctx, out) -> out.setBool(true));
        r.fetch("int", ArgSpec.of(1, SINT), SampleType.SINT, CONST, (a, cc) -> {
            long v = a.sint(0);
            return (ctx, out) -> out.setSint(v);
        });
        r.fetch("str", ArgSpec.of(1, STR), SampleType.STR, CONST, (a, cc) -> {
            String v = a.str(0);
            return (ctx, out) -> out.setStr(v);
        });
        r.fetch("ipv4", ArgSpec.of(1, IPV4), SampleType.IPV4, CONST, (a, cc) -> {
            int v = a.ipv4(0);
            return (ctx, out) -> out.setIpv4(v);
        });
        r.fetch("ipv6", ArgSpec.of(1, IPV6), SampleType.IPV6, CONST, (a, cc) -> {
            byte[] v = a.ipv6(0);
            return (ctx, out) -> out.setIpv6(v, 0);
        });
        r.fetch("bin", ArgSpec.of(1, STR), SampleType.BIN, CONST, (a, cc) -> {
            byte[] v = Hex.parse(a.str(0));
            return (ctx, out) -> out.setBin(v);
        });
        r.fetch("bool", ArgSpec.of(1, STR), SampleType.BOOL, CONST, (a, cc) -> {
            boolean v = switch (a.str(0)) {
                case "true", "1" -> true;
                case "false", "0" -> false;
                default -> throw new ArgException("Expects 'true', 'false', '0' or '1'");
            };
            return (ctx, out) -> out.setBool(v);
        });
        r.fetch("meth", ArgSpec.of(1, STR), SampleType.METH, CONST, (a, cc) -> {
            String text = a.str(0);
            HttpMethod m = HttpMethod.of(text);
            return (ctx, out) -> out.setMethod(m, text);
        });
        r.fetch("env", ArgSpec.of(1, STR), SampleType.STR, INTRN, (a, cc) -> {
            String name = a.str(0);
            Function<String, String> env = cc.environment();
            return (ctx, out) -> {
                String v = name.isEmpty() ? null : env.apply(name);
                return v != null && out.setStr(v);
            };
        });
        r.fetch("date", ArgSpec.of(0, SINT, STR), SampleType.SINT, INTRN, InternalFetches::date);
        r.fetch("date_us", SampleType.SINT, INTRN, (ctx, out) -> out.setSint(ctx.nowMicrosPart()));
        r.fetch("rand", ArgSpec.of(0, SINT), SampleType.SINT, INTRN, (a, cc) -> {
            boolean ranged = a.has(0);
            long range = a.sint(0, 0);
            return (ctx, out) -> {
                long r32 = ThreadLocalRandom.current().nextInt() & 0xffffffffL;
                // a value in [0, range) keeping the 32 random bits' uniformity: (r32 * range) / 2^32
                long v = ranged ? Math.multiplyHigh(r32, range) << 32 | (r32 * range) >>> 32 : r32;
                return out.setSint(v);
            };
        });
        r.fetch("uuid", ArgSpec.of(0, SINT), SampleType.STR, INTRN, (a, cc) -> {
            if (a.has(0) && a.sint(0) != 4) {
                throw new ArgException("Unsupported UUID version: '" + a.sint(0) + "'");
            }
            return (ctx, out) -> out.setStr(uuid4());
        });
        r.fetch("var", ArgSpec.of(1, VAR, STR), SampleType.ANY, INTRN, (a, cc) -> {
            VarRef ref = varRef(a.str(0));
            String fallback = a.str(1, null);
            return (ctx, out) -> ref.get(ctx, out) || fallback != null && out.setStr(fallback);
        });
        r.fetch("hostname", SampleType.STR, INTRN, (ctx, out) -> out.setStr(Host.NAME));
        r.fetch("nbproc", SampleType.SINT, INTRN, (ctx, out) -> out.setSint(1));
        r.fetch("proc", SampleType.SINT, INTRN, (ctx, out) -> out.setSint(1));
        r.fetch("thread", SampleType.SINT, INTRN, (ctx, out) -> out.setSint(ctx.threadIndex()));
        r.fetch("stopping", SampleType.BOOL, INTRN, (ctx, out) -> out.setBool(ctx.stopping()));
        r.fetch("unique-id", SampleType.STR, INTRN, (ctx, out) -> {
            String id = ctx.uniqueId();
            return id != null && out.setStr(id);
        });
        r.fetch("wait_end", SampleType.BOOL, INTRN, (ctx, out) -> {
            if (!ctx.isFinal()) {
                out.mayChange = true;
                return false;
            }
            return out.setBool(true);
        });
    }

    /** Parses a variable name argument, with HAProxy's message on error. */
    static VarRef varRef(String text) throws ArgException {
        try {
            return VarRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ArgException(e.getMessage());
        }
    }

    private static Fetch date(Args a, CompileContext cc) throws ArgException {
        long offset = a.sint(0, 0);
        String unit = a.str(1, "s");
        return switch (unit) {
            case "s" -> (ctx, out) -> out.setSint(ctx.nowMillis() / 1000 + offset);
            case "ms" -> (ctx, out) -> out.setSint(ctx.nowMillis() + offset);
            case "us" -> (ctx, out) -> out.setSint((ctx.nowMillis() / 1000) * 1_000_000 + ctx.nowMicrosPart()
                    + offset);
            default -> throw new ArgException("expects 's', 'ms' or 'us', got '" + unit + "'");
        };
    }

    /** A random (version 4) UUID in the usual lowercase 8-4-4-4-12 form. */
    private static String uuid4() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xf000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new java.util.UUID(hi, lo).toString();
    }

    /** The system host name ({@code hostname}, {@code %H}). */
    static String hostname() {
        return Host.NAME;
    }

    /** The system host name, read once. */
    private static final class Host {
        static final String NAME = read();

        private static String read() {
            try {
                Path p = Path.of("/proc/sys/kernel/hostname");
                if (Files.isReadable(p)) {
                    return Files.readString(p).trim();
                }
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "localhost";
            }
        }
    }
}
