package dev.fulcrum.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engines and backends one test started, closed in reverse order by the
 * test's {@code @AfterEach}.
 */
public final class TestResources implements AutoCloseable {

    private final List<AutoCloseable> open = new ArrayList<>();

    /** Registers {@code resource} for closing and returns it. */
    public <T extends AutoCloseable> T add(T resource) {
        open.add(resource);
        return resource;
    }

    public TestBackend backend(String name) throws InterruptedException {
        return add(TestBackend.start(name));
    }

    /** Starts an engine on {@code config} with {@code ${NAME}} placeholders replaced from {@code vars}. */
    public RunningEngine engine(String config, Map<String, String> vars) throws Exception {
        return add(RunningEngine.start(config, vars));
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
