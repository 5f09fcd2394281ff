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
     * Where reply arguments come from and how their errors are worded: HAProxy
     * shares one parser between the rule actions and {@code http-error}, each
     * framing its messages in its own way.
     */
    interface Args {
        int count();

        String arg(int i);

        /** An error from one of the parser's base messages ({@code 'string' expects <str> as argument}). */
        ConfigException error(String base);

        void warn(String message);

        /** Compiles a log-format argument. */
        Fmt format(String text) throws ConfigException;

        /** The error for a word the reply does not know, at argument {@code i}. */
        ConfigException unknown(int i);
    }

    /** The arguments of a rule ({@code deny}, {@code tarpit}, {@code return}). */
    static Args of(RuleContext rc) {
        return new Args() {
            public int count() {
                return rc.argCount();
            }

            public String arg(int i) {
                return rc.arg(i);
            }

            public ConfigException error(String base) {
                return rc.error(base + ".");
            }

            public void warn(String message) {
                rc.ctx.warn(message);
            }

            public Fmt format(String text) throws ConfigException {
                return rc.format(text);
            }

            public ConfigException unknown(int i) {
                return rc.trailing(i);
            }
        };
    }

    /**
     * Parses the reply arguments of a rule from argument {@code from}.
     *
     * @param defaultStatus 403 for deny, 500 for tarpit, 200 for return
     * @param denyStyle     whether {@code deny_status} is accepted and no body means the error page
     */
    static HttpReply parse(RuleContext rc, int from, int defaultStatus, boolean denyStyle) throws ConfigException {
        HttpReply reply = parse(of(rc), from, defaultStatus, denyStyle);
        if (reply.errorSection != null) {
            rc.ctx.settings().add(ActionSettings.ERRORFILES_REPLIES,
                    new ActionSettings.SectionReply(reply, rc.ctx.location()));
        }
        return reply;
    }

    /**
     * Parses reply arguments with HAProxy's rules and messages (configuration.txt,
     * "http-request return" and "http-error").
     *
     * @param denyStyle whether a leading {@code deny_status} is accepted and no body means the error page
     */
    static HttpReply parse(Args a, int from, int defaultStatus, boolean denyStyle) throws ConfigException {
        int status = defaultStatus;
        Body kind = denyStyle ? Body.ERROR_PAGE : Body.NONE;
        String bodyArg = null;
        String contentType = null;
        byte[] fixed = null;
        Fmt format = null;
        ErrorPages.Page page = null;
        String section = null;
        String errorFile = null;
        List<String> names = new ArrayList<>();
        List<Fmt> values = new ArrayList<>();
        boolean legacyStatus = false;
        int i = from;
        while (i < a.count()) {
            String w = a.arg(i);
            String v = a.arg(i + 1);
            boolean hasValue = i + 1 < a.count() && !v.isEmpty();
            switch (w) {
                case "status", "deny_status" -> {
                    if (w.equals("deny_status") && !(denyStyle && i == from)) {
                        throw a.unknown(i); // only the legacy first word of deny and tarpit
                    }
                    if (!hasValue) {
                        throw a.error("'" + w + "' expects <status_code> as argument");
                    }
                    legacyStatus = w.equals("deny_status");
                    status = (int) dev.fulcrum.config.Units.atol(v);
                    if (status < 200 || status > 599) {
                        throw a.error("Unexpected status code '" + status + "'");
                    }
                    i += 2;
                }
                case "content-type" -> {
                    if (!hasValue) {
                        throw a.error("'content-type' expects <ctype> as argument");
                    }
                    contentType = v;
                    i += 2;
                }
                case "hdr" -> {
                    if (!hasValue || i + 2 >= a.count()) {
                        throw a.error("'hdr' expects <name> and <value> as arguments");
                    }
                    String lower = v.toLowerCase(java.util.Locale.ROOT);
                    if (lower.equals("content-length") || lower.equals("transfer-encoding")) {
                        a.warn("header '" + v + "' always ignored by the http reply.");
                    } else {
                        names.add(v);
                        values.add(a.format(a.arg(i + 2)));
                    }
                    i += 3;
                }
                case "default-errorfiles", "errorfile", "errorfiles", "file", "lf-file", "string", "lf-string" -> {
                    if (bodyArg != null) {
                        throw a.error("unexpected '" + w + "' argument, '" + bodyArg + "' already defined");
                    }
                    bodyArg = w;
                    if (!w.equals("default-errorfiles") && !hasValue) {
                        throw a.error("'" + w + "' expects <" + switch (w) {
                            case "errorfiles" -> "name";
                            case "string" -> "str";
                            case "errorfile", "lf-string" -> "fmt";
                            default -> "file";
                        } + "> as argument");
                    }
                    switch (w) {
                        case "default-errorfiles" -> kind = Body.ERROR_PAGE;
                        case "errorfile" -> {
                            kind = Body.PAGE;
                            errorFile = v;
                        }
                        case "errorfiles" -> {
                            kind = Body.ERROR_PAGE;
                            section = v;
                        }
                        case "file" -> {
                            kind = Body.FIXED;
                            fixed = read(a, v, "");
                        }
                        case "lf-file" -> {
                            kind = Body.FORMAT;
                            format = a.format(new String(read(a, v, ""), StandardCharsets.ISO_8859_1));
                        }
                        case "string" -> {
                            kind = Body.FIXED;
                            fixed = v.getBytes(StandardCharsets.ISO_8859_1);
                        }
                        default -> {
                            kind = Body.FORMAT;
                            format = a.format(v);
                        }
                    }
                    i += w.equals("default-errorfiles") ? 1 : 2;
                }
                default -> throw a.unknown(i);
            }
        }
        if (errorFile != null) {
            // read once the status is known: the page is checked against it
            byte[] content = read(a, errorFile, ".");
            try {
                page = ErrorPages.parseFile(content, errorFile, status);
            } catch (IllegalArgumentException e) {
                throw a.error(e.getMessage());
            }
        }
        if (kind == Body.ERROR_PAGE && (bodyArg != null || legacyStatus) && !ErrorPages.has(status)) {
            // the legacy "deny_status <code>" alone stands for default-errorfiles
            throw a.error("status code '" + status + "' not handled by default with '"
                    + (bodyArg != null ? bodyArg : "default-errorfiles") + "' argument.");
        }
        if (kind == Body.ERROR_PAGE || kind == Body.PAGE) {
            if (bodyArg != null && contentType != null) {
                a.warn("content-type '" + contentType + "' ignored by the http reply when used with an erorrfile.");
                contentType = null;
            }
            if (bodyArg != null && !names.isEmpty()) {
                a.warn("hdr parameters ignored by the http reply when used with an erorrfile.");
                names.clear();
                values.clear();
            }
        } else if (kind == Body.FORMAT && contentType == null) {
            throw a.error("a content type must be defined with a log-format payload");
        } else if (kind == Body.FIXED && fixed.length > 0 && contentType == null) {
            throw a.error("a content type must be defined when non-empty payload is configured");
        } else if (kind == Body.FIXED && contentType != null && fixed.length == 0) {
            a.warn("content-type '" + contentType + "' ignored by the http reply when used with an empty payload.");
            contentType = null;
        } else if (kind == Body.NONE && contentType != null) {
            a.warn("content-type '" + contentType + "' ignored by the http reply because neither errorfile nor "
                    + "payload defined.");
            contentType = null;
        }
        return new HttpReply(status, kind, contentType, fixed, format, page, section, names, values);
    }

    /**
     * The reply as a page fixed at parse time ({@code http-error}): the errorfile,
     * or the status with the {@code hdr} fields, {@code content-length},
     * {@code content-type} and body, as {@link #send} would build them.
     *
     * @return {@code null} when something depends on the stream (a log-format
     *         body or header value) or when the reply is an error page reference
     */
    ErrorPages.Page fixedPage() {
        if (kind == Body.PAGE) {
            return page;
        }
        if (kind == Body.ERROR_PAGE || format != null && !format.isConstant()) {
            return null;
        }
        for (Fmt f : hdrValues) {
            if (!f.isConstant()) {
                return null;
            }
        }
        byte[] body = kind == Body.FIXED ? fixed : kind == Body.FORMAT
                ? format.render(null).getBytes(StandardCharsets.ISO_8859_1) : EMPTY;
        List<String[]> h = new ArrayList<>();
        for (int i = 0; i < hdrNames.length; i++) {
            h.add(new String[] {hdrNames[i], hdrValues[i].render(null)});
        }
        h.add(new String[] {"content-length", Integer.toString(body.length)});
        if (contentType != null && body.length > 0) {
            h.add(new String[] {"content-type", contentType});
        }
        return new ErrorPages.Page(status, Reasons.of(status), h.toArray(String[][]::new), body);
    }

    /** Whether this is {@code default-errorfiles}: the built-in page (or the frontend's) for the status. */
    boolean isDefaultErrorPage() {
        return kind == Body.ERROR_PAGE && errorSection == null;
    }

    /** An error-page reply for {@code status} (deny, tarpit and auth without body arguments). */
    static HttpReply errorPage(int status) {
        return new HttpReply(status, Body.ERROR_PAGE, null, null, null, null, null, List.of(), List.of());
    }

    /** Reads a reply file; HAProxy ends the message with a period for an errorfile only. */
    private static byte[] read(Args a, String file, String end) throws ConfigException {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw a.error("error opening file '" + file + "'" + end);
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
