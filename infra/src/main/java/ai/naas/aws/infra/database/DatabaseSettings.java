package ai.naas.aws.infra.database;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

/**
 * The RDS PostgreSQL instance: config key {@code naas:database}.
 *
 * @param engineVersion        PostgreSQL major version, 15 to 17. @default 16
 * @param instanceClass        e.g. {@code db.t4g.medium}. @default db.t4g.medium
 * @param allocatedStorageGiB  initial storage. @default 50
 * @param maxAllocatedStorageGiB storage autoscaling ceiling. @default 4 x allocatedStorageGiB
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
        allocatedStorageGiB = Settings.inRange("allocatedStorageGiB", Settings.orDefault(allocatedStorageGiB, 50), 20, 65536);
        maxAllocatedStorageGiB = Settings.orDefault(maxAllocatedStorageGiB, allocatedStorageGiB * 4);
        if (maxAllocatedStorageGiB < allocatedStorageGiB) {
            throw new InvalidSetting("maxAllocatedStorageGiB", "must be at least allocatedStorageGiB (" + allocatedStorageGiB + ")");
        }
        multiAz = Settings.orDefault(multiAz, false);
        backupRetentionDays = Settings.inRange("backupRetentionDays", Settings.orDefault(backupRetentionDays, 7), 7, 35);
    }

    /** The defaults. */
    public static DatabaseSettings defaults() {
        return new DatabaseSettings(null, null, null, null, null, null);
    }
}
