package ai.naas.aws.platform.addons;

import ai.naas.aws.infra.cluster.Cluster;
import ai.naas.aws.infra.cluster.NodePool;
import ai.naas.aws.infra.cluster.ServiceAccountRole;
import ai.naas.aws.infra.monitoring.SpawnFailureAlarm;
import ai.naas.aws.platform.spi.SecretData;
import ai.naas.aws.support.Json;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentStrategyArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * JupyterHub's own metrics in CloudWatch: one CloudWatch agent pod that scrapes the hub's Prometheus endpoint
 * ({@code /hub/metrics} on port 8081, with the token of a hub service that may only {@code read:metrics}) and
 * publishes the chosen series as CloudWatch metrics in {@value SpawnFailureAlarm#NAMESPACE}, with the dimensions
 * {@code ClusterName} and {@code Namespace}: active users (per {@code period}), running servers, users, and the
 * spawns and seconds spent spawning per {@code status} that the spawn failure alarm reads. This is Container
 * Insights' Prometheus set-up (AWS's {@code prometheus-eks.yaml}): the agent's
 * {@code logs.metrics_collected.prometheus} reads a Prometheus scrape configuration, and its {@code emf_processor}
 * turns the declared series into metrics through embedded metric format logs.
 *
 * <p>Why a Deployment of its own and not the {@code amazon-cloudwatch-observability} add-on's agent: that agent
 * is a DaemonSet, so a scrape configured there would run on every node and publish each count once per node
 * (the chart's target allocator, which splits targets, is not shown to be reachable through the add-on's
 * configuration schema from here), and the add-on's configuration replaces as a whole. One replica scrapes
 * once; it has its own IAM role ({@value #POLICY_ARN}, assumable by its service account only) and lives in the
 * add-on's namespace, which the hub's NetworkPolicy admits to port 8081 for these pods only (the jupyterhub
 * app's values). The token reaches it from a Secret of that namespace, built from the same stack secret as the
 * hub's ({@code naas:jupyterhub.metricsToken}), never through a plan or a release's values in plain text.
 */
public final class HubMetrics extends ComponentResource {

    /** The scraper's name: its Deployment, service account and the label the hub's NetworkPolicy admits. */
    public static final String NAME = "naas-hub-metrics";
    /** Its pods' labels; the jupyterhub app's {@code hub.networkPolicy.ingress} selects exactly these. */
    public static final Map<String, String> LABELS = Map.of("app.kubernetes.io/name", NAME);
    /** The CloudWatch agent, pinned like every image (the tag AWS's sample manifests used in 2025). */
    public static final String IMAGE = "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:1.300064.0b1337";
    /** AWS's managed policy for the CloudWatch agent: put log events (EMF) and metrics. */
    public static final String POLICY_ARN = ClusterObservability.POLICY_ARN;
    /** The Prometheus job, which the metric declarations select on. */
    public static final String JOB = "jupyterhub";
    /** How often the hub is scraped: a counter's increase is published once per scrape. */
    public static final String SCRAPE_INTERVAL = "1m";

    static final String AGENT_CONFIG_DIR = "/etc/cwagentconfig";
    static final String PROMETHEUS_CONFIG_DIR = "/etc/prometheusconfig";
    static final String TOKEN_DIR = "/etc/hub-metrics";

    private final ServiceAccountRole role;
    private final Deployment deployment;

    /**
     * @param args the cluster, the hub and the token
     */
    public HubMetrics(String name, Args args, ComponentResourceOptions options) {
        super("naas:platform:HubMetrics", name, options);
        String namespace = ClusterObservability.NAMESPACE;
        var cluster = args.cluster();
        this.role = cluster.serviceAccountRole(name, namespace, NAME, Optional.empty(), List.of(POLICY_ARN));
        // The namespace is the add-on's: everything waits for it.
        var k8s = CustomResourceOptions.builder().parent(this).provider(cluster.provider())
                .dependsOn(args.readyWhen()).build();
        var metadata = ObjectMetaArgs.builder().namespace(namespace).labels(LABELS);

        var account = new ServiceAccount(name, ServiceAccountArgs.builder()
                .metadata(metadata.name(NAME)
                        .annotations(role.arn().applyValue(arn -> Map.of("eks.amazonaws.com/role-arn", arn))).build())
                .automountServiceAccountToken(false)
                .build(), k8s);
        var token = new com.pulumi.kubernetes.core.v1.Secret(name + "-token", SecretArgs.builder()
                .metadata(ObjectMetaArgs.builder().namespace(namespace).labels(LABELS).name(NAME + "-token").build())
                .type("Opaque")
                .stringData(SecretData.of(Map.of("token", args.token())))
                .build(), k8s);
        var agentConfig = new ConfigMap(name + "-agent", ConfigMapArgs.builder()
                .metadata(ObjectMetaArgs.builder().namespace(namespace).labels(LABELS).name(NAME + "-agent").build())
                .data(cluster.clusterName().applyValue(c -> Map.of("cwagentconfig.json", agentConfig(c, args.region()))))
                .build(), k8s);
        var scrapeConfig = new ConfigMap(name + "-prometheus", ConfigMapArgs.builder()
                .metadata(ObjectMetaArgs.builder().namespace(namespace).labels(LABELS).name(NAME + "-prometheus").build())
                .data(cluster.clusterName().applyValue(c -> Map.of("prometheus.yaml", scrapeConfig(c, args.hub()))))
                .build(), k8s);

        var restricted = SecurityContextArgs.builder()
                .allowPrivilegeEscalation(false).readOnlyRootFilesystem(true).runAsNonRoot(true)
                .capabilities(CapabilitiesArgs.builder().drop("ALL").build())
                .build();
        var mounts = new ArrayList<VolumeMountArgs>();
        var volumes = new ArrayList<VolumeArgs>();
        mounts.add(VolumeMountArgs.builder().name("agent-config").mountPath(AGENT_CONFIG_DIR).readOnly(true).build());
        volumes.add(VolumeArgs.builder().name("agent-config")
                .configMap(ConfigMapVolumeSourceArgs.builder().name(NAME + "-agent").build()).build());
        mounts.add(VolumeMountArgs.builder().name("prometheus-config").mountPath(PROMETHEUS_CONFIG_DIR).readOnly(true).build());
        volumes.add(VolumeArgs.builder().name("prometheus-config")
                .configMap(ConfigMapVolumeSourceArgs.builder().name(NAME + "-prometheus").build()).build());
        mounts.add(VolumeMountArgs.builder().name("token").mountPath(TOKEN_DIR).readOnly(true).build());
        volumes.add(VolumeArgs.builder().name("token")
                .secret(SecretVolumeSourceArgs.builder().secretName(NAME + "-token").defaultMode(0400).build()).build());
        // The agent writes its translated configuration, its logs and its state under /opt/aws: writable, not the image.
        for (var dir : List.of("etc", "logs", "var")) {
            mounts.add(VolumeMountArgs.builder().name("agent-" + dir).mountPath("/opt/aws/amazon-cloudwatch-agent/" + dir).build());
            volumes.add(VolumeArgs.builder().name("agent-" + dir).emptyDir(EmptyDirVolumeSourceArgs.builder().build()).build());
        }
        mounts.add(VolumeMountArgs.builder().name("tmp").mountPath("/tmp").build());
        volumes.add(VolumeArgs.builder().name("tmp").emptyDir(EmptyDirVolumeSourceArgs.builder().build()).build());

        this.deployment = new Deployment(name, DeploymentArgs.builder()
                .metadata(ObjectMetaArgs.builder().namespace(namespace).labels(LABELS).name(NAME).build())
                .spec(DeploymentSpecArgs.builder()
                        // One scraper: two would publish every count twice.
                        .replicas(1)
                        .strategy(DeploymentStrategyArgs.builder().type("Recreate").build())
                        .selector(LabelSelectorArgs.builder().matchLabels(LABELS).build())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(LABELS).build())
                                .spec(PodSpecArgs.builder()
                                        .serviceAccountName(NAME)
                                        // No Kubernetes API: the target is static. IRSA projects its own token.
                                        .automountServiceAccountToken(false)
                                        .nodeSelector(NodePool.NAAS.labels())
                                        .securityContext(PodSecurityContextArgs.builder()
                                                .runAsNonRoot(true).runAsUser(RUN_AS).runAsGroup(RUN_AS).fsGroup(RUN_AS)
                                                .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build())
                                                .build())
                                        .containers(ContainerArgs.builder()
                                                .name("cloudwatch-agent")
                                                .image(IMAGE)
                                                .resources(ResourceRequirementsArgs.builder()
                                                        .requests(Map.of("cpu", "50m", "memory", "128Mi"))
                                                        .limits(Map.of("memory", "256Mi"))
                                                        .build())
                                                .volumeMounts(mounts)
                                                .securityContext(restricted)
                                                .build())
                                        .volumes(volumes)
                                        .build())
                                .build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).provider(cluster.provider())
                .dependsOn(concat(args.readyWhen(), account, token, agentConfig, scrapeConfig)).build());
        registerOutputs(Map.of("roleArn", role.arn()));
    }

    /** A user id of no account in the image: the agent needs no privilege to scrape and to call CloudWatch. */
    static final int RUN_AS = 10001;

    /**
     * The agent's configuration: the Prometheus scrape, and which series become CloudWatch metrics with which
     * dimensions (everything else the scrape sees stays in the EMF log group only).
     */
    static String agentConfig(String clusterName, String region) {
        var declarations = List.of(
                declaration(List.of("ClusterName", "Namespace", "status"),
                        "^" + SpawnFailureAlarm.SPAWNS + "$", "^naas_hub_server_spawn_seconds_total$"),
                declaration(List.of("ClusterName", "Namespace", "period"), "^jupyterhub_active_users$"),
                declaration(List.of("ClusterName", "Namespace"), "^jupyterhub_running_servers$", "^jupyterhub_total_users$"));
        var emf = new LinkedHashMap<String, Object>();
        emf.put("metric_declaration_dedup", true);
        emf.put("metric_namespace", SpawnFailureAlarm.NAMESPACE);
        emf.put("metric_declaration", declarations);
        var prometheus = new LinkedHashMap<String, Object>();
        prometheus.put("cluster_name", clusterName);
        prometheus.put("log_group_name", logGroup(clusterName));
        prometheus.put("prometheus_config_path", PROMETHEUS_CONFIG_DIR + "/prometheus.yaml");
        prometheus.put("emf_processor", emf);
        var logs = new LinkedHashMap<String, Object>();
        logs.put("metrics_collected", Map.of("prometheus", prometheus));
        logs.put("force_flush_interval", 5);
        var config = new LinkedHashMap<String, Object>();
        config.put("agent", Map.of("region", region));
        config.put("logs", logs);
        return Json.write(config);
    }

    /** Where the agent writes the scraped series as EMF events, as Container Insights names it. */
    public static String logGroup(String clusterName) {
        return "/aws/containerinsights/" + clusterName + "/prometheus";
    }

    private static Map<String, Object> declaration(List<String> dimensions, String... selectors) {
        var declaration = new LinkedHashMap<String, Object>();
        declaration.put("source_labels", List.of("job"));
        declaration.put("label_matcher", "^" + JOB + "$");
        declaration.put("dimensions", List.of(dimensions));
        declaration.put("metric_selectors", List.of(selectors));
        return declaration;
    }

    /**
     * The Prometheus scrape configuration (YAML is a superset of JSON, so it is written as JSON, keys sorted so that plans are stable): the hub's
     * Service, with the metrics token as a bearer token read from the mounted Secret, and the labels that become
     * the metrics' dimensions set on the target.
     */
    static String scrapeConfig(String clusterName, Hub hub) {
        var target = new LinkedHashMap<String, Object>();
        target.put("targets", List.of(hub.service() + "." + hub.namespace() + ".svc:" + hub.port()));
        target.put("labels", Map.of("ClusterName", clusterName, "Namespace", hub.namespace()));
        var job = new LinkedHashMap<String, Object>();
        job.put("job_name", JOB);
        job.put("metrics_path", hub.path());
        job.put("scheme", "http");
        job.put("authorization", Map.of("type", "Bearer", "credentials_file", TOKEN_DIR + "/token"));
        job.put("static_configs", List.of(target));
        var config = new LinkedHashMap<String, Object>();
        config.put("global", Map.of("scrape_interval", SCRAPE_INTERVAL, "scrape_timeout", "10s"));
        config.put("scrape_configs", List.of(job));
        return Json.write(config);
    }

    private static List<Resource> concat(List<Resource> first, Resource... more) {
        var all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    /** The scraper's IAM role. */
    public ServiceAccountRole role() {
        return role;
    }

    /** The scraper. */
    public Deployment deployment() {
        return deployment;
    }

    /**
     * Where the hub serves its metrics.
     *
     * @param namespace its namespace
     * @param service   its Service, e.g. {@code hub}
     * @param port      the Service's port, e.g. 8081
     * @param path      the metrics path, e.g. {@code /hub/metrics}
     */
    public record Hub(String namespace, String service, int port, String path) {
        public Hub {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * What the scraper is built from.
     *
     * @param cluster   the cluster (name, OIDC identity, provider)
     * @param region    the stack's region, where the metrics go
     * @param hub       where the hub serves its metrics
     * @param token     the metrics service's token ({@code naas:jupyterhub.metricsToken}), a secret Output
     * @param readyWhen what it waits for: the observability add-on, whose namespace it lives in
     */
    public record Args(Cluster cluster, String region, Hub hub, Output<String> token, List<Resource> readyWhen) {
        public Args {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(hub, "hub");
            Objects.requireNonNull(token, "token");
            readyWhen = List.copyOf(readyWhen);
        }
    }
}
