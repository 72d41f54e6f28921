package ai.naas.aws.environments;

import ai.naas.aws.infra.ci.CiRunner;
import ai.naas.aws.infra.cluster.Cluster;
import ai.naas.aws.config.ConfigReader;
import ai.naas.aws.config.ConfigSource;
import ai.naas.aws.config.JvmTuning;
import ai.naas.aws.config.PulumiCliConfig;
import ai.naas.aws.infra.database.Database;
import ai.naas.aws.infra.files.SharedFileSystem;
import ai.naas.aws.infra.images.ImageCache;
import ai.naas.aws.infra.network.Network;
import ai.naas.aws.infra.preflight.Preflight;
import ai.naas.aws.infra.security.AdminRole;
import ai.naas.aws.infra.sftp.SftpHost;
import ai.naas.aws.platform.AppCatalog;
import ai.naas.aws.platform.Platform;
import ai.naas.aws.platform.addons.PlatformSettings;
import ai.naas.aws.infra.security.EncryptionKeys;
import ai.naas.aws.infra.security.KeyPurpose;
import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.outputs.GetCallerIdentityResult;
import com.pulumi.core.Alias;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;

import ai.naas.aws.infra.backup.StackBackups;
import ai.naas.aws.infra.cluster.NodePool;
import ai.naas.aws.infra.monitoring.AlertTopic;
import ai.naas.aws.infra.monitoring.InfraAlarms;
import ai.naas.aws.infra.monitoring.ServiceAlarms;
import ai.naas.aws.infra.monitoring.SpawnFailureAlarm;
import ai.naas.aws.platform.EnabledApp;
import ai.naas.aws.platform.addons.HubMetrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The stack program: one dependency graph from an empty account to a working hub. It reads the stack's
 * settings once, then composes the layers in the one direction they depend on each other:
 * infra (keys, network, cluster, files, database, SFTP) -> platform (add-ons, databases, homes) -> apps.
 */
public final class NaasStack {

    /** The app whose hub and proxy are watched; z2jh names their Services {@code hub} and {@code proxy-public}. */
    static final String JUPYTERHUB = "jupyterhub";
    /**
     * The jupyterhub app's optional secret {@code naas:jupyterhub.metricsToken}: the token of the hub service that
     * may read its metrics (JupyterHubApp.METRICS_TOKEN; the stack compiles against no app).
     */
    static final String HUB_METRICS_TOKEN = "metricsToken";
    /** Where z2jh's hub serves its metrics: its Service {@code hub}, port 8081, JupyterHub's {@code /hub/metrics}. */
    static final String HUB_SERVICE = "hub";
    static final int HUB_PORT = 8081;
    static final String HUB_METRICS_PATH = "/hub/metrics";

    private NaasStack() {
    }

    /** Entry point for {@code pulumi preview/up} (Pulumi.yaml runs the packaged jar). */
    public static void main(String[] args) {
        JvmTuning.apply();
        Pulumi.run(ctx -> run(ctx, new PulumiCliConfig(ctx)));
    }

    /**
     * Reads the stack's settings from {@code config}, then registers the stack. A wrong setting stops the
     * run before any resource is registered, with one line that names the key.
     */
    public static void run(Context ctx, ConfigSource config) {
        // A ConfigException reaches the Pulumi CLI as its one-line message (it is a RunException).
        define(ctx, StackSettings.read(ctx.stackName(), new ConfigReader(config), AppCatalog.discover()));
    }

