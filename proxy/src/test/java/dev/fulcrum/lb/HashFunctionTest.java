package dev.fulcrum.lb;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expected values were printed by haproxy 2.6's converters for the same keys:
 * {@code %[req.hdr(x-key),sdbm] %[..,djb2] %[..,wt6] %[..,crc32]} and the same
 * with {@code (1)}, which applies the avalanche step.
 */
class HashFunctionTest {

    @ParameterizedTest
    @CsvSource({
            "a,               97,         177670,     1900802597, 3904355907, 1830748055, 3548763807, 1986649387, 1288200982",
            "hello,           684824882,  261238937,  3538347703, 907060870,  2061535398, 1119739105, 140457739,  3902247103",
            "123456789,       1755344949, 902675330,  2225171485, 3421780262, 3400502718, 2717138294, 4053691039, 1130417534",
            "www.example.com, 2718216582, 2843247409, 612436471,  785793723,  1242975261, 2767889732, 2993095237, 1314402354",
            "/index.html?x=1, 1741727267, 1838128052, 2566731813, 1114110294, 1755510911, 3566425868, 3415294461, 1533348498",
            "\u00e9t\u00e9,  1932540382, 193634795,  1313011287, 3422016531, 2159704399, 3034898939, 2985668350, 2996524598",
            "\u00ff\u0080~,  2115080573, 193659042,  3563633864, 3454478735, 1110359591, 3001288780, 1270349473, 1885570565",
    })
    void matchesHaproxysConverters(String key, long sdbm, long djb2, long wt6, long crc32,
                                   long sdbmAvalanche, long djb2Avalanche, long wt6Avalanche, long crc32Avalanche) {
        byte[] bytes = key.getBytes(StandardCharsets.ISO_8859_1);
        long[] plain = {sdbm, djb2, wt6, crc32};
        long[] mixed = {sdbmAvalanche, djb2Avalanche, wt6Avalanche, crc32Avalanche};
        for (HashFunction f : HashFunction.values()) {
            int i = f.ordinal();
            assertThat(Integer.toUnsignedLong(f.hash(bytes, 0, bytes.length))).as(f.keyword()).isEqualTo(plain[i]);
            assertThat(Integer.toUnsignedLong(f.hash(key))).as(f.keyword() + " of chars").isEqualTo(plain[i]);
            assertThat(Integer.toUnsignedLong(HashFunction.avalanche(f.hash(key)))).as(f.keyword() + " avalanche")
                    .isEqualTo(mixed[i]);
        }
    }

    @ParameterizedTest
    @CsvSource({"sdbm, SDBM", "djb2, DJB2", "wt6, WT6", "crc32, CRC32"})
    void findsFunctionsByTheirKeyword(String keyword, HashFunction function) {
        assertThat(HashFunction.of(keyword)).isEqualTo(function);
        assertThat(HashFunction.of(keyword.toUpperCase())).isNull();
    }
}
