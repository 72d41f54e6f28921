package ai.naas.aws.support;

import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pulumi {@link Output} plumbing every layer needs. */
public final class Outputs {

    private Outputs() {
    }

    /** One Output of a map from a map of Outputs, keys in the given order. */
    public static <K, V> Output<Map<K, V>> allOf(Map<K, Output<V>> entries) {
        var keys = new ArrayList<>(entries.keySet());
        return Output.all(new ArrayList<>(entries.values())).applyValue(values -> {
            Map<K, V> all = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                all.put(keys.get(i), values.get(i));
            }
            return all;
        });
    }

    /** The items of {@code first} then of each list in {@code more}, as one immutable list. */
    @SafeVarargs
    public static <T> List<T> concat(List<? extends T> first, List<? extends T>... more) {
        var all = new ArrayList<T>(first);
        for (var list : more) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
