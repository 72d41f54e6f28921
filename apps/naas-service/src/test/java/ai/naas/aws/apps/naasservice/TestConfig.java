package ai.naas.aws.apps.naasservice;

import ai.naas.aws.infra.config.ConfigReader;
import ai.naas.aws.infra.config.ConfigSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;

/**
 * Stack config for tests, read by the real {@link ConfigReader}: full keys to raw values as the Pulumi CLI passes
 * them (objects as JSON text), some of them secret.
 */
public final class TestConfig implements ConfigSource {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> secretKeys = new HashSet<>();

    /** Sets a plain value. */
    public TestConfig set(String fullKey, String raw) {
        values.put(fullKey, raw);
        return this;
    }

    /** Sets a value as a secret ({@code pulumi config set --secret}). */
    public TestConfig secret(String fullKey, String raw) {
        values.put(fullKey, raw);
        secretKeys.add(fullKey);
        return this;
    }

    /** A reader over this config. */
    public ConfigReader reader() {
        return new ConfigReader(this);
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
