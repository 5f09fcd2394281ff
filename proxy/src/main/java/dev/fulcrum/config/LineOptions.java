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
        KeywordRegistry registry = ctx.state().registry();
        List<String> words = ctx.line().words();
        boolean bind = target == LineOption.Target.BIND;
        boolean defaultServer = target == LineOption.Target.SERVER && !what.startsWith("'server ");
        int i = ctx.argStart() + from;
        while (i < words.size()) {
            String word = words.get(i);
            if (word.isEmpty()) {
                break;
            }
            LineOption option = bind ? registry.bindOption(word) : registry.serverOption(word);
            if (option == null) {
                String hint = Suggestions.didYouMean(word, bind ? registry.bindOptionNames() : registry.serverOptionNames());
                if (bind) {
                    throw new ConfigException(ctx.location(), what + " in section '" + ctx.proxy().type().keyword()
                            + "': unknown keyword '" + word + "'" + hint + ".", style);
                }
                throw new ConfigException(ctx.location(), what + " : unknown keyword '" + word + "'" + hint + ".", style);
            }
            if (defaultServer && option.target() == LineOption.Target.SERVER_ONLY) {
                throw new ConfigException(ctx.location(), what + " : '" + word + "' option is not accepted in default-server sections.", style);
            }
            if (option.support() instanceof Support.NotYet(String feature)) {
                throw new ConfigException(ctx.location(), what + " : '" + word + "' is not supported yet by Fulcrum ("
                        + feature + ").", style);
            }
            int end = Math.min(words.size(), i + 1 + option.arguments());
            List<String> args = words.subList(i + 1, end);
            if (args.size() < option.arguments() || (option.arguments() > 0 && args.get(args.size() - 1).isEmpty())) {
                throw new ConfigException(ctx.location(), what + " : '" + word + "' expects "
                        + option.arguments() + " argument" + (option.arguments() > 1 ? "s" : "") + ".", style);
            }
            if (option.support() instanceof Support.NoEffect(String reason)) {
                ctx.warn(what + " : '" + word + "' has no effect in Fulcrum (" + reason + ").");
            } else {
                LineOptionContext oc = new LineOptionContext(word, args, settings, defaultServer, ctx.state(),
                        ctx.location());
                try {
                    option.handler().parse(oc);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(ctx.location(), what + " : " + e.getMessage(), style);
                }
            }
            i = end;
        }
    }
}
