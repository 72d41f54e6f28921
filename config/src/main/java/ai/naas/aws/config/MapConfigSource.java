package ai.naas.aws.config;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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

    /** An empty config to build on. */
    public static Builder builder() {
        return new Builder();
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

    /** A config built key by key, as {@code pulumi config set} would set it. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Set<String> secretKeys = new LinkedHashSet<>();

        private Builder() {
        }

        /** A plain value ({@code pulumi config set --path}); structured values as JSON text. */
        public Builder set(String fullKey, String raw) {
            values.put(fullKey, raw);
            secretKeys.remove(fullKey);
            return this;
        }

        /** A value set with {@code pulumi config set --secret}. */
        public Builder secret(String fullKey, String raw) {
            values.put(fullKey, raw);
            secretKeys.add(fullKey);
            return this;
        }

        public MapConfigSource build() {
            return new MapConfigSource(values, secretKeys);
        }

        /** A reader over what was set so far. */
        public ConfigReader reader() {
            return new ConfigReader(build());
        }
    }
}
