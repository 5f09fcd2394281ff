package dev.fulcrum.sample;

/**
 * The types of fetch and converter arguments, with the names HAProxy uses for
 * them in messages ({@code failed to parse 'x' as type 'integer'}).
 */
public enum ArgType {
    SINT("integer"),
    STR("string"),
    IPV4("IPv4 address"),
    MSK4("IPv4 mask"),
    IPV6("IPv6 address"),
    MSK6("IPv6 mask"),
    TIME("delay"),
    SIZE("size"),
    FE("frontend"),
    BE("backend"),
    TAB("table"),
    SRV("server"),
    USR("user list"),
    MAP("map"),
    REG("regex"),
    VAR("variable");

    private final String label;

    ArgType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Whether the argument is kept as text while parsing (an empty value is then a
     * valid, empty string). Names of proxies, servers, tables, files, regexes and
     * variables are checked later, by the keyword or the whole-configuration check.
     */
    public boolean textual() {
        return switch (this) {
            case STR, FE, BE, TAB, SRV, USR, MAP, REG, VAR -> true;
            default -> false;
        };
    }
}
