package ai.naas.aws.environments;

import ai.naas.aws.config.Arn;
import ai.naas.aws.config.AwsRegions;
import ai.naas.aws.infra.cluster.ClusterSettings;
import ai.naas.aws.infra.cluster.NodeGroupsSettings;
import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.ConfigReader;
import ai.naas.aws.infra.database.DatabaseSettings;
import ai.naas.aws.infra.files.SharedFilesSettings;
import ai.naas.aws.infra.images.ImageCacheSettings;
import ai.naas.aws.infra.network.NetworkSettings;
import ai.naas.aws.infra.sftp.SftpSettings;
import ai.naas.aws.infra.backup.BackupSettings;
import ai.naas.aws.infra.iam.IamSettings;
import ai.naas.aws.infra.iam.RoleBoundary;
import ai.naas.aws.infra.ci.CiRunnerSettings;
import ai.naas.aws.infra.monitoring.AlertsSettings;
import ai.naas.aws.platform.addons.ClusterObservability;
import ai.naas.aws.platform.AppCatalog;
import ai.naas.aws.platform.addons.PlatformSettings;
import ai.naas.aws.platform.EnabledApp;

import java.util.List;
import java.util.Map;
import java.util.ArrayList;

/**
 * A stack's whole configuration, read once from stack config and validated before any resource is
 * registered. Each section is documented on its record; {@code environments/Pulumi.<stack>.yaml} shows
 * them in use.
 *
 * @param stack      the stack name
 * @param region     {@code aws:region}
 * @param network    {@code naas:network}
 * @param cluster    {@code naas:cluster}
 * @param nodeGroups {@code naas:nodeGroups}
 * @param sharedFiles {@code naas:sharedFiles}
 * @param database   {@code naas:database}
 * @param sftp       {@code naas:sftp}
 * @param platform   {@code naas:platform}
 * @param apps       the apps {@code naas:apps} enables, with their settings ({@code naas:<app>}) and secrets
 * @param alerts     {@code naas:alerts}
 * @param backup     {@code naas:backup}
 * @param iam        {@code naas:iam}
 * @param ciRunner   {@code naas:ciRunner}; without the key, no runner
 * @param images     {@code naas:images}, its prefix filled in for this stack
 */
