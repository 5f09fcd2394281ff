package dev.fulcrum.config;

import java.util.List;

/**
 * The header-rewriting keywords HAProxy removed in 2.1 ({@code reqirep} and its
 * family, {@code block}, {@code redispatch}). haproxy 2.6 refuses them; Fulcrum
 * translates each into its modern statement (see {@link LegacyRewrites}), says so
 * in a warning that prints the statement, and parses that statement instead. A
 * line without automatic equivalent is refused with haproxy's own message.
 */
final class LegacyKeywords implements KeywordProvider {

    @Override
    public void register(KeywordRegistry.Builder r) {
        for (LegacyRewrites.Legacy legacy : LegacyRewrites.KEYWORDS) {
            r.keyword(legacy.keyword(), Sections.FB, 0, legacy.translatable()
                            ? "translated to its modern form (common shapes; others refused as haproxy 2.6 does)"
                            : "refused with haproxy 2.6's message: no modern equivalent for a whole-line regex",
                    ctx -> {
                        List<String> modern = LegacyRewrites.translate(legacy.keyword(), ctx.args(0));
                        if (modern == null) {
                            throw ctx.error(legacy.haproxyMessage());
                        }
                        ctx.warn("'" + legacy.keyword() + "' was removed in HAProxy 2.1; Fulcrum reads this line as: "
                                + LegacyRewrites.render(modern));
                        ctx.parseInstead(modern);
                    });
        }
    }
}
