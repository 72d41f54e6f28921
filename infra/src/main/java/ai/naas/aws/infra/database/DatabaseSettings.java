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
 * @param backupRetentionDays  automated backups kept, 7 to 35: how far back point-in-time recovery reaches
 *                             (prod keeps at least 14). @default 7
 * @param restoreFrom          set to come up on restored data: a new instance from a snapshot or a point in
 *                             time, the current one left untouched; see {@link DatabaseRestore} and the
 *                             runbook in docs/OPERATIONS.md. @default none
 * @param upgradeFrom          the PostgreSQL major version the instance runs now, set only for a major version
 *                             upgrade to {@code engineVersion} (RDS then gets {@code allowMajorVersionUpgrade}
 *                             and the parameter group of the new family). @default none
 */
public record DatabaseSettings(
        String engineVersion,
        String instanceClass,
        Integer allocatedStorageGiB,
        Integer maxAllocatedStorageGiB,
        Boolean multiAz,
        Integer backupRetentionDays,
        DatabaseRestore restoreFrom,
        String upgradeFrom) {

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
        if (upgradeFrom != null) {
            if (!upgradeFrom.matches("1[0-9]")) {
                throw new InvalidSetting("upgradeFrom", "must be the PostgreSQL major version running now, like 15; got '"
                        + upgradeFrom + "'");
            }
            if (Integer.parseInt(upgradeFrom) >= Integer.parseInt(engineVersion)) {
                throw new InvalidSetting("upgradeFrom", "must be below engineVersion (" + engineVersion
                        + "): RDS upgrades major versions, it cannot downgrade; remove upgradeFrom once the upgrade is done");
            }
        }
    }

    /** The settings before restore and upgrade fields existed (same defaults for both). */
    public DatabaseSettings(String engineVersion, String instanceClass, Integer allocatedStorageGiB,
                            Integer maxAllocatedStorageGiB, Boolean multiAz, Integer backupRetentionDays) {
        this(engineVersion, instanceClass, allocatedStorageGiB, maxAllocatedStorageGiB, multiAz, backupRetentionDays,
                null, null);
    }

    /** The restore source, when the stack is to come up on restored data. */
    public java.util.Optional<DatabaseRestore> restore() {
        return java.util.Optional.ofNullable(restoreFrom);
    }

    /** Whether this run upgrades the PostgreSQL major version. */
    public boolean upgradesMajorVersion() {
        return upgradeFrom != null;
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
