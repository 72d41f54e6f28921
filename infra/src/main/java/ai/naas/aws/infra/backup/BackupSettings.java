package ai.naas.aws.infra.backup;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

/**
 * The stack's AWS Backup plan: config key {@code naas:backup}. It backs up exactly the shared file system
 * and the database into a vault encrypted with the stack's backups key.
 *
 * @param retentionDays     how long each daily recovery point is kept, 7 to 3650. @default 35
 * @param schedule          when the daily backup starts, an AWS Backup cron expression in UTC.
 *                          @default cron(0 3 * * ? *) (03:00 UTC, outside European working hours)
 * @param lockVault         lock the vault: no recovery point can be deleted before {@code retentionDays}, by
 *                          anyone, the account root included. Required {@code true} in prod. @default false
 * @param lockGraceDays     days during which the lock can still be removed; after them it is permanent
 *                          (compliance mode). 3 to 365. @default 3
 */
public record BackupSettings(Integer retentionDays, String schedule, Boolean lockVault, Integer lockGraceDays) {

    /** The config key. */
    public static final String KEY = "naas:backup";

    public BackupSettings {
        retentionDays = Settings.inRange("retentionDays", Settings.orDefault(retentionDays, 35), 7, 3650);
        schedule = Settings.orDefault(schedule, "cron(0 3 * * ? *)");
        // Six fields: minutes hours day-of-month month day-of-week year, as AWS Backup reads them.
        if (!schedule.matches("cron\\(\\S+( \\S+){5}\\)")) {
            throw new InvalidSetting("schedule", "must be an AWS Backup cron expression with six fields like "
                    + "cron(0 3 * * ? *), got '" + schedule + "'");
        }
        lockVault = Settings.orDefault(lockVault, false);
        lockGraceDays = Settings.inRange("lockGraceDays", Settings.orDefault(lockGraceDays, 3), 3, 365);
    }

    /** The defaults. */
    public static BackupSettings defaults() {
        return new BackupSettings(null, null, null, null);
    }
}
