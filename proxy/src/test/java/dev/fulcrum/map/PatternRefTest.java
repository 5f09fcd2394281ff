package dev.fulcrum.map;

import dev.fulcrum.config.Settings;
import dev.fulcrum.config.SourceLocation;
import dev.fulcrum.sample.Sample;
import dev.fulcrum.sample.SampleType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pattern references: file reading, sharing, runtime edits and versions. */
class PatternRefTest {

    private static final SourceLocation AT = new SourceLocation("t.cfg", 12);

    @TempDir
    Path dir;

    private final PatternStore store = PatternStore.of(Settings.builder());

    private String file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    private static Sample str(String v) {
        Sample s = new Sample();
        s.setStr(v);
        return s;
    }

    private static String lookup(PatternMatcher m, String key) {
        Sample s = str(key);
        return m.lookup(s) ? s.text() : null;
    }

    @Test
    void filesAreReadAsHaproxyReadsThem() throws IOException {
        // observed with "show acl"/"show map" on haproxy 2.6: ACL lines keep trailing blanks, map values do not
        PatternRef acl = store.file(file("a.lst", "foo\n  bar \nbaz\t\n#c\n\n"), false, "acl", AT);
        assertThat(acl.entries()).extracting(PatternEntry::key).containsExactly("foo", "bar ", "baz\t");
        PatternRef map = store.file(file("m.map", "k1 v1\r\n  k2   value two  \n# c\n\nk3\n"), true, "map", AT);
        assertThat(map.entries()).extracting(PatternEntry::key, PatternEntry::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("k1", "v1"),
                        org.assertj.core.groups.Tuple.tuple("k2", "value two"),
                        org.assertj.core.groups.Tuple.tuple("k3", ""));
        assertThat(map.entries()).extracting(PatternEntry::line).containsExactly(1, 2, 5);
    }

    @Test
    void aFileIsLoadedOnceAndSharedWithItsUsersListed() throws IOException {
        String path = file("m.map", "k v\n");
        PatternRef first = store.file(path, true, "map", new SourceLocation("t.cfg", 3));
        PatternRef inline = store.inline("path", new SourceLocation("t.cfg", 4), List.of("/x"));
        PatternRef again = store.file(path, true, "acl", new SourceLocation("t.cfg", 5));
        assertThat(again).isSameAs(first);
        assertThat(first.id()).isZero();
        assertThat(inline.id()).isEqualTo(1);
        assertThat(store.byId(1)).isSameAs(inline);
        assertThat(store.byFile(path)).isSameAs(first);
        assertThat(first.description()).isEqualTo("pattern loaded from file '" + path
                + "' used by map at file 't.cfg' line 3, by acl at file 't.cfg' line 5");
        assertThat(inline.description()).isEqualTo("acl 'path' file 't.cfg' line 4");
        assertThatThrownBy(() -> store.file(path, false, "acl", AT)).hasMessage("The file \"" + path
                + "\" is already used as two column file and cannot be used by as one column file.");
        assertThatThrownBy(() -> store.file(dir.resolve("none").toString(), false, "acl", AT))
                .hasMessage("failed to open pattern file <" + dir.resolve("none") + ">");
    }

    @Test
    void entriesThatDoNotParseNameTheirLineAndFile() throws IOException {
        String ips = file("ip.lst", "10.0.0.0/8\n1.2.3.4/33\n");
        PatternRef ref = store.file(ips, false, "acl", AT);
        assertThatThrownBy(() -> ref.matcher(MatchMethod.IP, false, true, null)).hasMessage(
                "'1.2.3.4/33' is not a valid IPv4 or IPv6 address at line 2 of file '" + ips + "'");
        String values = file("v.map", "a 1\nb x\n");
        PatternRef map = store.file(values, true, "map", AT);
        assertThatThrownBy(() -> map.matcher(MatchMethod.STR, false, true, SampleType.SINT)).hasMessage(
                "unable to parse 'x' at line 2 of file '" + values + "'");
    }

