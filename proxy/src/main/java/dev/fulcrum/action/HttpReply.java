package dev.fulcrum.action;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.SectionConfig;
import dev.fulcrum.http.ErrorPages;
import dev.fulcrum.http.HttpHeaders;
import dev.fulcrum.http.HttpResponseHead;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A response produced by a rule ({@code deny}, {@code tarpit}, {@code return}),
 * compiled from HAProxy's reply arguments:
 * {@code [status <code>] [content-type <type>] [default-errorfiles | errorfile <file> |
 * errorfiles <name> | file <file> | lf-file <file> | string <str> | lf-string <fmt>]
 * [hdr <name> <fmt>]*}.
 *
 * <p>Without a body argument a {@code deny}/{@code tarpit} answers the proxy's error
 * page for its status, a {@code return} an empty body. Header order is HAProxy's:
 * the {@code hdr} fields, then {@code content-length}, then {@code content-type}.
 */
final class HttpReply {

    private enum Body { ERROR_PAGE, NONE, FIXED, FORMAT, PAGE }

    private final int status;
    private final Body kind;
    private final String contentType;
    private final byte[] fixed;
    private final Fmt format;
    /** The errorfile page; for {@code errorfiles <name>}, set once the configuration is complete. */
    private volatile ErrorPages.Page page;
    private final String errorSection;
    private final String[] hdrNames;
    private final Fmt[] hdrValues;

    private HttpReply(int status, Body kind, String contentType, byte[] fixed, Fmt format, ErrorPages.Page page,
                      String errorSection, List<String> hdrNames, List<Fmt> hdrValues) {
        this.status = status;
        this.kind = kind;
        this.contentType = contentType;
        this.fixed = fixed;
        this.format = format;
        this.page = page;
        this.errorSection = errorSection;
        this.hdrNames = hdrNames.toArray(String[]::new);
        this.hdrValues = hdrValues.toArray(Fmt[]::new);
    }

    int status() {
        return status;
    }

    /**
     * Parses the reply arguments of {@code rc} from argument {@code from}.
     *
     * @param defaultStatus 403 for deny, 500 for tarpit, 200 for return
     * @param denyStyle     whether {@code deny_status} is accepted and no body means the error page
     */
    static HttpReply parse(RuleContext rc, int from, int defaultStatus, boolean denyStyle) throws ConfigException {
        int status = defaultStatus;
        Body kind = denyStyle ? Body.ERROR_PAGE : Body.NONE;
        String bodyArg = null;
        String contentType = null;
        byte[] fixed = null;
        Fmt format = null;
        ErrorPages.Page page = null;
        String section = null;
        List<String> names = new ArrayList<>();
        List<Fmt> values = new ArrayList<>();
        int i = from;
        while (i < rc.argCount()) {
            String w = rc.arg(i);
            String v = rc.arg(i + 1);
            switch (w) {
                case "status", "deny_status" -> {
                    if (w.equals("deny_status") && !denyStyle) {
                        throw rc.error("unexpected argument '" + w + "'.");
                    }
                    if (v.isEmpty()) {
                        throw rc.error("missing status code.");
                    }
                    status = rc.status(v, 200, 599);
                    i += 2;
                }
                case "content-type" -> {
                    if (v.isEmpty()) {
                        throw rc.error("missing content-type.");
                    }
                    contentType = v;
                    i += 2;
                }
                case "hdr" -> {
                    if (v.isEmpty() || rc.arg(i + 2).isEmpty() && i + 2 >= rc.argCount()) {
                        throw rc.error("'hdr' expects <name> and <value> as arguments.");
                    }
                    String lower = v.toLowerCase(java.util.Locale.ROOT);
                    if (lower.equals("content-length") || lower.equals("transfer-encoding")) {
                        throw rc.error("'" + v + "' header cannot be added.");
                    }
                    names.add(v);
                    values.add(rc.format(rc.arg(i + 2)));
                    i += 3;
                }
                case "default-errorfiles", "errorfile", "errorfiles", "file", "lf-file", "string", "lf-string" -> {
                    if (bodyArg != null) {
                        throw rc.error("unexpected '" + w + "' argument, '" + bodyArg + "' already defined.");
                    }
                    bodyArg = w;
                    if (!w.equals("default-errorfiles") && v.isEmpty()) {
                        // haproxy's own placeholders, its "errorfile <fmt>" included
                        String placeholder = switch (w) {
                            case "errorfiles" -> "name";
                            case "string" -> "str";
                            case "lf-string", "errorfile" -> "fmt";
                            default -> "file";
                        };
                        throw rc.error("'" + w + "' expects <" + placeholder + "> as argument.");
                    }
                    switch (w) {
                        case "default-errorfiles" -> kind = Body.ERROR_PAGE;
                        case "errorfile" -> {
                            kind = Body.PAGE;
                            byte[] content = read(rc, v);
                            try {
                                page = ErrorPages.parseFile(content, v, status);
                            } catch (IllegalArgumentException e) {
                                throw rc.error(e.getMessage() + ".");
                            }
                        }
                        case "errorfiles" -> {
                            kind = Body.ERROR_PAGE;
                            section = v;
                        }
                        case "file" -> {
                            kind = Body.FIXED;
                            fixed = read(rc, v);
                        }
                        case "lf-file" -> {
                            kind = Body.FORMAT;
                            format = rc.format(new String(read(rc, v), StandardCharsets.ISO_8859_1));
                        }
                        case "string" -> {
                            kind = Body.FIXED;
                            fixed = v.getBytes(StandardCharsets.ISO_8859_1);
                        }
                        default -> {
                            kind = Body.FORMAT;
                            format = rc.format(v);
                        }
                    }
                    i += w.equals("default-errorfiles") ? 1 : 2;
                }
                default -> throw rc.error("unexpected argument '" + w + "'.");
            }
        }
        if (kind == Body.FORMAT && contentType == null) {
            throw rc.error("a content type must be defined with a log-format payload.");
        }
        if (kind == Body.FIXED && contentType == null && fixed.length > 0) {
            throw rc.error("a content type must be defined when non-empty payload is configured.");
        }
        if ((kind == Body.ERROR_PAGE || kind == Body.PAGE) && (contentType != null || !names.isEmpty())
                && bodyArg != null) {
            throw rc.error("'" + bodyArg + "' cannot be used with 'content-type' or 'hdr'.");
        }
        if (kind == Body.ERROR_PAGE && section == null && !ErrorPages.has(status)) {
            throw rc.error("status code '" + status + "' not handled by default with 'default-errorfiles' argument..");
        }
        HttpReply reply = new HttpReply(status, kind, contentType, fixed, format, page, section, names, values);
        if (section != null) {
            rc.ctx.settings().add(ActionSettings.ERRORFILES_REPLIES, reply);
        }
        return reply;
    }

