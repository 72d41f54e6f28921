package ai.naas.aws.infra.database;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

/**
 * The RDS PostgreSQL instance: config key {@code naas:database}.
 *
 * @param engineVersion        PostgreSQL major version, 15 to 17. @default 16
 * @param instanceClass        e.g. {@code db.t4g.medium}. @default db.t4g.medium
 * @param allocatedStorageGiB  initial storage, 20 to 59578 (so that autoscaling has 10% room below 65536). @default 50
 * @param maxAllocatedStorageGiB storage autoscaling ceiling, at least 10% above {@code allocatedStorageGiB}
 *                             (RDS: "at least 10% more than the current allocated storage"; AWS recommends 26%),
 *                             at most 65536. @default 4 x allocatedStorageGiB, at most 65536
 * @param multiAz              a standby in another zone; set it in prod. @default false
 * @param backupRetentionDays  automated backups kept, 7 to 35. @default 7
 */
public record DatabaseSettings(
        String engineVersion,
        String instanceClass,
        Integer allocatedStorageGiB,
        Integer maxAllocatedStorageGiB,
        Boolean multiAz,
        Integer backupRetentionDays) {

    public DatabaseSettings {
        engineVersion = Settings.orDefault(engineVersion, "16");
        if (!engineVersion.matches("1[5-7]")) {
            throw new InvalidSetting("engineVersion", "must be a PostgreSQL major version from 15 to 17, got '" + engineVersion + "'");
        }
        instanceClass = Settings.orDefault(instanceClass, "db.t4g.medium");
        if (!instanceClass.matches("db\\.[a-z][a-z0-9-]*\\.[0-9]*x?(large|medium|small|micro)")) {
            throw new InvalidSetting("instanceClass", "must be an RDS instance class like db.t4g.medium, got '" + instanceClass + "'");
        }
        allocatedStorageGiB = Settings.inRange("allocatedStorageGiB", Settings.orDefault(allocatedStorageGiB, 50), 20, 59578);
        maxAllocatedStorageGiB = Settings.orDefault(maxAllocatedStorageGiB, Math.min(allocatedStorageGiB * 4, MAX_STORAGE_GIB));
        int lowest = lowestAutoscalingCeiling(allocatedStorageGiB);
        if (maxAllocatedStorageGiB < lowest) {
            throw new InvalidSetting("maxAllocatedStorageGiB", "must be at least 10% above allocatedStorageGiB ("
                    + allocatedStorageGiB + ") for RDS storage autoscaling, so at least " + lowest + ", got "
                    + maxAllocatedStorageGiB);
        }
        if (maxAllocatedStorageGiB > MAX_STORAGE_GIB) {
            throw new InvalidSetting("maxAllocatedStorageGiB", "must be at most " + MAX_STORAGE_GIB + " (RDS's largest"
                    + " gp3 volume), got " + maxAllocatedStorageGiB);
        }
        multiAz = Settings.orDefault(multiAz, false);
        backupRetentionDays = Settings.inRange("backupRetentionDays", Settings.orDefault(backupRetentionDays, 7), 7, 35);
    }

    /** The largest gp3 volume RDS allocates, GiB. */
    public static final int MAX_STORAGE_GIB = 65536;

    /** The smallest ceiling RDS accepts for {@code allocated} GiB: 10% more, rounded up to a whole GiB. */
    public static int lowestAutoscalingCeiling(int allocated) {
        return (int) ((allocated * 11L + 9) / 10);
    }

    /** The defaults. */
    public static DatabaseSettings defaults() {
        return new DatabaseSettings(null, null, null, null, null, null);
    }
}
