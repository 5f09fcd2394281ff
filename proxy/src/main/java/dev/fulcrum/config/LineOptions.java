package dev.fulcrum.config;

import java.util.List;

/**
 * Parses the option words of {@code bind}, {@code server} and
 * {@code default-server} lines through the registry's {@link LineOption}s.
 */
public final class LineOptions {

    private LineOptions() {
    }

    /**
     * Parses {@code words[from..]} as options into {@code settings}.
     *
     * @param what the line as HAProxy names it in messages, e.g. {@code 'server be/s1'}
     * @throws ConfigException on an unknown option, a missing argument or a bad value
     */
    public static void parse(KeywordContext ctx, int from, LineOption.Target target, Settings.Builder settings,
                             String what, Diagnostic.Style style) throws ConfigException {
        parse(ctx, from, target, settings, what, style, "");
    }

    /**
     * As {@link #parse(KeywordContext, int, LineOption.Target, Settings.Builder, String, Diagnostic.Style)},
     * for a line whose object has a name that option messages quote (a server's
     * name, or {@code default-server}).
     */
    public static void parse(KeywordContext ctx, int from, LineOption.Target target, Settings.Builder settings,
                             String what, Diagnostic.Style style, String ownerName) throws ConfigException {
        KeywordRegistry registry = ctx.state().registry();
        List<String> words = ctx.line().words();
        boolean bind = target == LineOption.Target.BIND;
        boolean defaultServer = target == LineOption.Target.SERVER && !what.startsWith("'server ");
        // HAProxy names a bind line with its section in every message about its options, a
        // server line by its proxy and name, and a default-server line not at all
        String lead = bind ? what + " in section '" + ctx.proxy().type().keyword() + "' : "
                : defaultServer ? "" : what + " : ";
        int i = ctx.argStart() + from;
        while (i < words.size()) {
            String word = words.get(i);
            if (word.isEmpty()) {
                break;
            }
            LineOption option = bind ? registry.bindOption(word) : registry.serverOption(word);
            if (option == null) {
                String hint = Suggestions.didYouMeanOrStop(word, bind ? registry.bindOptionNames() : registry.serverOptionNames());
                // (HAProxy writes "section 'frontend': unknown" but "'server be/s1' : unknown")
                String where = bind ? lead.substring(0, lead.length() - 3) + ": " : lead;
                if (defaultServer && hint.equals(".")) {
                    hint = ". Hint: no address was expected for this server.";
                }
                throw new ConfigException(ctx.location(), where + "unknown keyword '" + word + "'" + hint, style);
            }
            if (defaultServer && option.target() == LineOption.Target.SERVER_ONLY) {
                throw new ConfigException(ctx.location(), "'" + word + "' option is not accepted in default-server sections",
                        style);
            }
            if (option.support() instanceof Support.NotYet(String feature)) {
                throw new ConfigException(ctx.location(), lead + "'" + word + "' is not supported yet by Fulcrum ("
                        + feature + ").", style);
            }
            int end = Math.min(words.size(), i + 1 + option.arguments());
            List<String> args = words.subList(i + 1, end);
            boolean missing = args.size() < option.arguments()
                    || (option.arguments() > 0 && args.get(args.size() - 1).isEmpty());
            if (missing && !option.emptyArgumentOk()) {
                throw new ConfigException(ctx.location(), lead + "'" + word + "' expects "
                        + option.arguments() + " argument" + (option.arguments() > 1 ? "s" : "") + ".", style);
            }
            if (option.support() instanceof Support.NoEffect(String reason)) {
                ctx.warn(lead + "'" + word + "' has no effect in Fulcrum (" + reason + ").");
            } else {
                LineOptionContext oc = new LineOptionContext(word, args, settings, defaultServer, ctx.state(),
                        ctx.location(), ownerName);
                try {
                    option.handler().parse(oc);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(ctx.location(), lead + e.getMessage(), style);
                }
            }
            i = end;
        }
    }
}
