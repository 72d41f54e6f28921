package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.infra.config.ConfigSource;
import com.pulumi.Context;

import java.util.Optional;

/**
 * Stack config as the Pulumi CLI hands it to the program. The bootstrap reads no secrets (its stack has
 * no KMS key to encrypt them with: it creates those), so no value is ever a secret here.
 */
final class PulumiCliConfig implements ConfigSource {

    private final Context context;

    PulumiCliConfig(Context context) {
        this.context = context;
    }

    @Override
    public Optional<String> get(String fullKey) {
        int colon = fullKey.indexOf(':');
        return context.config(fullKey.substring(0, colon)).get(fullKey.substring(colon + 1));
    }

    @Override
    public boolean isSecret(String fullKey) {
        return false;
    }
}
