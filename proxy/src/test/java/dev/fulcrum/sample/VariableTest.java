package dev.fulcrum.sample;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Variables: names, scopes, typed copies, and the shared proc scope. */
class VariableTest {

    @Test
    void namesStartWithTheirScope() {
        assertThat(VarRef.parse("txn.user.id")).isEqualTo(new VarRef(VarScope.TXN, "user.id"));
        assertThat(VarRef.parse("proc.x").scope()).isEqualTo(VarScope.PROC);
        assertThat(VarRef.parse("check.x").scope()).isEqualTo(VarScope.CHECK);
        assertThatThrownBy(() -> VarRef.parse("txn")).hasMessageStartingWith("invalid variable name 'txn'.");
        assertThatThrownBy(() -> VarRef.parse("proc.")).hasMessageStartingWith("invalid variable name 'proc.'.");
        assertThatThrownBy(() -> VarRef.parse("txn.a-b")).hasMessage("invalid syntax at char '-b'.");
    }

    @Test
    void valuesKeepTheirTypeAndAreCopies() {
        TestContext ctx = new TestContext();
        VarRef v = VarRef.parse("sess.v");
        Sample s = new Sample();
        byte[] data = {1, 2, 3};
        s.setBin(data);
        assertThat(v.set(ctx, s)).isTrue();
        data[0] = 9;
        Sample out = new Sample();
        assertThat(v.get(ctx, out)).isTrue();
        assertThat(out.type()).isEqualTo(SampleType.BIN);
        assertThat(out.binCopy()).containsExactly(1, 2, 3);
        s.setIpv4(0x7f000001);
        v.set(ctx, s);
        assertThat(ctx.eval("var(sess.v)")).isEqualTo("127.0.0.1");
        assertThat(ctx.eval("var(sess.v),add(0)")).isEqualTo("2130706433");
        assertThat(v.unset(ctx)).isTrue();
        assertThat(v.unset(ctx)).isFalse();
        assertThat(ctx.eval("var(sess.v,dflt)")).isEqualTo("dflt");
    }

    @Test
    void aScopeThatDoesNotExistHereHasNoVariables() {
        TestContext ctx = new TestContext();
        ctx.vars.remove(VarScope.RES);
        Sample s = new Sample();
        s.setSint(1);
        assertThat(VarRef.parse("res.x").set(ctx, s)).isFalse();
        assertThat(ctx.eval("int(1),set-var(res.x)")).isNull();
        assertThat(ctx.eval("var(res.x)")).isNull();
    }

    @Test
    void procVariablesAreSharedAndReadersSeeWholeValues() throws Exception {
        VarStore proc = VarStore.shared();
        Sample a = new Sample();
        a.setStr("a".repeat(64));
        proc.set("x", a);
        AtomicReference<String> torn = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            Sample s = new Sample();
            while (done.getCount() > 0) {
                proc.get("x", s);
                String v = s.str();
                if (!v.equals("a".repeat(64)) && !v.equals("b".repeat(64))) {
                    torn.set(v);
                }
            }
        });
        reader.start();
        Sample b = new Sample();
        for (int i = 0; i < 20_000; i++) {
            b.setStr((i % 2 == 0 ? "b" : "a").repeat(64));
            proc.set("x", b);
        }
        done.countDown();
        reader.join();
        assertThat(torn.get()).isNull();
        assertThat(proc.exists("never-set")).isTrue();
    }
}
