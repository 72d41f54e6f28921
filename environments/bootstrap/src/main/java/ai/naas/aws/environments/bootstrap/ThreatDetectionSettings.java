package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

import java.util.List;

/**
 * GuardDuty and IAM Access Analyzer for the account: config key {@code naas-bootstrap:threatDetection}.
 * GuardDuty's findings of medium severity and above reach the account's alert topic.
 *
 * @param eksAuditLogs                GuardDuty reads the EKS clusters' Kubernetes audit logs
 *                                    ({@code EKS_AUDIT_LOGS}). @default true
 * @param eksRuntimeMonitoring        GuardDuty Runtime Monitoring, with GuardDuty managing its security agent
 *                                    as an EKS add-on on every cluster of the region ({@code RUNTIME_MONITORING}
 *                                    with {@code EKS_ADDON_MANAGEMENT}). @default true
 * @param s3Protection                GuardDuty reads S3 data events ({@code S3_DATA_EVENTS}). @default true
 * @param malwareProtection           GuardDuty scans the EBS volumes of instances it suspects
 *                                    ({@code EBS_MALWARE_PROTECTION}). @default true
 * @param findingPublishingFrequency  how often GuardDuty publishes updates of existing findings to EventBridge:
 *                                    {@code FIFTEEN_MINUTES}, {@code ONE_HOUR} or {@code SIX_HOURS} (new findings
 *                                    are published within minutes regardless). @default FIFTEEN_MINUTES
 * @param unusedAccessAnalyzer        also run Access Analyzer's unused-access analyzer (roles, keys and
 *                                    passwords not used for {@code unusedAccessAgeDays}); AWS bills it per
 *                                    role and user analysed, the external-access analyzer is free.
 *                                    @default false
 * @param unusedAccessAgeDays         after how many days without use access counts as unused, 1 to 365
 *                                    (Access Analyzer's range). @default 90
 */
public record ThreatDetectionSettings(Boolean eksAuditLogs, Boolean eksRuntimeMonitoring, Boolean s3Protection,
                                      Boolean malwareProtection, String findingPublishingFrequency,
                                      Boolean unusedAccessAnalyzer, Integer unusedAccessAgeDays) {

    /** GuardDuty's publishing frequencies (its API's enum). */
    public static final List<String> FREQUENCIES = List.of("FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS");

    public ThreatDetectionSettings {
        eksAuditLogs = Settings.orDefault(eksAuditLogs, true);
        eksRuntimeMonitoring = Settings.orDefault(eksRuntimeMonitoring, true);
        s3Protection = Settings.orDefault(s3Protection, true);
        malwareProtection = Settings.orDefault(malwareProtection, true);
        findingPublishingFrequency = Settings.orDefault(findingPublishingFrequency, "FIFTEEN_MINUTES");
        if (!FREQUENCIES.contains(findingPublishingFrequency)) {
            throw new InvalidSetting("findingPublishingFrequency", "must be one of " + String.join(", ", FREQUENCIES)
                    + ", got '" + findingPublishingFrequency + "'");
        }
        unusedAccessAnalyzer = Settings.orDefault(unusedAccessAnalyzer, false);
        unusedAccessAgeDays = Settings.inRange("unusedAccessAgeDays", Settings.orDefault(unusedAccessAgeDays, 90), 1, 365);
    }

    /** The defaults: every GuardDuty protection on, unused-access analysis off. */
    public static ThreatDetectionSettings defaults() {
        return new ThreatDetectionSettings(null, null, null, null, null, null, null);
    }
}
