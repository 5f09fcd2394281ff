package dev.fulcrum.sample;

/**
 * The types a sample can have, as in HAProxy (configuration.txt section 7.1).
 * {@link #ANY} is the output type of fetches and converters whose result type is
 * only known at run time ({@code var()}, {@code set-var}); {@link #ADDR} is an
 * input type only, meaning "IPv4 or IPv6".
 */
public enum SampleType {
    ANY("any"),
    BOOL("bool"),
    SINT("sint"),
    ADDR("addr"),
    IPV4("ipv4"),
    IPV6("ipv6"),
    STR("str"),
    BIN("bin"),
    METH("meth");

    private final String label;

    SampleType(String label) {
        this.label = label;
    }

    /** HAProxy's short name of the type ({@code str}, {@code sint}...). */
    public String label() {
        return label;
    }

    /** Whether a value of type {@code from} can be turned into this type by HAProxy's implicit casts. */
    public boolean acceptsFrom(SampleType from) {
        return Casts.canCast(from, this);
    }
}
