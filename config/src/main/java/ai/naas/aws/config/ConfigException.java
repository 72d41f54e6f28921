package ai.naas.aws.config;

import com.pulumi.exceptions.RunException;

/**
 * A stack config value is missing or wrong. The message is one line that starts with the full key
 * ({@code naas:network.zones[1]}) and says what is wrong, so it can be shown to a user as it is.
 *
 * <p>A {@link RunException}: under {@code pulumi preview/up} the SDK reports those with their message
 * alone, no stack trace.
 */
public final class ConfigException extends RunException {

    private final String key;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** The full key of the offending value, e.g. {@code naas:nodeGroups.jupyter.minSize}. */
    public String key() {
        return key;
    }
}
