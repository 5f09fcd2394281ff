package dev.fulcrum.action;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.Units;

import java.util.List;

/**
 * {@code capture request header <name> len <n>}, {@code capture response header
 * <name> len <n>} and {@code declare capture request|response len <n>}: each
 * declares the next capture slot of its direction (shared with
 * {@code http-request capture ... len}), in declaration order.
 */
final class CaptureKeywords {

    /** A header captured into {@code slot} when the message head arrives. */
    record HeaderCapture(String name, int slot) {
    }

    private CaptureKeywords() {
    }

    /** Declares a new slot; returns its index. */
    static int declare(KeywordContext ctx, boolean response, int len) {
        var key = response ? ActionSettings.RESPONSE_CAPTURES : ActionSettings.REQUEST_CAPTURES;
        int slot = ctx.settings().get(key).size();
        ctx.settings().add(key, len);
        return slot;
    }

    /** {@code capture request|response header <name> len <n>} (the keyword is the first three words). */
    static void header(KeywordContext ctx, boolean response) throws ConfigException {
        String dir = response ? "response" : "request";
        if (ctx.arg(0).isEmpty() || !ctx.arg(1).equals("len") || ctx.arg(2).isEmpty()) {
            throw ctx.error("'capture " + dir + "' expects 'header' <header_name> 'len' <len>.");
        }
        long len = Units.atol(ctx.arg(2));
        if (len <= 0) {
            throw ctx.error("'capture " + dir + "' expects 'header' <header_name> 'len' <len>.");
        }
        int slot = declare(ctx, response, (int) len);
        ctx.settings().add(response ? ActionSettings.RESPONSE_HEADER_CAPTURES : ActionSettings.REQUEST_HEADER_CAPTURES,
                new HeaderCapture(ctx.arg(0), slot));
    }

    /** {@code declare capture request|response len <n>}. */
    static void declareCapture(KeywordContext ctx) throws ConfigException {
        String dir = ctx.arg(0);
        if (!ctx.arg(1).equals("len") || ctx.arg(2).isEmpty()) {
            throw ctx.error("'declare capture' requires a capture length ('len')");
        }
        if (!dir.equals("request") && !dir.equals("response")) {
            throw ctx.error("'declare capture' requires a direction ('request' or 'response')");
        }
        long len = Units.atol(ctx.arg(2));
        if (len <= 0) {
            throw ctx.error("'declare capture' requires a capture length ('len')");
        }
        declare(ctx, dir.equals("response"), (int) len);
    }

    /** The request slots' lengths as an array, for {@link Captures}. */
    static int[] lengths(List<Integer> l) {
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = l.get(i);
        }
        return out;
    }
}
