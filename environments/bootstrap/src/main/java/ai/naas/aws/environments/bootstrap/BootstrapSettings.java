package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.ConfigReader;

import java.util.List;

/**
 * The bootstrap's whole configuration, read once and validated before any resource is registered.
 * {@code environments/bootstrap/Pulumi.main-account.yaml} shows it in use.
 *
 * @param region          {@code aws:region}: where the state bucket, the keys, the trail's home, the alert
 *                        topic and GuardDuty live, and the region every stack's {@code awskms://} secrets
 *                        provider names
 * @param account         {@code naas-bootstrap:account}
 * @param accountSecurity {@code naas-bootstrap:accountSecurity}, optional
 * @param audit           {@code naas-bootstrap:audit}
 * @param alerts          {@code naas-bootstrap:alerts}
 * @param threatDetection {@code naas-bootstrap:threatDetection}, optional
 * @param guardrails      {@code naas-bootstrap:guardrails}, optional
 */
public record BootstrapSettings(String region, AccountSettings account, AccountSecuritySettings accountSecurity,
                                AuditSettings audit, AlertSettings alerts, ThreatDetectionSettings threatDetection,
                                GuardrailSettings guardrails) {

    /** The config key of {@link AccountSettings}. */
    public static final String ACCOUNT_KEY = "naas-bootstrap:account";

    /** The config key of {@link AccountSecuritySettings}. */
    public static final String ACCOUNT_SECURITY_KEY = "naas-bootstrap:accountSecurity";

    /** The config key of {@link AuditSettings}. */
    public static final String AUDIT_KEY = "naas-bootstrap:audit";

    /** The config key of {@link AlertSettings}. */
    public static final String ALERTS_KEY = "naas-bootstrap:alerts";

    /** The config key of {@link ThreatDetectionSettings}. */
    public static final String THREAT_DETECTION_KEY = "naas-bootstrap:threatDetection";

    /** The config key of {@link GuardrailSettings}. */
    public static final String GUARDRAILS_KEY = "naas-bootstrap:guardrails";

    /** Every config key this program reads. */
    public static final List<String> KEYS = List.of("aws:region", ACCOUNT_KEY, ACCOUNT_SECURITY_KEY, AUDIT_KEY,
            ALERTS_KEY, THREAT_DETECTION_KEY, GUARDRAILS_KEY);

    /**
     * Reads and validates every key.
     *
     * @throws ConfigException naming the first wrong key
     */
    public static BootstrapSettings read(ConfigReader config) {
        String region = config.requiredRegion("aws:region");
        var account = config.required(ACCOUNT_KEY, AccountSettings.class);
        var accountSecurity = config.optional(ACCOUNT_SECURITY_KEY, AccountSecuritySettings.class, AccountSecuritySettings::defaults);
        var audit = config.required(AUDIT_KEY, AuditSettings.class);
        if (audit.bucketName().equals(account.stateBucketName())) {
            throw new ConfigException(AUDIT_KEY + ".bucketName", "must not be the state bucket ("
                    + ACCOUNT_KEY + ".stateBucketName): the trail's bucket is locked and has its own policy");
        }
        var alerts = config.required(ALERTS_KEY, AlertSettings.class);
        var threatDetection = config.optional(THREAT_DETECTION_KEY, ThreatDetectionSettings.class, ThreatDetectionSettings::defaults);
        var guardrails = config.optional(GUARDRAILS_KEY, GuardrailSettings.class, GuardrailSettings::defaults);
        return new BootstrapSettings(region, account, accountSecurity, audit, alerts, threatDetection, guardrails);
    }
}
