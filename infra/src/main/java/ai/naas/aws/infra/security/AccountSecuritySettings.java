package ai.naas.aws.infra.security;

import ai.naas.aws.config.Settings;

/**
 * Account-wide IAM settings: config key {@code naas:accountSecurity}.
 *
 * @param managePasswordPolicy whether this stack owns the account's IAM password policy. There is one per
 *                             account: where several stacks share an account, exactly one manages it.
 *                             @default true
 */
public record AccountSecuritySettings(Boolean managePasswordPolicy) {

    public AccountSecuritySettings {
        managePasswordPolicy = Settings.orDefault(managePasswordPolicy, true);
    }

    /** The defaults. */
    public static AccountSecuritySettings defaults() {
        return new AccountSecuritySettings(null);
    }
}