    /** An error-page reply for {@code status} (deny, tarpit and auth without body arguments). */
    static HttpReply errorPage(int status) {
        return new HttpReply(status, Body.ERROR_PAGE, null, null, null, null, null, List.of(), List.of());
    }

    private static byte[] read(RuleContext rc, String file) throws ConfigException {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw rc.error("error opening file '" + file + "'.");
        }
    }

    /** The http-errors section named by {@code errorfiles}, checked once the configuration is complete. */
    String errorSection() {
        return errorSection;
    }

    /**
     * Resolves {@code errorfiles <name>} once every section is known: the
     * section's page for the reply's status, else the proxy's own page.
     *
     * @return whether the section exists
     */
    boolean resolve(SectionConfig section) {
        if (section == null) {
            return false;
        }
        page = section.get(dev.fulcrum.http.ErrorSettings.PAGES).get(status);
        return true;
    }

    /** Builds the response for this stream and hands it to {@code t}. */
    void send(HttpTxn t, char cause) {
        switch (kind) {
            case ERROR_PAGE, PAGE -> {
                ErrorPages.Page p = page != null ? page : t.errorPage(status);
                if (p == null) {
                    p = ErrorPages.get(500);
                }
                HttpResponseHead head = p.head();
                if (p.status() != status && kind == Body.ERROR_PAGE) {
                    head.status(status);
                    head.reason(Reasons.of(status));
                }
                addHeaders(t, head.headers());
                t.reply(head, p.body(), cause);
                if (p.closes()) {
                    t.closeAfterReply(); // haproxy honours the page's own "Connection: close" (its 400 and 408)
                }
            }
            default -> {
                byte[] body = kind == Body.FIXED ? fixed : kind == Body.FORMAT
                        ? format.render(t).getBytes(StandardCharsets.ISO_8859_1) : EMPTY;
                HttpHeaders h = new HttpHeaders(hdrNames.length + 3);
                addHeaders(t, h);
                h.add("content-length", Integer.toString(body.length));
                if (contentType != null && body.length > 0) { // haproxy types only a payload that is there
                    h.add("content-type", contentType);
                }
                t.reply(new HttpResponseHead("HTTP/1.1", status, Reasons.of(status), h), body, cause);
            }
        }
    }

    private void addHeaders(HttpTxn t, HttpHeaders h) {
        for (int i = 0; i < hdrNames.length; i++) {
            h.add(hdrNames[i], hdrValues[i].render(t));
        }
    }

    private static final byte[] EMPTY = new byte[0];
}
