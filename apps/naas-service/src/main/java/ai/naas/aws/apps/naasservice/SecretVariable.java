package ai.naas.aws.apps.naasservice;

import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * An environment variable whose value is one of the app's stack secrets ({@code naas:<app>.<secret>}, set with
 * {@code pulumi config set --secret}). The value never enters the Helm values: it goes into the app's own
 * Kubernetes Secret ({@link NaasServiceApp#secretName()}), under the key {@code secret}, and the chart's
 * {@code secretEnv} points the variable at that key.
 *
 * @param env      the environment variable, e.g. {@code EMAIL_PASSWORD}
 * @param secret   the secret's name in stack config and its key in the Kubernetes Secret, e.g. {@code emailPassword}
 * @param encoding what the service needs done to the value before it sees it (identity for most)
 */
public record SecretVariable(String env, String secret, UnaryOperator<String> encoding) {

    private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A stack config key segment, and a valid Secret data key. */
    private static final Pattern SECRET = Pattern.compile("[a-z][A-Za-z0-9]*");

    public SecretVariable {
        Objects.requireNonNull(encoding, "encoding");
        if (env == null || !ENV.matcher(env).matches()) {
            throw new IllegalArgumentException("not an environment variable name: " + env);
        }
        if (secret == null || !SECRET.matcher(secret).matches()) {
            throw new IllegalArgumentException("not a secret name (lowerCamelCase): " + secret);
        }
    }

    /** The secret as it is. */
    public static SecretVariable of(String env, String secret) {
        return new SecretVariable(env, secret, UnaryOperator.identity());
    }

    /** The secret percent-encoded ({@link UrlText#percentEncode}), for a service that splices it into a URL. */
    public static SecretVariable percentEncoded(String env, String secret) {
        return new SecretVariable(env, secret, UrlText::percentEncode);
    }
}
