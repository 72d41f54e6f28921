package ai.naas.aws.platform.addons;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.infra.cluster.Cluster;
import ai.naas.aws.infra.cluster.ServiceAccountRole;
import ai.naas.aws.support.Outputs;
import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Metrics and logs from the cluster: the EKS {@value #ADDON_NAME} add-on, which runs the CloudWatch agent
 * (Container Insights: node, pod, container and service metrics in the {@code ContainerInsights}
 * namespace) and Fluent Bit (container logs to {@code /aws/containerinsights/<cluster>/application}), with
 * its own IAM role (IRSA, {@value #POLICY_ARN}) that only {@code amazon-cloudwatch/cloudwatch-agent} can
 * assume.
 *
 * <p>Why this and not a Prometheus stack: the stack's alarms, its on-call topic and its AWS metrics are in
 * CloudWatch already; the add-on puts the cluster's metrics beside them, so one alarm mechanism covers both
 * (the hub and proxy alarms read {@code service_number_of_running_pods}), and there is no Prometheus
 * server, storage or Alertmanager to run, size, upgrade and page on. The price is what a Prometheus stack
 * does better: arbitrary application metrics and PromQL. JupyterHub's own metrics ({@code /hub/metrics}:
 * active users, spawn outcomes) are scraped by {@link HubMetrics}, one agent pod of its own in this add-on's
 * namespace, not by this add-on's DaemonSet (which would scrape once per node).
 */
public final class ClusterObservability extends ComponentResource {

    /** The add-on's name in EKS. */
    public static final String ADDON_NAME = "amazon-cloudwatch-observability";
    /** The agent's namespace and service account, as the add-on names them; the role trusts exactly this one. */
    public static final String NAMESPACE = "amazon-cloudwatch";
    public static final String SERVICE_ACCOUNT = "cloudwatch-agent";
    /** AWS's managed policy for the CloudWatch agent: put metrics and log events, describe what it tags. */
    public static final String POLICY_ARN = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy";

    /**
     * Kubernetes minor to add-on version. v6.6.0-eksbuild.1 is the newest version seen deployed in public
     * EKS set-ups (v6.0.0 seen on a 1.31 cluster); EKS add-on versions serve every minor in standard support,
     * and the minors 1.29 and 1.30 (extended support only) are not pinned rather than guessed. Confirm with
     * {@code aws eks describe-addon-versions --addon-name amazon-cloudwatch-observability --kubernetes-version 1.<minor>}
     * before a first {@code up} on a new minor.
     */
    public static final Map<Integer, String> VERSIONS = Map.of(
            31, "v6.6.0-eksbuild.1",
            32, "v6.6.0-eksbuild.1",
            33, "v6.6.0-eksbuild.1",
            34, "v6.6.0-eksbuild.1");

    private final ServiceAccountRole role;
    private final Addon addon;

    /**
     * @param args the cluster it observes
     */
    public ClusterObservability(String name, Args args, ComponentResourceOptions options) {
        super("naas:platform:ClusterObservability", name, options);
        var cluster = args.cluster();
        this.role = cluster.serviceAccountRole(name, NAMESPACE, SERVICE_ACCOUNT, Optional.empty(), List.of(POLICY_ARN));
        // Like every managed add-on, it becomes ACTIVE only once its pods run: it waits for nodes and its role.
        this.addon = new Addon(name, AddonArgs.builder()
                .clusterName(cluster.clusterName())
                .addonName(ADDON_NAME)
                .addonVersion(versionFor(AddOnSupport.minor(cluster.kubernetesVersion())))
                .serviceAccountRoleArn(role.arn())
                .resolveConflictsOnCreate("OVERWRITE")
                .resolveConflictsOnUpdate("OVERWRITE")
                // Container logs are the point of shipping logs; the key is documented for the add-on.
                .configurationValues("{\"containerLogs\":{\"enabled\":true}}")
                .build(), CustomResourceOptions.builder()
                .parent(this)
                .dependsOn(Outputs.<Resource>concat(AddOnSupport.nodeGroups(cluster), List.of(role)))
                .build());
        registerOutputs(Map.of("roleArn", role.arn()));
    }

    /**
     * The pinned add-on version for a Kubernetes minor.
     *
     * @throws ConfigException naming {@code naas:cluster.kubernetesVersion} for a minor with no pinned version
     */
    public static String versionFor(int minor) {
        var version = VERSIONS.get(minor);
        if (version == null) {
            throw new ConfigException("naas:cluster.kubernetesVersion", "the " + ADDON_NAME
                    + " add-on has no pinned version for Kubernetes 1." + minor + "; pinned minors are "
                    + VERSIONS.keySet().stream().sorted().map(m -> "1." + m).collect(Collectors.joining(", ")));
        }
        return version;
    }

    /** The agent's IAM role. */
    public ServiceAccountRole role() {
        return role;
    }

    /** The EKS add-on. */
    public Addon addon() {
        return addon;
    }

    /**
     * What is observed.
     *
     * @param cluster the cluster (its name, version, OIDC identity and node groups)
     */
    public record Args(Cluster cluster) {
        public Args {
            Objects.requireNonNull(cluster, "cluster");
        }
    }
}
