package ai.naas.aws.infra.cluster;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.LogRetention;
import ai.naas.aws.config.Settings;
import ai.naas.aws.infra.network.Cidr;

import java.util.List;

/**
 * The EKS control plane: config key {@code naas:cluster}.
 *
 * @param kubernetesVersion {@code 1.<minor>}, a version EKS supports. @default 1.33
 * @param adminRoleArns     IAM roles given cluster-admin through EKS access entries. Include the role that
 *                          runs {@code pulumi up}: the creator gets no implicit access. @default none
 * @param publicAccessCidrs CIDRs allowed to reach the public API endpoint; empty turns public access off
 *                          (the private endpoint is always on). {@code 0.0.0.0/0} is refused. @default none
 * @param logRetentionDays  how long control-plane logs are kept, in days: one of CloudWatch Logs' retention periods
 *                          (1, 3, 5, 7, 14, 30, 60, 90, ... 3653). @default 90
 * @param upgradeFrom       the minor the cluster runs now ({@code pulumi stack output kubernetesVersion}), set
 *                          only for the run that upgrades it to {@code kubernetesVersion}, which must then be
 *                          exactly one minor newer: EKS upgrades the control plane one minor at a time and
 *                          cannot downgrade. Remove it once the upgrade is done. @default none
 */
public record ClusterSettings(
        String kubernetesVersion,
        List<String> adminRoleArns,
        List<String> publicAccessCidrs,
        Integer logRetentionDays,
        String upgradeFrom) {

    /** Kubernetes minors EKS serves (standard or extended support) that this code is tested against. */
    public static final int OLDEST_MINOR = 29;
    public static final int NEWEST_MINOR = 34;

    public ClusterSettings {
        kubernetesVersion = Settings.orDefault(kubernetesVersion, "1.33");
        if (!kubernetesVersion.matches("1\\.\\d{2}")) {
            throw new InvalidSetting("kubernetesVersion", "must look like 1.33 (major.minor), got '" + kubernetesVersion + "'");
        }
        int minor = Integer.parseInt(kubernetesVersion.substring(2));
        if (minor < OLDEST_MINOR || minor > NEWEST_MINOR) {
            throw new InvalidSetting("kubernetesVersion", "must be between 1." + OLDEST_MINOR + " and 1."
                    + NEWEST_MINOR + ", got " + kubernetesVersion);
        }
        adminRoleArns = Settings.listOf("adminRoleArns", adminRoleArns);
        Settings.each("adminRoleArns", adminRoleArns,
                arn -> arn.matches("arn:aws(-[a-z]+)*:iam::\\d{12}:role/[\\w+=,.@/-]+"),
                "an IAM role ARN like arn:aws:iam::123456789012:role/platform-admin");
        publicAccessCidrs = Settings.listOf("publicAccessCidrs", publicAccessCidrs);
        Settings.each("publicAccessCidrs", publicAccessCidrs, Cidr::isValid, "an IPv4 CIDR block like 203.0.113.0/24");
        for (int i = 0; i < publicAccessCidrs.size(); i++) {
            if (Cidr.parse(publicAccessCidrs.get(i)).prefix() == 0) {
                throw new InvalidSetting("publicAccessCidrs[" + i + "]",
                        "would open the API endpoint to the whole internet; list your networks, or none to keep it private");
            }
        }
        logRetentionDays = LogRetention.days("logRetentionDays", Settings.orDefault(logRetentionDays, 90));
        if (upgradeFrom != null) {
            if (!upgradeFrom.matches("1\\.\\d{2}")) {
                throw new InvalidSetting("upgradeFrom", "must be the version the cluster runs now, like 1.32, got '"
                        + upgradeFrom + "'");
            }
            int from = Integer.parseInt(upgradeFrom.substring(2));
            if (minor != from + 1) {
                throw new InvalidSetting("kubernetesVersion", "EKS upgrades one minor at a time: the cluster runs "
                        + upgradeFrom + ", so the next version is 1." + (from + 1) + ", got " + kubernetesVersion
                        + (minor > from + 1 ? " (upgrade to 1." + (from + 1) + " first, then on)" : " (EKS cannot downgrade)"));
            }
        }
    }

    /** The settings without an upgrade in flight. */
    public ClusterSettings(String kubernetesVersion, List<String> adminRoleArns, List<String> publicAccessCidrs,
                           Integer logRetentionDays) {
        this(kubernetesVersion, adminRoleArns, publicAccessCidrs, logRetentionDays, null);
    }
}
