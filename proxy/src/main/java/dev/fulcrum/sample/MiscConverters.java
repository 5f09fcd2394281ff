package dev.fulcrum.sample;

import static dev.fulcrum.sample.ArgType.MSK4;
import static dev.fulcrum.sample.ArgType.MSK6;
import static dev.fulcrum.sample.ArgType.SINT;
import static dev.fulcrum.sample.ArgType.STR;
import static dev.fulcrum.sample.ArgType.VAR;

/**
 * {@code ipmask}, the variable converters, {@code capture-req}/{@code capture-res}
 * and {@code debug} (configuration.txt 7.3.1).
 */
final class MiscConverters implements SampleProvider {

    @Override
    public void register(SampleRegistry.Builder r) {
        r.converter("ipmask", ArgSpec.of(1, MSK4, MSK6), SampleType.ADDR, SampleType.IPV4, (a, cc) -> {
            int mask4 = a.ipv4(0);
            byte[] mask6 = a.has(1) ? a.ipv6(1) : null;
            return (ctx, s) -> {
                if (s.type() == SampleType.IPV6) {
                    byte[] v6 = s.ipv6();
                    if (isMapped(v6)) {
                        return s.setIpv4(Inet.readInt(v6, 12) & mask4);
                    }
                    if (mask6 == null) {
                        return false; // without an IPv6 mask, IPv6 addresses do not convert (HAProxy compatibility)
                    }
                    byte[] out = new byte[16];
                    for (int i = 0; i < 16; i++) {
                        out[i] = (byte) (v6[i] & mask6[i]);
                    }
                    return s.setIpv6(out, 0);
                }
                return s.setIpv4(s.ipv4() & mask4);
            };
        });
        r.converter("set-var", ArgSpec.of(1, VAR, STR, STR, STR, STR), SampleType.ANY, SampleType.ANY, (a, cc) -> {
            VarRef var = InternalFetches.varRef(a.str(0));
            int conditions = 0;
            for (int i = 1; i < a.count(); i++) {
                try {
                    conditions |= VarRef.condition(a.str(i));
                } catch (IllegalArgumentException e) {
                    throw new ArgException(e.getMessage());
                }
            }
            int c = conditions;
            // the converter fails when a condition does not hold, as in haproxy 2.6
            return (ctx, s) -> var.set(ctx, s, c);
        });
        r.converter("unset-var", ArgSpec.of(1, VAR), SampleType.ANY, SampleType.ANY, (a, cc) -> {
            VarRef var = InternalFetches.varRef(a.str(0));
            return (ctx, s) -> {
                var.unset(ctx);
                return true;
            };
        });
        // debug sends a copy of the sample to an event ring; Fulcrum has none yet, the sample passes through
        r.converter("debug", ArgSpec.of(0, STR, STR), SampleType.ANY, SampleType.ANY, (a, cc) -> (ctx, s) -> true);
        // the value goes into the slot (cut to its length) and on unchanged; no such slot fails
        r.converter("capture-req", ArgSpec.of(1, SINT), SampleType.STR, SampleType.STR, (a, cc) -> {
            int id = (int) a.sint(0);
            return (ctx, s) -> ctx.captureRequest(id, s.str());
        });
        r.converter("capture-res", ArgSpec.of(1, SINT), SampleType.STR, SampleType.STR, (a, cc) -> {
            int id = (int) a.sint(0);
            return (ctx, s) -> ctx.captureResponse(id, s.str());
        });
    }

    private static boolean isMapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }
}