    /**
     * Registers every resource of the stack. Called by {@link #main} under the Pulumi CLI and by
     * {@code naas plan} under the offline engine, with settings already validated.
     */
    public static void define(Context ctx, StackSettings settings) {
        String name = settings.baseName();
        Output<String> accountId = AwsFunctions.getCallerIdentity().applyValue(GetCallerIdentityResult::accountId);

        // The roles and the certificate the config names, looked up before anything that uses them is created.
        var preflight = new Preflight(name, preflightArgs(settings), ComponentResourceOptions.Empty);
        // Every IAM role of the stack carries the stack's permissions boundary (RoleBoundary): the deploy role's
        // boundary lets it create no other.
        var boundary = settings.iam().boundary(accountId, settings.stack());
        var keys = new EncryptionKeys(name, new EncryptionKeys.Args(accountId, settings.region()),
                ComponentResourceOptions.Empty);
        // The password policy and the team groups are the account's (environments/bootstrap); the admin role is
        // this cluster's. The alias keeps the role that AccountSecurity used to parent: no replacement on up.
        var adminRole = new AdminRole(name, new AdminRole.Args(name, accountId, boundary), ComponentResourceOptions.builder()
                .aliases(Alias.builder().type("naas:infra:AccountSecurity").build()).build());
        var network = new Network(name, new Network.Args(settings.network(), accountId, settings.region(),
                keys.arn(KeyPurpose.LOGS), boundary), ComponentResourceOptions.Empty);

        var admins = new LinkedHashMap<String, Output<String>>();
        admins.put("team-admin", adminRole.arn());
        settings.cluster().adminRoleArns().forEach(arn -> admins.put(roleLabel(arn), preflight.adminRoleArn(arn)));
        var cluster = new Cluster(name, new Cluster.Args(
                name, settings.region(), settings.cluster(), settings.nodeGroups(),
                network.privateSubnetIds(), keys.arn(KeyPurpose.CLUSTER_SECRETS), keys.arn(KeyPurpose.DISKS),
                keys.arn(KeyPurpose.LOGS), admins, boundary),
                ComponentResourceOptions.Empty);

        // CI's way to the private API endpoint: a runner in the private subnets that the cluster admits on 443.
        if (settings.ciRunner().enabled()) {
            var runner = new CiRunner(settings.ciRunnerProjectName(), new CiRunner.Args(settings.ciRunnerProjectName(),
                    settings.ciRunner(), settings.region(), accountId, network.vpcId(), network.privateSubnetIds(),
                    cluster.nodeSecurityGroupId(), keys.arn(KeyPurpose.LOGS), boundary), ComponentResourceOptions.Empty);
            ctx.export("ciRunnerProject", runner.projectName());
        }

        var files = new SharedFileSystem(name + "-files", new SharedFileSystem.Args(settings.sharedFiles(),
                network.vpcId(), network.privateSubnetIds(), network.zones().size(), keys.arn(KeyPurpose.FILE_SYSTEM)),
                ComponentResourceOptions.Empty);
        files.allowNfsFrom("nodes", cluster.nodeSecurityGroupId());
        var sftp = new SftpHost(name + "-sftp", new SftpHost.Args(settings.sftp(), network.vpcId(),
                network.publicSubnetIds(), files, keys.arn(KeyPurpose.DISKS), boundary, settings.stack()),
                ComponentResourceOptions.Empty);
        var database = new Database(name + "-db", new Database.Args(settings.database(), network.vpcId(),
                network.privateSubnetIds(), cluster.nodeSecurityGroupId(), keys.arn(KeyPurpose.DATABASE)),
                ComponentResourceOptions.Empty);

        // Docker Hub's images through the stack's ECR registry: no anonymous pull limit on scale-ups and deploys.
        var images = new ImageCache(name + "-images", new ImageCache.Args(settings.images(), settings.region(), accountId,
                keys.arn(KeyPurpose.IMAGES), cluster.nodeRoleName(), boundary), ComponentResourceOptions.Empty);

        var platform = new Platform(name, new Platform.PlatformArgs(cluster, settings.region(), settings.platform(), files, database,
                settings.apps(), preflight.certificateArn(), images), ComponentResourceOptions.Empty);
        // Once both clients' roles exist (the CSI driver's is the platform's), only they may mount the file system.
        files.admitOnly(List.of(sftp.roleArn(), platform.addOns().efsCsiDriver().role().arn()));

        // Operations: who is told when it breaks, and the backups to restore from (docs/OPERATIONS.md).
        var topic = new AlertTopic(name + "-alerts", AlertTopic.Args.forStack(name + "-alerts", settings.alerts(),
                keys.arn(KeyPurpose.ALERTS), accountId, settings.region()), ComponentResourceOptions.Empty);
        var thresholds = settings.alerts().thresholds();
        new InfraAlarms(name, new InfraAlarms.Args(topic.arn(), thresholds, database.identifier(), files.fileSystemId(),
                SharedFileSystem.THROUGHPUT_MODE, sftp.loadBalancerArnSuffix(), sftp.targetGroupArnSuffix(),
                Arrays.stream(NodePool.values()).map(pool -> new InfraAlarms.NodeGroup(pool.poolName(),
                        cluster.workerGroup(pool).autoscalingGroupName(), settings.nodeGroups().of(pool).maxSize())).toList(),
                network.natGatewayIds(), preflight.certificateArn()), ComponentResourceOptions.Empty);
        new ServiceAlarms(name, new ServiceAlarms.Args(topic.arn(), cluster.clusterName(), watchedServices(settings),
                thresholds.hubDownMinutes()), ComponentResourceOptions.Empty);
        jupyterHub(settings).ifPresent(hub -> {
            var token = hub.secrets().get(HUB_METRICS_TOKEN);
            if (token != null) {
                // JupyterHub's own metrics, scraped into CloudWatch, and the alarm on its spawn failure rate.
                new HubMetrics(name + "-hub-metrics", new HubMetrics.Args(cluster, settings.region(),
                        new HubMetrics.Hub(hub.app().namespace(), HUB_SERVICE, HUB_PORT, HUB_METRICS_PATH), token.asOutput(),
                        List.of(platform.addOns().observability().addon())), ComponentResourceOptions.Empty);
                new SpawnFailureAlarm(name, SpawnFailureAlarm.Args.of(topic.arn(), cluster.clusterName(),
                        hub.app().namespace(), thresholds), ComponentResourceOptions.Empty);
            }
        });
        var backups = new StackBackups(name + "-backups", new StackBackups.Args(settings.backup(),
                keys.arn(KeyPurpose.BACKUPS), files.fileSystemArn(), database.arn(), boundary), ComponentResourceOptions.Empty);

        ctx.export("vpcId", network.vpcId());
        ctx.export("fileSystemId", files.fileSystemId());
        ctx.export("sftpAddress", sftp.address());
        ctx.export("databaseAddress", database.address());
        ctx.export("databasePort", database.port());
        ctx.export("databaseMasterSecretArn", database.masterSecretArn());
        ctx.export("adminRoleArn", adminRole.arn());
        ctx.export("privateSubnetIds", network.privateSubnetIds());
        ctx.export("publicSubnetIds", network.publicSubnetIds());
        ctx.export("clusterName", cluster.clusterName());
        ctx.export("clusterEndpoint", cluster.endpoint());
        ctx.export("oidcProviderArn", cluster.oidc().providerArn());
        ctx.export("oidcIssuer", cluster.oidc().issuerUrl());
        ctx.export("nodeSecurityGroupId", cluster.nodeSecurityGroupId());
        ctx.export("kubeconfig", cluster.kubeconfig());
        ctx.export("kubernetesVersion", Output.of(cluster.kubernetesVersion()));
        // Where the stack is: what naas cost and naas diff price its resources at.
        ctx.export("region", Output.of(settings.region()));
        ctx.export("databaseIdentifier", database.identifier());
        ctx.export("alertTopicArn", topic.arn());
        ctx.export("backupVaultName", backups.vaultName());
        ctx.export("imageRegistry", images.registry());
        ctx.export("imagePrefix", Output.of(images.prefix()));
    }

