package dev.fulcrum.http;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.Configuration;
import dev.fulcrum.config.Diagnostics;
import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.KeywordProvider;
import dev.fulcrum.config.KeywordRegistry;
import dev.fulcrum.config.ProxyConfig;
import dev.fulcrum.config.SectionConfig;
import dev.fulcrum.config.SectionType;
import dev.fulcrum.config.Units;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.fulcrum.http.ErrorSettings.IMPORTS;
import static dev.fulcrum.http.ErrorSettings.PAGES;

/**
 * Custom error pages: {@code errorfile}, {@code errorloc}/{@code errorloc302},
 * {@code errorloc303}, {@code errorfiles}, and the {@code http-errors} section.
 */
public final class ErrorKeywords implements KeywordProvider {

    @Override
    public void register(KeywordRegistry.Builder r) {
        r.proxy("errorfile", "send a file's content instead of the built-in error page", ErrorKeywords::errorfile);
        r.keyword("errorfile", EnumSet.of(SectionType.HTTP_ERRORS), 0, "an error page of the section",
                ErrorKeywords::errorfile);
        r.proxy("errorloc", "redirect with a 302 instead of an error page", ctx -> errorloc(ctx, 302));
        r.proxy("errorloc302", "redirect with a 302 instead of an error page", ctx -> errorloc(ctx, 302));
        r.proxy("errorloc303", "redirect with a 303 instead of an error page", ctx -> errorloc(ctx, 303));
        r.proxy("errorfiles", "use the pages of an http-errors section", ctx -> {
            if (ctx.arg(0).isEmpty()) {
                throw ctx.error("errorfiles : expects <name> as argument.");
            }
            List<Integer> codes = new ArrayList<>();
            for (String c : ctx.args(1)) {
                codes.add(status(ctx, "errorfiles", c));
            }
            ctx.settings().add(IMPORTS, new ErrorSettings.Import(ctx.arg(0), codes, ctx.location()));
        });
        r.check(ErrorKeywords::resolveImports);
    }

    private static int status(KeywordContext ctx, String keyword, String text) throws ConfigException {
        int code = Units.isInteger(text) ? Integer.parseInt(text) : -1;
        if (!ErrorPages.has(code)) {
            throw ctx.error(keyword + " : status code '" + text + "' not handled.");
        }
        return code;
    }

    private static void errorfile(KeywordContext ctx) throws ConfigException {
        if (ctx.arg(0).isEmpty() || ctx.arg(1).isEmpty()) {
            throw ctx.error("errorfile : expects <status_code> and <file> as arguments.");
        }
        int code = status(ctx, "errorfile", ctx.arg(0));
        byte[] content;
        try {
            content = Files.readAllBytes(Path.of(ctx.arg(1)));
        } catch (IOException e) {
            throw ctx.error("errorfile : error opening file '" + ctx.arg(1) + "'.");
        }
        ErrorPages.Page page;
        try {
            page = ErrorPages.parseFile(content, ctx.arg(1), code);
        } catch (IllegalArgumentException e) {
            throw ctx.error("errorfile : " + e.getMessage());
        }
        put(ctx, code, page);
    }

    private static void errorloc(KeywordContext ctx, int redirect) throws ConfigException {
        String kw = ctx.keyword().name();
        if (ctx.arg(0).isEmpty() || ctx.arg(1).isEmpty()) {
            throw ctx.error(kw + " : expects <status_code> and <url> as arguments.");
        }
        put(ctx, status(ctx, kw, ctx.arg(0)), ErrorPages.redirect(redirect, ctx.arg(1)));
    }

    private static void put(KeywordContext ctx, int code, ErrorPages.Page page) {
        Map<Integer, ErrorPages.Page> pages = new HashMap<>(ctx.settings().get(PAGES));
        pages.put(code, page);
        ctx.settings().set(PAGES, Map.copyOf(pages));
    }

    private static void resolveImports(Configuration config, Diagnostics diagnostics) {
        for (ProxyConfig p : config.proxies()) {
            for (ErrorSettings.Import imp : p.get(IMPORTS)) {
                SectionConfig s = config.section(SectionType.HTTP_ERRORS, imp.section());
                // haproxy's words: the line is named at the end, not as a "parsing [file:line]" prefix
                if (s == null) {
                    diagnostics.alert(dev.fulcrum.config.SourceLocation.NONE, "proxy '" + p.name()
                            + "': unknown http-errors section '" + imp.section() + "' (at " + imp.location() + ").");
                    continue;
                }
                for (int code : imp.codes()) {
                    if (!s.get(PAGES).containsKey(code)) {
                        diagnostics.warning(dev.fulcrum.config.SourceLocation.NONE, "config: proxy '" + p.name()
                                + "' : status '" + code + "' not declared in http-errors section '" + imp.section()
                                + "' (at " + imp.location() + ").");
                    }
                }
            }
        }
    }

    /**
     * The custom pages of a proxy with its imports applied: explicit {@code errorfile}
     * lines win over imported sections, as in HAProxy.
     */
    public static Map<Integer, ErrorPages.Page> pagesOf(ProxyConfig p, Configuration config) {
        Map<Integer, ErrorPages.Page> out = new HashMap<>();
        for (ErrorSettings.Import imp : p.get(IMPORTS)) {
            SectionConfig s = config.section(SectionType.HTTP_ERRORS, imp.section());
            if (s == null) {
                continue;
            }
            s.get(PAGES).forEach((code, page) -> {
                if (imp.codes().isEmpty() || imp.codes().contains(code)) {
                    out.put(code, page);
                }
            });
        }
        out.putAll(p.get(PAGES));
        return Map.copyOf(out);
    }
}
