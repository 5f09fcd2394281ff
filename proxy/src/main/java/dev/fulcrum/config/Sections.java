package dev.fulcrum.config;

import java.util.EnumSet;
import java.util.Set;

/**
 * Section sets for keyword registration, named after the columns of HAProxy's
 * proxy keywords matrix (defaults, frontend, backend; {@code listen} has both
 * capabilities and accepts every proxy keyword).
 */
public final class Sections {

    public static final Set<SectionType> GLOBAL = EnumSet.of(SectionType.GLOBAL);
    /** defaults, frontend, listen, backend */
    public static final Set<SectionType> DFB = EnumSet.of(SectionType.DEFAULTS, SectionType.FRONTEND, SectionType.BACKEND);
    /** defaults, frontend, listen */
    public static final Set<SectionType> DF = EnumSet.of(SectionType.DEFAULTS, SectionType.FRONTEND);
    /** defaults, listen, backend */
    public static final Set<SectionType> DB = EnumSet.of(SectionType.DEFAULTS, SectionType.BACKEND);
    /** frontend, listen, backend */
    public static final Set<SectionType> FB = EnumSet.of(SectionType.FRONTEND, SectionType.BACKEND);
    /** frontend, listen */
    public static final Set<SectionType> F = EnumSet.of(SectionType.FRONTEND);
    /** listen, backend */
    public static final Set<SectionType> B = EnumSet.of(SectionType.BACKEND);

    private Sections() {
    }
}
