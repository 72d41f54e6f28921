package ai.naas.aws.platform.addons;

import ai.naas.aws.support.Outputs;
import ai.naas.aws.infra.cluster.Cluster;
import ai.naas.aws.infra.cluster.NodePool;
import ai.naas.aws.infra.cluster.ServiceAccountRole;
import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * cluster-autoscaler for this cluster and region: it discovers the two managed node groups by the tags EKS
 * puts on their Auto Scaling groups ({@code k8s.io/cluster-autoscaler/enabled} and
 * {@code k8s.io/cluster-autoscaler/<cluster>}), grows the jupyter group from zero when user servers are
 * pending, and removes its empty nodes once culled servers have gone.
 *
 * <p>It runs as {@code kube-system/cluster-autoscaler} with its own IAM role (IRSA) that only that service
 * account can assume. The role may describe anything (the autoscaler reads Auto Scaling groups, launch
 * templates, instance types and node groups to model nodes that do not exist yet) but may only change the
 * size of, or terminate instances in, Auto Scaling groups tagged as owned by this cluster.
 *
 * <p>The chart and the autoscaler image follow the cluster's Kubernetes minor: the autoscaler simulates the
 * scheduler of its own minor, and upstream only supports running it against the same minor. See
 * {@link #VERSIONS}.
 */
public final class ClusterAutoscaler extends ComponentResource {

    /** Where the chart is published. */
    public static final String REPOSITORY = "https://kubernetes.github.io/autoscaler";
    /** The namespace and service account it runs as; the IAM role trusts exactly this one. */
    public static final String NAMESPACE = "kube-system";
    public static final String SERVICE_ACCOUNT = "cluster-autoscaler";

    /**
     * Kubernetes minor to chart version and image tag.
     *
     * <p>Chart versions are the newest whose {@code appVersion} is that minor in the repository's index
     * ({@code https://kubernetes.github.io/autoscaler/index.yaml}, branch {@code gh-pages} of
     * kubernetes/autoscaler): 9.36.0 (appVersion 1.29.0), 9.37.0 (1.30.0), 9.44.0 (1.31.0), 9.46.6 (1.32.0),
     * 9.51.0 (1.33.0), 9.53.0 (1.34.2). Image tags are the newest patch of each minor found promoted to
     * {@code registry.k8s.io/autoscaling/cluster-autoscaler}: v1.29.5 (kubernetes/k8s.io
     * {@code registry.k8s.io/images/k8s-staging-autoscaling/images.yaml}), v1.30.6 and v1.31.4 (kops's
     * per-minor image table, kubernetes/kops#17640), v1.32.5, v1.33.3 and v1.34.2 (kubernetes/k8s.io#8815).
     * A minor that is not here is refused rather than guessed.
     */
    public static final Map<Integer, Version> VERSIONS = Map.of(
            29, new Version("9.36.0", "v1.29.5"),
            30, new Version("9.37.0", "v1.30.6"),
            31, new Version("9.44.0", "v1.31.4"),
            32, new Version("9.46.6", "v1.32.5"),
            33, new Version("9.51.0", "v1.33.3"),
            34, new Version("9.53.0", "v1.34.2"));

    /**
     * Read-only calls, on any resource: the autoscaler lists groups and their tags, reads launch templates,
     * instance types and images to build node templates for empty groups, and reads the managed node
     * groups' labels and taints. From the upstream "full cluster autoscaler features" policy
     * (kubernetes/autoscaler, {@code cluster-autoscaler/cloudprovider/aws/README.md}).
     */
    static final List<String> DESCRIBE_ACTIONS = List.of(
            "autoscaling:DescribeAutoScalingGroups",
            "autoscaling:DescribeAutoScalingInstances",
            "autoscaling:DescribeLaunchConfigurations",
            "autoscaling:DescribeScalingActivities",
            "autoscaling:DescribeTags",
            "ec2:DescribeImages",
            "ec2:DescribeInstanceTypes",
            "ec2:DescribeLaunchTemplateVersions",
            "ec2:GetInstanceTypesFromInstanceRequirements",
            "eks:DescribeNodegroup");

    /** The only writes: resize a group, remove one of its instances. */
    static final List<String> SCALE_ACTIONS = List.of(
            "autoscaling:SetDesiredCapacity",
            "autoscaling:TerminateInstanceInAutoScalingGroup");

    private final Version version;
    private final ServiceAccountRole role;
    private final Release release;

    /**
     * @param args the cluster and region it scales
     */
    public ClusterAutoscaler(String name, Args args, ComponentResourceOptions options) {
        super("naas:platform:ClusterAutoscaler", name, options);
        this.version = versionFor(AddOnSupport.minor(args.cluster().kubernetesVersion()));
        var cluster = args.cluster();

        // The condition key names the cluster, so the policy JSON waits for the cluster's name.
        this.role = cluster.serviceAccountRole(name, NAMESPACE, SERVICE_ACCOUNT,
                Optional.of(cluster.clusterName().apply(clusterName -> policy(clusterName).toJson())), List.of());

        var chart = chart(version);
        this.release = new Release(name, chart.release("cluster-autoscaler", NAMESPACE)
                .values(values(cluster.clusterName(), args.region(), role.arn(), version))
                .build(),
                AddOnSupport.onCluster(this, cluster.provider(),
                        Outputs.<Resource>concat(AddOnSupport.nodeGroups(cluster), List.of(role))));
        registerOutputs(Map.of("roleArn", role.arn()));
    }

    /**
     * The pinned chart and image for a Kubernetes minor.
     *
     * @throws IllegalArgumentException for a minor with no pinned version
     */
    public static Version versionFor(int minor) {
        var version = VERSIONS.get(minor);
        if (version == null) {
            throw new IllegalArgumentException("cluster-autoscaler has no pinned version for Kubernetes 1." + minor
                    + "; pinned minors are " + VERSIONS.keySet().stream().sorted().map(m -> "1." + m)
                    .collect(Collectors.joining(", "))
                    + ". Add one to ClusterAutoscaler.VERSIONS: the newest chart of " + REPOSITORY
                    + " whose appVersion is 1." + minor + ".x, and the newest v1." + minor + ".x image");
        }
        return version;
    }

    /** The chart a version installs. */
    public static HelmChart chart(Version version) {
        return new HelmChart("cluster-autoscaler", REPOSITORY, version.chartVersion());
    }

    /**
     * Least privilege for autoscaling this cluster's node groups: describe anything, change only groups
     * tagged {@code k8s.io/cluster-autoscaler/<clusterName>=owned}, the tag EKS puts on the Auto Scaling
     * group of every managed node group of the cluster.
     */
    static PolicyDocument policy(String clusterName) {
        return PolicyDocument.of(
                Statement.allow(DESCRIBE_ACTIONS.toArray(String[]::new)).withSid("Describe").on("*"),
                Statement.allow(SCALE_ACTIONS.toArray(String[]::new)).withSid("ScaleThisClustersGroups").on("*")
                        .when("StringEquals", "aws:ResourceTag/k8s.io/cluster-autoscaler/" + clusterName, "owned"));
    }

    /**
     * The chart's values. Autoscaler flags, beyond auto-discovery:
     * <ul>
     *   <li>{@code balance-similar-node-groups}: keep groups of the same shape level across zones;</li>
     *   <li>{@code expander=least-waste}: when several groups fit a pending pod, take the one left with the
     *       least idle CPU and memory;</li>
     *   <li>{@code scale-down-unneeded-time=5m} (default 10m): an empty jupyter node (its servers culled)
     *       goes after five minutes; jupyter nodes are large and only DaemonSet pods remain on them, which
     *       the autoscaler ignores when it decides a node is empty;</li>
     *   <li>{@code skip-nodes-with-system-pods=false}: the jupyter pool's taint keeps kube-system
     *       Deployments off it anyway; on the naas pool this lets a node holding e.g. metrics-server be
     *       consolidated, PodDisruptionBudgets still apply. User servers are never evicted to consolidate:
     *       Zero to JupyterHub marks them {@code cluster-autoscaler.kubernetes.io/safe-to-evict: "false"}.</li>
     * </ul>
     */
    static Map<String, Object> values(Output<String> clusterName, String region, Output<String> roleArn, Version version) {
        var extraArgs = new LinkedHashMap<String, Object>();
        extraArgs.put("balance-similar-node-groups", true);
        extraArgs.put("expander", "least-waste");
        extraArgs.put("scale-down-unneeded-time", "5m");
        extraArgs.put("skip-nodes-with-system-pods", false);

        var values = new LinkedHashMap<String, Object>();
        values.put("cloudProvider", "aws");
        values.put("awsRegion", region);
        values.put("autoDiscovery", Map.of("clusterName", clusterName));
        values.put("fullnameOverride", "cluster-autoscaler");
        values.put("image", Map.of("tag", version.imageTag()));
        values.put("rbac", Map.of("create", true, "serviceAccount", Map.of(
                "create", true,
                "name", SERVICE_ACCOUNT,
                "annotations", Map.of("eks.amazonaws.com/role-arn", roleArn))));
        values.put("extraArgs", extraArgs);
        values.put("nodeSelector", NodePool.NAAS.labels());
        values.put("resources", Map.of("requests", Map.of("cpu", "100m", "memory", "300Mi"),
                "limits", Map.of("memory", "600Mi")));
        return values;
    }

    /** The chart and image this cluster's minor gets. */
    public Version version() {
        return version;
    }

    /** The autoscaler's IAM role. */
    public ServiceAccountRole role() {
        return role;
    }

    /** The Helm release. */
    public Release release() {
        return release;
    }

    /**
     * What cluster-autoscaler is deployed for.
     *
     * @param cluster the cluster whose node groups it scales (and whose provider and OIDC identity it uses)
     * @param region  the cluster's region, {@code aws:region}
     */
    public record Args(Cluster cluster, String region) {
        public Args {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(region, "region");
        }
    }

    /**
     * A pinned cluster-autoscaler.
     *
     * @param chartVersion the {@code cluster-autoscaler} chart version
     * @param imageTag     the {@code registry.k8s.io/autoscaling/cluster-autoscaler} tag
     */
    public record Version(String chartVersion, String imageTag) {
        public Version {
            Objects.requireNonNull(chartVersion, "chartVersion");
            Objects.requireNonNull(imageTag, "imageTag");
        }
    }
}
