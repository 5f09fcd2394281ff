package dev.fulcrum.sample;

import java.util.HashMap;
import java.util.Map;

/** Variables of one stream scope; the map is only created on the first write. */
final class LocalVarStore implements VarStore {

    private Map<String, VarValue> values;

    @Override
    public boolean get(String name, Sample out) {
        return VarValue.copy(values == null ? null : values.get(name), out);
    }

    @Override
    public void set(String name, Sample value) {
        if (values == null) {
            values = new HashMap<>(8);
        }
        values.put(name, VarValue.of(value));
    }

    @Override
    public boolean unset(String name) {
        return values != null && values.remove(name) != null;
    }

    @Override
    public boolean exists(String name) {
        return values != null && values.containsKey(name);
    }
}
