package dev.fulcrum.config;

/** The mutable state of a non-proxy section ({@code userlist}, {@code http-errors}...). */
public final class SectionBuilder {

    private final SectionType type;
    private final String name;
    private final SourceLocation location;
    private final Settings.Builder settings = Settings.builder();

    SectionBuilder(SectionType type, String name, SourceLocation location) {
        this.type = type;
        this.name = name;
        this.location = location;
    }

    public SectionType type() {
        return type;
    }

    public String name() {
        return name;
    }

    public SourceLocation location() {
        return location;
    }

    public Settings.Builder settings() {
        return settings;
    }

    SectionConfig build() {
        return new SectionConfig(type, name, location, settings.build());
    }
}
