package dev.fulcrum.sample;

import java.util.function.LongBinaryOperator;

import static dev.fulcrum.sample.ArgType.STR;

/**
 * Integer converters (configuration.txt 7.3.1). Results saturate instead of
 * wrapping, division by zero gives the largest integer and modulo by zero gives
 * 0, as haproxy 2.6 does. The operand is a constant or a variable name; an empty
 * operand is 0.
 */
final class ArithmeticConverters implements SampleProvider {

    @Override
    public void register(SampleRegistry.Builder r) {
        binary(r, "add", ArithmeticConverters::add);
        binary(r, "sub", (x, y) -> y == Long.MIN_VALUE ? (x >= 0 ? Long.MAX_VALUE : x - y) : add(x, -y));
        binary(r, "mul", ArithmeticConverters::mul);
        binary(r, "div", (x, y) -> y == 0 || x == Long.MIN_VALUE && y == -1 ? Long.MAX_VALUE : x / y);
        binary(r, "mod", (x, y) -> y == 0 || y == -1 ? 0 : x % y);
        binary(r, "and", (x, y) -> x & y);
        binary(r, "or", (x, y) -> x | y);
        binary(r, "xor", (x, y) -> x ^ y);
        r.converter("neg", SampleType.SINT, SampleType.SINT, (ctx, s) ->
                s.setSint(s.sint() == Long.MIN_VALUE ? Long.MAX_VALUE : -s.sint()));
        r.converter("cpl", SampleType.SINT, SampleType.SINT, (ctx, s) -> s.setSint(~s.sint()));
        r.converter("not", SampleType.SINT, SampleType.BOOL, (ctx, s) -> s.setBool(s.sint() == 0));
        r.converter("bool", SampleType.SINT, SampleType.BOOL, (ctx, s) -> s.setBool(s.sint() != 0));
        r.converter("even", SampleType.SINT, SampleType.BOOL, (ctx, s) -> s.setBool((s.sint() & 1) == 0));
        r.converter("odd", SampleType.SINT, SampleType.BOOL, (ctx, s) -> s.setBool((s.sint() & 1) != 0));
    }

    static long add(long x, long y) {
        long r = x + y;
        if (((x ^ r) & (y ^ r)) < 0) {
            return x < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    static long mul(long x, long y) {
        long hi = Math.multiplyHigh(x, y);
        long lo = x * y;
        if (hi == 0 && lo >= 0 || hi == -1 && lo < 0) {
            return lo;
        }
        return (x < 0) == (y < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
    }

    private static void binary(SampleRegistry.Builder r, String name, LongBinaryOperator op) {
        r.converter(name, ArgSpec.of(1, STR), SampleType.SINT, SampleType.SINT, (a, cc) -> {
            String arg = a.str(0);
            Long constant = arg.isEmpty() ? Long.valueOf(0) : ExprParser.parseSint(arg);
            if (constant != null) {
                long c = constant;
                return (ctx, s) -> s.setSint(op.applyAsLong(s.sint(), c));
            }
            VarRef var;
            try {
                var = VarRef.parse(arg);
            } catch (IllegalArgumentException e) {
                throw new ArgException("expects an integer or a variable name");
            }
            return (ctx, s) -> {
                Sample v = s.scratch();
                if (!var.get(ctx, v) || !v.castTo(SampleType.SINT)) {
                    return false;
                }
                return s.setSint(op.applyAsLong(s.sint(), v.sint()));
            };
        });
    }
}
