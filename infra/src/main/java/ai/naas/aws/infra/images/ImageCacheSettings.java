package ai.naas.aws.infra.images;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image cache: config key {@value #KEY}. Docker Hub's images reach the nodes through an ECR pull-through
 * cache rule, which logs in to Docker Hub with credentials kept in Secrets Manager (Docker Hub requires them of a
 * pull-through cache). The secret is the operator's: the stack only names it, so its value is never in the
 * repository, the stack's config or its state (docs/IMAGES.md says how to create it).
 *
 * @param prefix              the ECR repository namespace the cached images go under:
 *                            {@code <prefix>/jupyternaas/naas}, {@code <prefix>/library/busybox}. One per stack in an
 *                            account's region (two stacks cannot share a rule). AWS's rule
 *                            ({@code ecrRepositoryPrefix} of CreatePullThroughCacheRule): 2 to 30 characters, lower-case
 *                            path components separated by {@code /}, each letters and digits joined by
 *                            {@code .}, {@code _}, {@code __} or dashes; {@code ROOT} and a trailing {@code /} are
 *                            refused here. @default {@code naas-<stack>-docker-hub}
 * @param credentialSecretArn the Secrets Manager secret holding the Docker Hub user name and access token
 *                            ({@code {"username": ..., "accessToken": ...}}), in the stack's account and region, its
 *                            name starting with {@value #SECRET_NAME_PREFIX} (AWS's rule for a pull-through cache's
 *                            credentials), e.g.
 *                            {@code arn:aws:secretsmanager:eu-west-3:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf}.
 *                            Required.
 */
public record ImageCacheSettings(String prefix, String credentialSecretArn) {

    /** The config key this record is read from. */
    public static final String KEY = "naas:images";
    /** What the name of a pull-through cache's credential secret must start with (CreatePullThroughCacheRule). */
    public static final String SECRET_NAME_PREFIX = "ecr-pullthroughcache/";
    /** The longest prefix AWS accepts. */
    public static final int PREFIX_MAX_LENGTH = 30;

    private static final String COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
    private static final Pattern PREFIX = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    /** A restriction of AWS's {@code CredentialArn} pattern that also names the region and account. */
    private static final Pattern SECRET_ARN = Pattern.compile("arn:aws(?:-[a-z]+)*:secretsmanager:"
            + "([a-z]{2}(?:-[a-z]+)+-\\d):(\\d{12}):secret:" + Pattern.quote(SECRET_NAME_PREFIX) + "[a-zA-Z0-9/_+=.@-]+");

    public ImageCacheSettings {
        if (prefix != null) {
            checkPrefix(prefix);
        }
        credentialSecretArn = Settings.required("credentialSecretArn", credentialSecretArn);
        if (!SECRET_ARN.matcher(credentialSecretArn).matches() || credentialSecretArn.length() > 612) {
            throw new InvalidSetting("credentialSecretArn", "must be the ARN of a Secrets Manager secret whose name starts"
                    + " with " + SECRET_NAME_PREFIX + " (ECR reads a pull-through cache's credentials only from such a"
                    + " secret), like arn:aws:secretsmanager:eu-west-3:123456789012:secret:" + SECRET_NAME_PREFIX
                    + "docker-hub-AbCdEf, got '" + credentialSecretArn + "'");
        }
    }

    /** The default prefix of a stack, e.g. {@code naas-prod-docker-hub}. */
    public static String defaultPrefix(String baseName) {
        return baseName + "-docker-hub";
    }

    /**
     * These settings for the stack {@code baseName} in {@code region}: the prefix filled in if it was not set, and
     * the secret required to be in the stack's region (ECR reads credentials only from its own account and region).
     *
     * @throws ConfigException naming {@code naas:images.prefix} or {@code naas:images.credentialSecretArn}
     */
    public ImageCacheSettings forStack(String baseName, String region) {
        String resolved = prefix;
        if (resolved == null) {
            resolved = defaultPrefix(baseName);
            try {
                checkPrefix(resolved);
            } catch (InvalidSetting e) {
                throw new ConfigException(KEY + ".prefix", "is not set and the default '" + resolved + "' does not fit: "
                        + e.problem() + "; set one");
            }
        }
        if (!secretRegion().equals(region)) {
            throw new ConfigException(KEY + ".credentialSecretArn", "the secret is in " + secretRegion()
                    + " but the stack is in " + region + "; ECR reads a pull-through cache's credentials only from"
                    + " a secret of its own region");
        }
        return new ImageCacheSettings(resolved, credentialSecretArn);
    }

    /** The region the credential secret is in. */
    public String secretRegion() {
        Matcher m = SECRET_ARN.matcher(credentialSecretArn);
        if (!m.matches()) {
            throw new IllegalStateException("validated in the constructor");
        }
        return m.group(1);
    }

    private static void checkPrefix(String prefix) {
        if (prefix.length() < 2 || prefix.length() > PREFIX_MAX_LENGTH || !PREFIX.matcher(prefix).matches()) {
            throw new InvalidSetting("prefix", "must be an ECR repository prefix of 2 to " + PREFIX_MAX_LENGTH
                    + " characters: lower-case letters and digits, joined by '.', '_', '__' or '-', components"
                    + " separated by '/', like naas-prod-docker-hub; got '" + prefix + "'");
        }
    }
}