    @Test
    void runtimeEditsReachEveryUserOfTheReference() throws IOException {
        PatternRef ref = store.file(file("m.map", "a 1\nb 2\n"), true, "map", AT);
        PatternMatcher map = ref.matcher(MatchMethod.STR, false, true, SampleType.STR);
        PatternMatcher acl = ref.matcher(MatchMethod.BEG, false, true, null);
        assertThat(lookup(map, "a")).isEqualTo("1");
        PatternEntry c = ref.add("c", "3");
        assertThat(lookup(map, "c")).isEqualTo("3");
        assertThat(acl.matches(str("cat"))).isTrue();
        assertThat(ref.set("a", "one")).isEqualTo(1);
        assertThat(lookup(map, "a")).isEqualTo("one");
        assertThat(ref.setById(c.id(), "three")).isTrue();
        assertThat(lookup(map, "c")).isEqualTo("three");
        assertThat(ref.delete("b")).isEqualTo(1);
        assertThat(lookup(map, "b")).isNull();
        assertThat(ref.deleteById(c.id())).isTrue();
        assertThat(acl.matches(str("cat"))).isFalse();
        ref.clear();
        assertThat(ref.entries()).isEmpty();
        assertThat(lookup(map, "a")).isNull();
    }

    @Test
    void anEditAUserCannotReadIsRefusedWhole() throws IOException {
        PatternRef ref = store.file(file("i.map", "a 1\n"), true, "map", AT);
        PatternMatcher ints = ref.matcher(MatchMethod.STR, false, true, SampleType.SINT);
        assertThatThrownBy(() -> ref.add("b", "not-a-number")).hasMessage("unable to parse 'not-a-number'");
        assertThat(ref.entries()).hasSize(1);
        assertThat(ref.entryCount()).isEqualTo(1);
        Sample s = str("a");
        assertThat(ints.lookup(s)).isTrue();
        assertThat(s.sint()).isEqualTo(1);
    }

    @Test
    void preparedVersionsReplaceTheCurrentOneAtomically() throws IOException {
        PatternRef ref = store.file(file("m.map", "a old\n"), true, "map", AT);
        PatternMatcher map = ref.matcher(MatchMethod.STR, false, true, SampleType.STR);
        long v = ref.prepare();
        assertThat(v).isEqualTo(1);
        assertThat(ref.nextVersion()).isEqualTo(1);
        ref.add(v, "a", "new");
        ref.add(v, "b", "new");
        assertThat(lookup(map, "a")).isEqualTo("old");
        assertThat(lookup(map, "b")).isNull();
        assertThat(ref.entries(v)).hasSize(2);
        assertThat(ref.entryCount()).isEqualTo(3);
        long later = ref.prepare();
        ref.add(later, "c", "later");
        ref.commit(v);
        assertThat(ref.currentVersion()).isEqualTo(1);
        assertThat(lookup(map, "a")).isEqualTo("new");
        assertThat(lookup(map, "b")).isEqualTo("new");
        // the older version is gone; the newer pending one is kept
        assertThat(ref.entryCount()).isEqualTo(3);
        assertThat(ref.entries(later)).hasSize(1);
        assertThatThrownBy(() -> ref.commit(v)).hasMessageContaining("curr_ver+1");
        assertThatThrownBy(() -> ref.commit(later + 1)).hasMessageContaining("next_ver");
        ref.clear(later);
        ref.commit(later);
        assertThat(ref.entries()).isEmpty();
    }

