package dev.fulcrum.sample;

/** An immutable copy of a sample, as stored in a variable. */
record VarValue(SampleType type, long num, String str, byte[] bytes) {

    static VarValue of(Sample s) {
        return switch (s.type()) {
            case BOOL, SINT, IPV4 -> new VarValue(s.type(), s.sint() & (s.type() == SampleType.IPV4 ? 0xffffffffL : -1L),
                    null, null);
            case IPV6 -> new VarValue(s.type(), 0, null, s.ipv6().clone());
            case STR -> new VarValue(s.type(), 0, s.str(), null);
            case METH -> new VarValue(s.type(), s.method().ordinal(), s.str(), null);
            case BIN -> new VarValue(s.type(), 0, null, s.binCopy());
            default -> throw new IllegalStateException("cannot store a sample of type " + s.type());
        };
    }

    /** Copies {@code v} into {@code out}; false when there is no value. */
    static boolean copy(VarValue v, Sample out) {
        if (v == null) {
            return false;
        }
        v.copyTo(out);
        return true;
    }

    void copyTo(Sample out) {
        switch (type) {
            case BOOL -> out.setBool(num != 0);
            case SINT -> out.setSint(num);
            case IPV4 -> out.setIpv4((int) num);
            case IPV6 -> out.setIpv6(bytes, 0);
            case STR -> out.setStr(str);
            case METH -> out.setMethod(HttpMethod.values()[(int) num], str);
            case BIN -> out.setBin(bytes);
            default -> throw new IllegalStateException(type.toString());
        }
    }
}
