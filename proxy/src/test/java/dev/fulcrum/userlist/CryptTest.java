package dev.fulcrum.userlist;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crypt against hashes produced by glibc's crypt(3) (through Python's crypt
 * module) and by {@code openssl passwd -1/-5/-6}, plus the examples of Ulrich
 * Drepper's SHA-crypt specification.
 */
class CryptTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "builder|$6$saltsalt$AMApe3UxKRHFGgpM1NDN5e0tMZ6laQYyoi896lWiBlxd7Nwbszp8z77oH.h4MAG5Y14p5yLYfTD/sjuLtHEDG/",
            "pepper1|$5$rounds=1000$pepper$7nkYTjKzSKDLpoe0BZClCejVWYRLhRArHH5ZNBA7J82",
            "pepper1|$5$pepper$Sw9/f/WxlnlQ2qs.YhoUNCY.bmg3MLt55bNTqTgnZ8.",
            "mypass|$1$abcdefgh$E5zEIvLkssp5Tif9IIkt/0",
            "\"\"|$6$x$QSmr1Bx2g4O6BzKvdkgOcyU6H91X6I/XBv5pSalMhSPkwdH6Beo3F455xZJg0v//bxVK5F4OE5k1.0xuR26MK0",
            "a very long password indeed, longer than sixty four bytes for the sha512 case.....|"
                    + "$6$rounds=5000$toolongsaltstrin$Dck98GrqK.l6c4p0OERyLDmaUnxAHnyrr5lOPqfoLobE.JKn8NnDgRE57j9toXNYTTA/2c4CDVlVI8Jj7qSdK.",
            "longer than thirty two bytes password here|$5$abc$AneJmnrySoEPeCiNszpFBXwF.9GMUl61sb.9NscbLeB",
            "\"\"|$1$$qRPK7m23GJusamGpoGLby/",
            "Hello world!|$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5",
            "Hello world!|$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
            "secret|$1$saltsalt$9xy1btjgzLYfb7hivXtC//",
            "p\u00e9|$6$rounds=1200$s$Bn2xFqaYfiKCok7sBOQg3PvLZaAqe5l5UjckZaKATXCcXNjDVkTHV7Dk1qxKYf4OZki6.U3OTDgYTS.uTiyin/",
            // Drepper's specification examples
            "Hello world!|$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA",
            "Hello world!|$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.",
    })
    void sameHashAsCrypt3(String password, String hash) {
        assertThat(Crypt.crypt(password, hash)).isEqualTo(hash);
        assertThat(Crypt.matches(password, hash)).isTrue();
        assertThat(Crypt.matches(password + "x", hash)).isFalse();
    }

    @Test
    void unsupportedFormatsNeverMatch() {
        assertThat(Crypt.supported("abJnggxhB/yWI")).isFalse(); // traditional DES
        assertThat(Crypt.matches("x", "abJnggxhB/yWI")).isFalse();
        assertThat(Crypt.matches("x", "$2y$10$abcdefghijklmnopqrstuu")).isFalse();
        assertThat(Crypt.matches("x", "$6$rounds=abc$salt$x")).isFalse();
    }
}
