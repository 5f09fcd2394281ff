package dev.fulcrum.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md must be what the registry renders; -Dfulcrum.updateDocs=true rewrites it. */
class KeywordDocsTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void configurationReferenceMatchesTheRegistry() throws Exception {
        String rendered = KeywordDocs.render(KeywordRegistry.standard());
        if (Boolean.getBoolean("fulcrum.updateDocs")) {
            Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(DOC)).as(DOC.toAbsolutePath() + " exists").isTrue();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/configuration.md is stale: run mvn -pl proxy test -Dtest=KeywordDocsTest -Dfulcrum.updateDocs=true")
                .isEqualTo(rendered);
    }

    @Test
    void everyCatalogKeywordIsKnownToTheRegistry() {
        KeywordRegistry r = KeywordRegistry.standard();
        for (KeywordCatalog.Entry e : r.catalog().all()) {
            switch (e.scope()) {
                case "bind" -> assertThat(r.bindOption(e.name())).as(e.name()).isNotNull();
                case "server" -> assertThat(r.serverOption(e.name())).as(e.name()).isNotNull();
                default -> assertThat(r.keywords()).as(e.name()).anyMatch(k -> k.name().equals(e.name()));
            }
        }
    }
}
