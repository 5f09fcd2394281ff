package dev.fulcrum.sample;

import static dev.fulcrum.sample.ArgType.SINT;

/**
 * Hashing converters (configuration.txt 7.3.1): the 32-bit balancing hashes,
 * optionally avalanched, and the xxHash family with an optional seed. 32-bit
 * results are unsigned; xxh64 and xxh3 are signed 64-bit, as HAProxy prints them.
 */
final class HashConverters implements SampleProvider {

    private interface Hash32 {
        int hash(byte[] a, int off, int len);
    }

    @Override
    public void register(SampleRegistry.Builder r) {
        hash32(r, "sdbm", Hashes::sdbm);
        hash32(r, "djb2", Hashes::djb2);
        hash32(r, "wt6", Hashes::wt6);
        hash32(r, "crc32", Hashes::crc32);
        hash32(r, "crc32c", Hashes::crc32c);
        r.converter("xxh32", ArgSpec.of(0, SINT), SampleType.BIN, SampleType.SINT, (a, cc) -> {
            int seed = (int) a.sint(0, 0);
            return (ctx, s) -> s.setSint(XxHash.xxh32(s.binArray(), s.binOffset(), s.binLength(), seed) & 0xffffffffL);
        });
        r.converter("xxh64", ArgSpec.of(0, SINT), SampleType.BIN, SampleType.SINT, (a, cc) -> {
            long seed = a.sint(0, 0);
            return (ctx, s) -> s.setSint(XxHash.xxh64(s.binArray(), s.binOffset(), s.binLength(), seed));
        });
        r.converter("xxh3", ArgSpec.of(0, SINT), SampleType.BIN, SampleType.SINT, (a, cc) -> {
            long seed = a.sint(0, 0);
            return (ctx, s) -> s.setSint(XxHash.xxh3(s.binArray(), s.binOffset(), s.binLength(), seed));
        });
    }

    private static void hash32(SampleRegistry.Builder r, String name, Hash32 f) {
        r.converter(name, ArgSpec.of(0, SINT), SampleType.BIN, SampleType.SINT, (a, cc) -> {
            boolean avalanche = a.sint(0, 0) != 0;
            return (ctx, s) -> {
                int h = f.hash(s.binArray(), s.binOffset(), s.binLength());
                return s.setSint((avalanche ? Hashes.avalanche(h) : h) & 0xffffffffL);
            };
        });
    }
}
