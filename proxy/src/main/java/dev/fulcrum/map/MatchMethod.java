package dev.fulcrum.map;

import dev.fulcrum.sample.SampleType;

/**
 * HAProxy's pattern matching methods (configuration.txt 7.1), shared by ACLs
 * ({@code -m str}) and map converters ({@code map_beg}). {@link #REGM} is the
 * regex match of {@code map_regm}, whose value may refer to the groups.
 */
public enum MatchMethod {
    FOUND("found", SampleType.ANY),
    BOOL("bool", SampleType.SINT),
    INT("int", SampleType.SINT),
    IP("ip", SampleType.ADDR),
    BIN("bin", SampleType.BIN),
    LEN("len", SampleType.STR),
    STR("str", SampleType.STR),
    SUB("sub", SampleType.STR),
    REG("reg", SampleType.STR),
    REGM("regm", SampleType.STR),
    BEG("beg", SampleType.STR),
    END("end", SampleType.STR),
    DIR("dir", SampleType.STR),
    DOM("dom", SampleType.STR);

    private final String word;
    private final SampleType input;

    MatchMethod(String word, SampleType input) {
        this.word = word;
        this.input = input;
    }

    /** The name after {@code -m} or in {@code map_<name>}. */
    public String word() {
        return word;
    }

    /** The type a sample is cast to before matching. */
    public SampleType input() {
        return input;
    }

    /** Whether patterns are needed at all ({@code found} and {@code bool} ignore them). */
    public boolean usesPatterns() {
        return this != FOUND && this != BOOL;
    }

    /** The method called {@code word} after {@code -m} (not {@code regm}), or {@code null}. */
    public static MatchMethod of(String word) {
        for (MatchMethod m : values()) {
            if (m != REGM && m.word.equals(word)) {
                return m;
            }
        }
        return null;
    }
}
