package dev.fulcrum.check;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs the parsing and matching code of checks once on the starting thread, so
 * that loading those classes does not happen inside the first check runs on the
 * event loops, where it would count against short intervals and timeouts.
 */
final class Warmup {

    private Warmup() {
    }

    static void run() {
        byte[] response = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1);
        HttpCheckResponse.parse(response, response.length, true);
        Expectations.evaluate(Rules.httpStatus(List.of(new int[] {200, 399}), false), response, response.length,
                true, false, 1, "");
        CheckPlans.DEFAULT_REQUEST.method();
        new CheckPlan(CheckPlan.Kind.HTTP, List.of(), false, CheckPlans.DEFAULT_REQUEST, false, false, 16384)
                .request(CheckPlans.DEFAULT_REQUEST, null, new CheckContext(CheckContext.Scope.detached()));
        java.util.regex.Pattern.compile("^[23]").matcher("200").find();
        new CheckResult(CheckStatus.L7OK, 200, "", 0).reason();
        new io.netty.bootstrap.Bootstrap();
        // HTTP/2 checks build their codec on the event loop: its classes are loaded here instead
        io.netty.handler.codec.http2.Http2FrameCodecBuilder.forClient().build();
    }
}