public record StackSettings(
        String stack,
        String region,
        NetworkSettings network,
        ClusterSettings cluster,
        NodeGroupsSettings nodeGroups,
        SharedFilesSettings sharedFiles,
        DatabaseSettings database,
        SftpSettings sftp,
        PlatformSettings platform,
        List<EnabledApp<?>> apps,
        AlertsSettings alerts,
        BackupSettings backup,
        IamSettings iam,
        CiRunnerSettings ciRunner,
        ImageCacheSettings images) {

    public StackSettings {
        apps = List.copyOf(apps);
    }

    /** The production stack: it must keep {@value #PRODUCTION_RECOVERY_DAYS} days of point-in-time recovery and lock its vault. */
    public static final String PRODUCTION = "prod";
    public static final int PRODUCTION_RECOVERY_DAYS = 14;

    /** The config keys of the stack's own sections; the apps add theirs (see {@link #knownKeys}). */
    /** The key of the cluster's settings. */
    public static final String CLUSTER_KEY = "naas:cluster";

    public static final List<String> KEYS = List.of("aws:region", "naas:network", CLUSTER_KEY, "naas:nodeGroups",
            "naas:sharedFiles", "naas:database", "naas:sftp", PlatformSettings.KEY,
            AlertsSettings.KEY, BackupSettings.KEY, IamSettings.KEY, ProviderDefaultTags.KEY,
            CiRunnerSettings.KEY, ImageCacheSettings.KEY);

    /**
     * Keys a stack no longer reads, to where they moved. A stack file that still sets one is refused with one
     * line saying where, rather than as an unknown key or, worse, silently ignored.
     */
    public static final Map<String, String> MOVED = Map.of("naas:accountSecurity",
            "moved to the account's bootstrap: the password policy and the team groups are account-wide, set "
            + "naas-bootstrap:accountSecurity in environments/bootstrap/Pulumi.<account>.yaml and remove this key");

    /** Every config key this program reads with these apps available; anything else under {@code naas:} is a mistake. */
    public static List<String> knownKeys(AppCatalog catalog) {
        var keys = new ArrayList<>(KEYS);
        keys.addAll(MOVED.keySet());
        keys.addAll(catalog.configKeys());
        return List.copyOf(keys);
    }

    /**
     * Reads and cross-checks every section.
     *
     * @throws ConfigException naming the first wrong key
     */
    public static StackSettings read(String stack, ConfigReader config, AppCatalog catalog) {
        MOVED.forEach((key, where) -> {
            if (config.isSet(key)) {
                throw new ConfigException(key, where);
            }
        });
        String region = config.requiredRegion("aws:region");
        // Every resource carries naas:stack (the provider's default tags): the account's permissions boundaries
        // refuse a deploy role every resource tagged with another stack's name, and only that.
        String tagged = config.required(ProviderDefaultTags.KEY, ProviderDefaultTags.class).tags().get(RoleBoundary.STACK_TAG);
        if (!stack.equals(tagged)) {
            throw new ConfigException(ProviderDefaultTags.KEY + ".tags." + RoleBoundary.STACK_TAG, "must be this stack's "
                    + "name, " + stack + ": every resource carries it, and the stacks' permissions boundaries tell "
                    + "their resources apart by it, got " + (tagged == null ? "nothing" : "'" + tagged + "'"));
        }
        var network = config.required("naas:network", NetworkSettings.class);
        for (int i = 0; i < network.zones().size(); i++) {
            String zone = network.zones().get(i);
            if (!AwsRegions.regionOf(zone).equals(region)) {
                throw new ConfigException("naas:network.zones[" + i + "]",
                        "zone " + zone + " is not in the stack's region " + region);
            }
        }
        var cluster = config.optional(CLUSTER_KEY, ClusterSettings.class,
                () -> new ClusterSettings(null, null, null, null));
        var nodeGroups = config.required("naas:nodeGroups", NodeGroupsSettings.class);
        var sharedFiles = config.optional("naas:sharedFiles", SharedFilesSettings.class, SharedFilesSettings::defaults);
        var database = config.optional("naas:database", DatabaseSettings.class, DatabaseSettings::defaults);
        var sftp = config.required("naas:sftp", SftpSettings.class);
        var platform = config.required(PlatformSettings.KEY, PlatformSettings.class).requireCertificateIn(region);
        checkAccountArns(region, cluster, platform);
        var apps = catalog.read(config);
        // Operations: an add-on version pinned for the cluster's minor, and prod's recovery guarantees.
        ClusterObservability.versionFor(Integer.parseInt(cluster.kubernetesVersion().substring(2)));
        var alerts = config.optional(AlertsSettings.KEY, AlertsSettings.class, AlertsSettings::defaults);
        var backup = config.optional(BackupSettings.KEY, BackupSettings.class, BackupSettings::defaults);
        var iam = config.optional(IamSettings.KEY, IamSettings.class, IamSettings::defaults);
        var ciRunner = config.optional(CiRunnerSettings.KEY, CiRunnerSettings.class, CiRunnerSettings::disabled);
        // Docker Hub's images come through the stack's pull-through cache, which Docker Hub makes log in.
        var images = config.required(ImageCacheSettings.KEY, ImageCacheSettings.class).forStack(baseName(stack), region);
        checkImageCredentials(images, platform);
        if (PRODUCTION.equals(stack)) {
            if (database.backupRetentionDays() < PRODUCTION_RECOVERY_DAYS) {
                throw new ConfigException("naas:database.backupRetentionDays", "prod keeps at least "
                        + PRODUCTION_RECOVERY_DAYS + " days of point-in-time recovery, got " + database.backupRetentionDays());
            }
            if (!backup.lockVault()) {
                throw new ConfigException(BackupSettings.KEY + ".lockVault",
                        "must be true in prod: its recovery points must outlive a mistake or a compromised account");
            }
        }
        return new StackSettings(stack, region, network, cluster, nodeGroups, sharedFiles, database, sftp,
                platform, apps, alerts, backup, iam, ciRunner, images);
    }

    /**
     * The name of the stack's CI runner project, e.g. {@code naas-prod-runner}: fixed, because the workflow's
     * {@code runs-on} labels name it.
     */
    public String ciRunnerProjectName() {
        return baseName() + "-runner";
    }

    /** The config key of the admin role ARN at {@code index}. */
    public static String adminRoleKey(int index) {
        return CLUSTER_KEY + ".adminRoleArns[" + index + "]";
    }

    /**
     * What the form of the ARNs tells before preflight asks AWS: each is in the region's partition, and the admin
     * roles are in the certificate's account, which must be the stack's own (a load balancer serves only its
     * account's certificates). EKS would accept another account's role, but preflight can only look roles up in
     * the stack's account, and a role of another account is usually a value copied from another stack's file.
     */
    private static void checkAccountArns(String region, ClusterSettings cluster, PlatformSettings platform) {
        String partition = Arn.partitionOf(region);
        var certificate = Arn.parse(platform.certificateArn());
        if (!certificate.partition().equals(partition)) {
            throw new ConfigException(PlatformSettings.KEY + ".certificateArn", "is in partition "
                    + certificate.partition() + " but the stack's region " + region + " is in " + partition
                    + ", got '" + platform.certificateArn() + "'");
        }
        var roles = cluster.adminRoleArns();
        for (int i = 0; i < roles.size(); i++) {
            var role = Arn.parse(roles.get(i));
            if (!role.partition().equals(partition)) {
                throw new ConfigException(adminRoleKey(i), "is in partition " + role.partition()
                        + " but the stack's region " + region + " is in " + partition + "; did you mean arn:"
                        + partition + ":iam::" + role.account() + ":" + role.resource() + "?");
            }
            if (!role.account().equals(certificate.account())) {
                throw new ConfigException(adminRoleKey(i), "is in account " + role.account() + " but the stack's "
                        + "certificate (" + PlatformSettings.KEY + ".certificateArn) is in account "
                        + certificate.account() + ": name roles of the account the stack runs in, got '"
                        + roles.get(i) + "'");
            }
        }
    }

    /** ECR reads a pull-through cache's credentials only from a secret of its own account (and region). */
    private static void checkImageCredentials(ImageCacheSettings images, PlatformSettings platform) {
        var secret = Arn.parse(images.credentialSecretArn());
        var certificate = Arn.parse(platform.certificateArn());
        if (!secret.partition().equals(certificate.partition()) || !secret.account().equals(certificate.account())) {
            throw new ConfigException(ImageCacheSettings.KEY + ".credentialSecretArn", "is in account "
                    + secret.account() + " but the stack's certificate (" + PlatformSettings.KEY + ".certificateArn) is in"
                    + " account " + certificate.account() + ": ECR reads a pull-through cache's credentials only from a"
                    + " secret of its own account, got '" + images.credentialSecretArn() + "'");
        }
    }

    /** The prefix of this stack's resource names and aliases, e.g. {@code naas-prod}. */
    public String baseName() {
        return baseName(stack);
    }

    private static String baseName(String stack) {
        return "naas-" + stack;
    }
}
