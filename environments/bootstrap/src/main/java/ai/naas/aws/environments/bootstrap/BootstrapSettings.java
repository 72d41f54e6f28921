package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.ConfigReader;

import java.util.List;

/**
 * The bootstrap's whole configuration, read once and validated before any resource is registered.
 * {@code environments/bootstrap/Pulumi.main-account.yaml} shows it in use.
 *
 * @param region  {@code aws:region}: where the state bucket and the keys live, and the region every stack's
 *                {@code awskms://} secrets provider names
 * @param account {@code naas-bootstrap:account}
 * @param accountSecurity {@code naas-bootstrap:accountSecurity}, optional
 */
public record BootstrapSettings(String region, AccountSettings account, AccountSecuritySettings accountSecurity) {

    /** The config key of {@link AccountSettings}. */
    public static final String ACCOUNT_KEY = "naas-bootstrap:account";

    /** The config key of {@link AccountSecuritySettings}. */
    public static final String ACCOUNT_SECURITY_KEY = "naas-bootstrap:accountSecurity";

    /** Every config key this program reads. */
    public static final List<String> KEYS = List.of("aws:region", ACCOUNT_KEY, ACCOUNT_SECURITY_KEY);

    /**
     * Reads and validates every key.
     *
     * @throws ConfigException naming the first wrong key
     */
    public static BootstrapSettings read(ConfigReader config) {
        String region = config.requiredRegion("aws:region");
        return new BootstrapSettings(region, config.required(ACCOUNT_KEY, AccountSettings.class),
                config.optional(ACCOUNT_SECURITY_KEY, AccountSecuritySettings.class, AccountSecuritySettings::defaults));
    }
}
