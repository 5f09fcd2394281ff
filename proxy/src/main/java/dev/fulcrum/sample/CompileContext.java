package dev.fulcrum.sample;

import dev.fulcrum.config.KeywordContext;
import dev.fulcrum.config.ProxyBuilder;
import dev.fulcrum.config.Settings;
import dev.fulcrum.config.SourceLocation;

import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * What compiling one expression needs to know about where it is written: the
 * statement (for messages), the {@link UseSite} its rule runs at, the proxy (to
 * record names that a whole-configuration check resolves later) and the
 * configuration load's global state (where map and pattern files are shared).
 * Created by the rule parser for each expression; not thread-safe.
 */
public final class CompileContext {

    private final SourceLocation location;
    private final UseSite site;
    private final String ruleKind;
    private final String proxyName;
    private final Settings.Builder proxySettings;
    private final Settings.Builder global;
    private final Function<String, String> environment;
    private boolean acl;
    // the keyword being compiled, for the messages of deferred checks
    private String keyword = "";
    private String fetchKeyword = "";
    private boolean converter;

    private CompileContext(SourceLocation location, UseSite site, String ruleKind, String proxyName,
                           Settings.Builder proxySettings, Settings.Builder global,
                           Function<String, String> environment) {
        this.location = requireNonNull(location, "location");
        this.site = requireNonNull(site, "site");
        this.ruleKind = requireNonNull(ruleKind, "ruleKind");
        this.proxyName = requireNonNull(proxyName, "proxyName");
        this.proxySettings = proxySettings;
        this.global = requireNonNull(global, "global");
        this.environment = requireNonNull(environment, "environment");
    }

    /**
     * The context of an expression in the statement {@code ctx} is parsing.
     *
     * @param site     where the rule is evaluated
     * @param ruleKind the rule set as HAProxy names it in messages ({@code http-request},
     *                 {@code use_backend}, {@code log-format}...)
     */
    public static CompileContext of(KeywordContext ctx, UseSite site, String ruleKind) {
        ProxyBuilder p = ctx.proxy();
        return new CompileContext(ctx.location(), site, ruleKind, p == null ? "" : p.name(),
                p == null ? null : p.settings(), ctx.global(), ctx.state().environment());
    }

    /**
     * A context outside any configuration (tests, the CLI): references to other
     * proxies are not checked and map files are loaded into {@code global}.
     */
    public static CompileContext standalone(UseSite site, Settings.Builder global) {
        return new CompileContext(SourceLocation.NONE, site, "expression", "", null, global, System::getenv);
    }

    public SourceLocation location() {
        return location;
    }

    public UseSite site() {
        return site;
    }

    public String ruleKind() {
        return ruleKind;
    }

    /** The proxy the expression belongs to, or {@code ""}. */
    public String proxyName() {
        return proxyName;
    }

    /** The settings of the configuration load's global section, where shared per-load state lives. */
    public Settings.Builder global() {
        return global;
    }

    /** The environment as the configuration sees it ({@code env()} and {@code setenv}). */
    public Function<String, String> environment() {
        return environment;
    }

    /** Marks the context as compiling an ACL criterion (changes message wording). */
    public CompileContext acl(boolean value) {
        this.acl = value;
        return this;
    }

    public boolean isAcl() {
        return acl;
    }

    void enterFetch(String name) {
        keyword = name;
        fetchKeyword = name;
        converter = false;
    }

    void enterConverter(String name) {
        keyword = name;
        converter = true;
    }

    /**
     * Records that argument {@code argIndex} (1-based) of the keyword being compiled
     * names something a whole-configuration check must find ({@code name} may be
     * {@code ""} for "the current proxy").
     */
    public void require(SampleReference.Kind kind, String name, int argIndex) {
        if (proxySettings == null) {
            return;
        }
        proxySettings.add(SampleChecks.REFERENCES, new SampleReference(kind, name, location, proxyName,
                "arg " + argIndex + " of " + describeKeyword()));
    }

    private String describeKeyword() {
        String in = acl ? " in proxy '" + proxyName + "'"
                : " in " + ruleKind + " expression in proxy '" + proxyName + "'";
        String fetch = (acl ? "ACL keyword '" : "sample fetch keyword '") + fetchKeyword + "'";
        return (converter ? "conversion keyword '" + keyword + "' for " + fetch : fetch) + in;
    }
}