    /** The hub and its proxy, when JupyterHub is enabled: users cannot log in or reach their servers without them. */
    static List<ServiceAlarms.WatchedService> watchedServices(StackSettings settings) {
        return jupyterHub(settings)
                .map(hub -> List.of(
                        new ServiceAlarms.WatchedService("hub", hub.app().namespace(), "hub",
                                "no one can log in or start a server."),
                        new ServiceAlarms.WatchedService("proxy", hub.app().namespace(), "proxy-public",
                                "the hub and every user server are unreachable.")))
                .orElse(List.of());
    }

    /** The jupyterhub app, when the stack runs it. */
    static java.util.Optional<EnabledApp<?>> jupyterHub(StackSettings settings) {
        return settings.apps().stream().filter(app -> JUPYTERHUB.equals(app.name())).<EnabledApp<?>>map(app -> app).findFirst();
    }

    /** The ARNs the stack's config names, each with its full key, for {@link Preflight}. */
    static Preflight.Args preflightArgs(StackSettings settings) {
        var roles = settings.cluster().adminRoleArns();
        var platform = settings.platform();
        return new Preflight.Args(settings.region(),
                IntStream.range(0, roles.size())
                        .mapToObj(i -> new Preflight.Configured(StackSettings.adminRoleKey(i), roles.get(i))).toList(),
                new Preflight.Certificate(PlatformSettings.KEY + ".certificateArn", platform.certificateArn(),
                        PlatformSettings.KEY + ".certificateDomain", platform.certificateDomain()));
    }

    /** A stable, readable label for a role ARN: its name, e.g. {@code platform-admin}. */
    static String roleLabel(String roleArn) {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1).toLowerCase().replaceAll("[^a-z0-9-]", "-");
    }
}
