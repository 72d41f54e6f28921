package ai.naas.aws.infra.monitoring;

import ai.naas.aws.config.Settings;

/**
 * When each alarm of the stack fires: config key {@code naas:alerts.thresholds}. The defaults fit the
 * stacks' instance classes; raise or lower them where a stack's load differs.
 *
 * @param databaseCpuPercent        RDS {@code CPUUtilization} average above this for 15 minutes. 1 to 100. @default 80
 * @param databaseFreeStorageGiB    RDS {@code FreeStorageSpace} below this. 1 to 1024. @default 5
 *                                  (storage autoscaling grows the volume at 10% free; this fires when it could not)
 * @param databaseFreeMemoryMiB     RDS {@code FreeableMemory} below this for 15 minutes. 16 to 65536. @default 256
 * @param databaseConnections       RDS {@code DatabaseConnections} above this for 15 minutes. 10 to 5000.
 *                                  @default 300 (db.t4g.medium allows about 410)
 * @param fileSystemBurstCreditsGiB EFS {@code BurstCreditBalance} below this, for a file system in
 *                                  {@code bursting} throughput mode. 1 to 10000. @default 100
 * @param fileSystemIoLimitPercent  EFS {@code PercentIOLimit} above this for 15 minutes, for the other
 *                                  throughput modes (the stack's is {@code elastic}). 1 to 100. @default 90
 * @param nodeGroupAtMaxMinutes     a node group's Auto Scaling group at its maximum size for this long:
 *                                  users are waiting for servers. 5 to 1440. @default 15
 * @param natPortAllocationErrors   NAT gateway {@code ErrorPortAllocation} count in 5 minutes at or above
 *                                  this. 1 to 100000. @default 1
 * @param certificateDaysToExpiry   ACM {@code DaysToExpiry} below this: ACM renews 60 days before expiry, so
 *                                  this means the renewal failed. 1 to 60. @default 30
 * @param hubDownMinutes            the hub or the proxy with no running pod for this long. 1 to 60. @default 5
 * @param spawnFailurePercent       failed server spawns, as a percentage of the spawns that succeeded or failed in
 *                                  one period, at or above this (JupyterHub's {@code status="failure"} against
 *                                  {@code "success"}). 1 to 100. @default 25
 * @param spawnFailureMinimum       ...and at least this many failures in the period, so that one failed spawn at
 *                                  night (100%) pages no one. 1 to 1000. @default 3
 * @param spawnFailureMinutes       the period those are counted over. 5 to 60. @default 15
 */
public record AlarmThresholds(
        Integer databaseCpuPercent,
        Integer databaseFreeStorageGiB,
        Integer databaseFreeMemoryMiB,
        Integer databaseConnections,
        Integer fileSystemBurstCreditsGiB,
        Integer fileSystemIoLimitPercent,
        Integer nodeGroupAtMaxMinutes,
        Integer natPortAllocationErrors,
        Integer certificateDaysToExpiry,
        Integer hubDownMinutes,
        Integer spawnFailurePercent,
        Integer spawnFailureMinimum,
        Integer spawnFailureMinutes) {

    public AlarmThresholds {
        databaseCpuPercent = Settings.inRange("databaseCpuPercent", Settings.orDefault(databaseCpuPercent, 80), 1, 100);
        databaseFreeStorageGiB = Settings.inRange("databaseFreeStorageGiB", Settings.orDefault(databaseFreeStorageGiB, 5), 1, 1024);
        databaseFreeMemoryMiB = Settings.inRange("databaseFreeMemoryMiB", Settings.orDefault(databaseFreeMemoryMiB, 256), 16, 65536);
        databaseConnections = Settings.inRange("databaseConnections", Settings.orDefault(databaseConnections, 300), 10, 5000);
        fileSystemBurstCreditsGiB = Settings.inRange("fileSystemBurstCreditsGiB", Settings.orDefault(fileSystemBurstCreditsGiB, 100), 1, 10000);
        fileSystemIoLimitPercent = Settings.inRange("fileSystemIoLimitPercent", Settings.orDefault(fileSystemIoLimitPercent, 90), 1, 100);
        nodeGroupAtMaxMinutes = Settings.inRange("nodeGroupAtMaxMinutes", Settings.orDefault(nodeGroupAtMaxMinutes, 15), 5, 1440);
        natPortAllocationErrors = Settings.inRange("natPortAllocationErrors", Settings.orDefault(natPortAllocationErrors, 1), 1, 100000);
        certificateDaysToExpiry = Settings.inRange("certificateDaysToExpiry", Settings.orDefault(certificateDaysToExpiry, 30), 1, 60);
        hubDownMinutes = Settings.inRange("hubDownMinutes", Settings.orDefault(hubDownMinutes, 5), 1, 60);
        spawnFailurePercent = Settings.inRange("spawnFailurePercent", Settings.orDefault(spawnFailurePercent, 25), 1, 100);
        spawnFailureMinimum = Settings.inRange("spawnFailureMinimum", Settings.orDefault(spawnFailureMinimum, 3), 1, 1000);
        spawnFailureMinutes = Settings.inRange("spawnFailureMinutes", Settings.orDefault(spawnFailureMinutes, 15), 5, 60);
    }

    /** Every threshold at its default. */
    public static AlarmThresholds defaults() {
        return new AlarmThresholds(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
