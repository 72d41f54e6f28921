package ai.naas.aws.infra.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stack config held in memory: full keys to raw values, and which keys are secret. What a stack file reads
 * into, and what tests configure a program with.
 *
 * @param values     full keys ({@code naas:network}) to raw values (JSON text for structured ones)
 * @param secretKeys the keys whose values are secret
 */
public record MapConfigSource(Map<String, String> values, Set<String> secretKeys) implements ConfigSource {

    public MapConfigSource {
        values = Map.copyOf(values);
        secretKeys = Set.copyOf(secretKeys);
    }

    /** Plain values, no secrets. */
    public static MapConfigSource of(Map<String, String> values) {
        return new MapConfigSource(values, Set.of());
    }

    @Override
    public Optional<String> get(String fullKey) {
        return Optional.ofNullable(values.get(fullKey));
    }

    @Override
    public boolean isSecret(String fullKey) {
        return secretKeys.contains(fullKey);
    }
}
