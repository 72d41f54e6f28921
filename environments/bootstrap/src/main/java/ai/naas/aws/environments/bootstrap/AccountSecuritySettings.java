package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.config.Settings;

/**
 * The account's IAM password policy: config key {@code naas-bootstrap:accountSecurity}. One per account,
 * so it lives here and not in a stack (two stacks sharing an account would otherwise fight over it).
 * Every password also needs lower and upper case letters, digits and symbols (not a setting).
 *
 * @param minimumPasswordLength   the shortest password IAM accepts, 14 to 128 (CIS AWS Foundations 1.8 asks
 *                                for at least 14; IAM allows up to 128). @default 14
 * @param maxPasswordAgeDays      days before a password must be changed, 1 to 1095 (IAM's range).
 *                                @default 90
 * @param passwordReusePrevention how many earlier passwords may not be reused, 1 to 24 (IAM's range; CIS
 *                                1.9 asks for 24). @default 24
 */
public record AccountSecuritySettings(Integer minimumPasswordLength, Integer maxPasswordAgeDays,
                                      Integer passwordReusePrevention) {

    public AccountSecuritySettings {
        minimumPasswordLength = Settings.inRange("minimumPasswordLength", Settings.orDefault(minimumPasswordLength, 14), 14, 128);
        maxPasswordAgeDays = Settings.inRange("maxPasswordAgeDays", Settings.orDefault(maxPasswordAgeDays, 90), 1, 1095);
        passwordReusePrevention = Settings.inRange("passwordReusePrevention", Settings.orDefault(passwordReusePrevention, 24), 1, 24);
    }

    /** The defaults. */
    public static AccountSecuritySettings defaults() {
        return new AccountSecuritySettings(null, null, null);
    }
}
