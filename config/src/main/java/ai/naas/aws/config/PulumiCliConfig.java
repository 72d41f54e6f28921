package ai.naas.aws.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.Context;

import java.util.Optional;
import java.util.Set;
import java.util.List;

/**
 * Stack config as the Pulumi CLI hands it to the program under {@code pulumi preview/up}. Values come
 * through the SDK's public {@code Config}; which keys are secret, which that API does not tell, comes from
 * the language host's {@code PULUMI_CONFIG_SECRET_KEYS} (a JSON array of full keys).
 */
public final class PulumiCliConfig implements ConfigSource {

    private final Context context;
    private final Set<String> secretKeys;

    public PulumiCliConfig(Context context) {
        this.context = context;
        this.secretKeys = parseSecretKeys(System.getenv("PULUMI_CONFIG_SECRET_KEYS"));
    }

    @Override
    public Optional<String> get(String fullKey) {
        int colon = fullKey.indexOf(':');
        return context.config(fullKey.substring(0, colon)).get(fullKey.substring(colon + 1));
    }

    @Override
    public boolean isSecret(String fullKey) {
        return secretKeys.contains(fullKey);
    }

    static Set<String> parseSecretKeys(String json) {
        if (json == null || json.isBlank()) {
            return Set.of();
        }
        try {
            return Set.copyOf(new ObjectMapper().readValue(json, new TypeReference<List<String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PULUMI_CONFIG_SECRET_KEYS from the Pulumi CLI is not a JSON list", e);
        }
    }
}
