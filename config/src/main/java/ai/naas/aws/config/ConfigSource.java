package ai.naas.aws.config;

import java.util.Optional;

/**
 * Where stack config comes from: the Pulumi CLI under {@code pulumi up}, or a stack file under
 * {@code naas plan}. Keys are full keys ({@code naas:network}, {@code aws:region}); structured values are
 * JSON text, as the Pulumi CLI passes them.
 */
public interface ConfigSource {

    /** The raw value of a full key, if set. */
    Optional<String> get(String fullKey);

    /** Whether the value of a full key was given as a secret ({@code secure:} in the stack file). */
    boolean isSecret(String fullKey);
}