    @Test
    void readersNeverSeeAHalfCommittedVersion() throws Exception {
        PatternRef ref = store.file(file("m.map", "k0 a\n"), true, "map", AT);
        PatternMatcher map = ref.matcher(MatchMethod.STR, false, true, SampleType.STR);
        for (int i = 1; i < 200; i++) {
            ref.add("k" + i, "a");
        }
        AtomicReference<String> anomaly = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            Sample s = new Sample();
            while (!Thread.currentThread().isInterrupted()) {
                List<PatternEntry> snapshot = ref.entries();
                long versions = snapshot.stream().map(PatternEntry::value).distinct().count();
                if (snapshot.size() != 200 || versions != 1) {
                    anomaly.set("snapshot of " + snapshot.size() + " entries with " + versions + " values");
                }
                s.setStr("k" + (int) (Math.random() * 200));
                if (!map.lookup(s)) {
                    anomaly.set("a key was missing during a commit");
                }
            }
        });
        reader.start();
        for (int round = 0; round < 30; round++) {
            long v = ref.prepare();
            String value = round % 2 == 0 ? "b" : "a";
            for (int i = 0; i < 200; i++) {
                ref.add(v, "k" + i, value);
            }
            ref.commit(v);
        }
        reader.interrupt();
        reader.join();
        assertThat(anomaly.get()).isNull();
    }

    @Test
    void setOrAddUpdatesEveryEqualKeyOrAppendsOne() throws IOException {
        PatternRef ref = store.file(file("m.map", "a 1\na 2\nb 3\n"), true, "map", AT);
        PatternMatcher map = ref.matcher(MatchMethod.STR, false, true, SampleType.STR);
        ref.setOrAdd("a", "x");
        assertThat(ref.entries()).extracting(PatternEntry::value).containsExactly("x", "x", "3");
        ref.setOrAdd("c", "4");
        assertThat(ref.entries()).extracting(PatternEntry::key).containsExactly("a", "a", "b", "c");
        assertThat(lookup(map, "c")).isEqualTo("4");
        // the same value again is no edit at all: the published entries stay the same object
        List<PatternEntry> before = ref.entries();
        ref.setOrAdd("c", "4");
        assertThat(ref.entries()).isSameAs(before);
    }

    @Test
    void addIfAbsentNeverDuplicatesAPattern() throws IOException {
        PatternRef acl = store.file(file("a.acl", "alice\n"), false, "acl", AT);
        PatternMatcher m = acl.matcher(MatchMethod.STR, false, true, null);
        acl.addIfAbsent("bob");
        acl.addIfAbsent("bob");
        acl.addIfAbsent("alice");
        assertThat(acl.entries()).extracting(PatternEntry::key).containsExactly("alice", "bob");
        assertThat(m.matches(str("bob"))).isTrue();
        assertThat(acl.delete("bob")).isEqualTo(1);
        assertThat(m.matches(str("bob"))).isFalse();
        // an ACL edit on a map file adds the key with an empty value
        PatternRef map = store.file(file("m.map", "k v\n"), true, "map", AT);
        map.addIfAbsent("n");
        assertThat(map.entries()).extracting(PatternEntry::value).containsExactly("v", "");
    }

    @Test
    void concurrentRuleEditsAndLookupsStayConsistent() throws Exception {
        // what set-map/del-map rules on several event loops do: writers edit one key each, readers look up
        PatternRef ref = store.file(file("m.map", "fixed yes\n"), true, "map", AT);
        PatternMatcher map = ref.matcher(MatchMethod.STR, false, true, SampleType.STR);
        AtomicReference<String> anomaly = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> readers = new java.util.ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Thread t = new Thread(() -> {
                Sample s = new Sample();
                while (!done.get()) {
                    s.setStr("fixed");
                    if (!map.lookup(s) || !s.text().equals("yes")) {
                        anomaly.set("an untouched key was not found during edits");
                    }
                }
            });
            t.start();
            readers.add(t);
        }
        List<Thread> writers = new java.util.ArrayList<>();
        for (int w = 0; w < 3; w++) {
            String key = "w" + w;
            Thread t = new Thread(() -> {
                for (int i = 0; i < 300; i++) {
                    ref.setOrAdd(key, Integer.toString(i));
                    if (i % 3 == 2) {
                        ref.delete(key);
                    }
                }
                ref.setOrAdd(key, "last");
            });
            t.start();
            writers.add(t);
        }
        for (Thread t : writers) {
            t.join();
        }
        done.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertThat(anomaly.get()).isNull();
        assertThat(ref.entries()).extracting(PatternEntry::key).containsExactlyInAnyOrder("fixed", "w0", "w1", "w2");
        for (String k : List.of("w0", "w1", "w2")) {
            assertThat(lookup(map, k)).isEqualTo("last");
        }
    }
}
