package ai.naas.aws.config;

import com.pulumi.core.Output;

import java.util.Objects;

/**
 * A secret from stack config. It never prints its value, and it reaches resources only as a secret
 * {@link Output}, so Pulumi encrypts it in state and masks it in previews.
 */
public final class Secret {

    private final String value;

    Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    /** The value as a secret Output: the only way out. */
    public Output<String> asOutput() {
        return Output.ofSecret(value);
    }

    @Override
    public String toString() {
        return "[secret]";
    }
}
