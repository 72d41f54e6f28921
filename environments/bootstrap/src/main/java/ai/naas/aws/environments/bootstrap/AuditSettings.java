package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

import java.util.List;

/**
 * The account's audit trail: config key {@code naas-bootstrap:audit}. CloudTrail writes every region's
 * management events to its own S3 bucket, locked against deletion, and to a CloudWatch log group whose
 * metric filters raise the CIS alarms.
 *
 * @param bucketName                the trail's bucket, S3's naming rules without dots (as the state bucket),
 *                                  not the state bucket. Required.
 * @param retentionDays             how long S3 Object Lock keeps each log file from being deleted or
 *                                  overwritten, 1 to 3653 days. @default 365
 * @param lockMode                  {@code GOVERNANCE} (a principal with {@code s3:BypassGovernanceRetention}
 *                                  can still delete early) or {@code COMPLIANCE} (nobody can, not even the
 *                                  root user, and the retention cannot be shortened: choose it knowingly).
 *                                  @default GOVERNANCE
 * @param infrequentAccessAfterDays days before log files move to S3 Standard-IA, at least 30 (S3's minimum
 *                                  for that class). @default 90
 * @param glacierAfterDays          days before they move to S3 Glacier Flexible Retrieval, at least 30 after
 *                                  {@code infrequentAccessAfterDays} (S3 bills Standard-IA for 30 days).
 *                                  @default 365
 * @param expireAfterDays           days after which log files are deleted, at least {@code retentionDays}
 *                                  (the lock would refuse earlier) and 90 after {@code glacierAfterDays}
 *                                  (Glacier's minimum); absent keeps them for good. @default absent
 * @param logRetentionDays          days the CloudWatch log group keeps events (what the alarms read), one of
 *                                  CloudWatch Logs' values ({@link #LOG_RETENTION_DAYS}). @default 365
 */
public record AuditSettings(String bucketName, Integer retentionDays, String lockMode, Integer infrequentAccessAfterDays,
                            Integer glacierAfterDays, Integer expireAfterDays, Integer logRetentionDays) {

    /** The only retention periods CloudWatch Logs accepts (PutRetentionPolicy). */
    public static final List<Integer> LOG_RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365,
            400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    public AuditSettings {
        AccountSettings.bucketName("bucketName", Settings.required("bucketName", bucketName));
        retentionDays = Settings.inRange("retentionDays", Settings.orDefault(retentionDays, 365), 1, 3653);
        lockMode = Settings.orDefault(lockMode, "GOVERNANCE");
        if (!List.of("GOVERNANCE", "COMPLIANCE").contains(lockMode)) {
            throw new InvalidSetting("lockMode", "must be one of GOVERNANCE, COMPLIANCE, got '" + lockMode + "'");
        }
        infrequentAccessAfterDays = Settings.orDefault(infrequentAccessAfterDays, 90);
        if (infrequentAccessAfterDays < 30) {
            throw new InvalidSetting("infrequentAccessAfterDays", "must be at least 30 (S3's minimum before "
                    + "Standard-IA), got " + infrequentAccessAfterDays);
        }
        glacierAfterDays = Settings.orDefault(glacierAfterDays, 365);
        if (glacierAfterDays < infrequentAccessAfterDays + 30) {
            throw new InvalidSetting("glacierAfterDays", "must be at least infrequentAccessAfterDays + 30 ("
                    + (infrequentAccessAfterDays + 30) + "), got " + glacierAfterDays);
        }
        if (expireAfterDays != null) {
            int floor = Math.max(retentionDays, glacierAfterDays + 90);
            if (expireAfterDays < floor) {
                throw new InvalidSetting("expireAfterDays", "must be at least " + floor + " (retentionDays, and "
                        + "glacierAfterDays + 90), got " + expireAfterDays);
            }
        }
        logRetentionDays = Settings.orDefault(logRetentionDays, 365);
        if (!LOG_RETENTION_DAYS.contains(logRetentionDays)) {
            throw new InvalidSetting("logRetentionDays", "must be one of CloudWatch Logs' values " + LOG_RETENTION_DAYS
                    + ", got " + logRetentionDays + "; the closest is " + closest(logRetentionDays));
        }
    }

    private static int closest(int days) {
        int best = LOG_RETENTION_DAYS.get(0);
        for (int allowed : LOG_RETENTION_DAYS) {
            if (Math.abs(allowed - days) < Math.abs(best - days)) {
                best = allowed;
            }
        }
        return best;
    }
}
