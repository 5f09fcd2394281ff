package dev.fulcrum.action;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.http.ErrorPages;
import dev.fulcrum.http.ErrorSettings;
import dev.fulcrum.logformat.LogFormat;
import dev.fulcrum.logformat.LogFormatException;
import dev.fulcrum.sample.CompileContext;
import dev.fulcrum.sample.UseSite;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code http-error status <code> [content-type <type>] [body] [hdr <name> <fmt>]*}
 * proxy keyword: a custom page for an error Fulcrum generates, written with the
 * reply arguments of {@code http-request return}. It lands where {@code errorfile}
 * puts its pages, so the last of the two for a status wins, {@code defaults}
 * sections hand it down, and every generated error (deny, 502, 503, 504...) and
 * {@code deny}/{@code tarpit} without a body of their own uses it.
 *
 * <p>{@code errorfiles <name>} imports the status from an http-errors section
 * (resolved once every section is known); {@code default-errorfiles} drops the
 * proxy's page for the status, so a backend falls back to its frontend's and a
 * frontend to the built-in one. A page whose body or header values are
 * log-formats that depend on the stream is refused for now.
 */
final class HttpErrorKeyword {

    private HttpErrorKeyword() {
    }

    static void parse(KeywordContext ctx) throws ConfigException {
        if (!ctx.args(0).contains("status")) {
            throw ctx.error("http-error : expects at least a <status> as arguments.\n");
        }
        HttpReply reply = HttpReply.parse(args(ctx), 0, -1, false);
        int status = reply.status();
        if (!ErrorPages.has(status)) {
            throw ctx.error("http-error: status code '" + status + "' not handled.");
        }
        Map<Integer, ErrorPages.Page> pages = new HashMap<>(ctx.settings().get(ErrorSettings.PAGES));
        if (reply.errorSection() != null) {
            // the same import "errorfiles <name> <status>" makes, checked once every section is known
            pages.remove(status);
            ctx.settings().add(ErrorSettings.IMPORTS, new ErrorSettings.Import(reply.errorSection(), List.of(status),
                    ctx.location()));
        } else if (reply.isDefaultErrorPage()) {
            pages.remove(status);
        } else {
            ErrorPages.Page page = reply.fixedPage();
            if (page == null) {
                throw ctx.error("'http-error' with a log-format body or header is not supported yet by Fulcrum "
                        + "(dynamic error pages).");
            }
            pages.put(status, page);
        }
        ctx.settings().set(ErrorSettings.PAGES, Map.copyOf(pages));
    }

    /** The keyword's arguments, with HAProxy's "http-error : message" wording. */
    private static HttpReply.Args args(KeywordContext ctx) {
        return new HttpReply.Args() {
            public int count() {
                return ctx.argCount();
            }

            public String arg(int i) {
                return ctx.arg(i);
            }

            public ConfigException error(String base) {
                return ctx.error("http-error : " + base);
            }

            public void warn(String message) {
                ctx.warn(message);
            }

            public Fmt format(String text) throws ConfigException {
                UseSite site = UseSite.httpRequest(ctx.proxy().hasFrontend());
                try {
                    return Fmt.of(LogFormat.parse(text, CompileContext.of(ctx, site, "http-error"),
                            LogFormat.Target.HTTP));
                } catch (LogFormatException e) {
                    throw error(e.getMessage());
                }
            }

            public ConfigException unknown(int i) {
                return ctx.error("http-error : unknown keyword '" + ctx.arg(i) + "'.");
            }
        };
    }
}
