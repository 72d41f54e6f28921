package ai.naas.aws.platform.addons;

import ai.naas.aws.infra.cluster.Cluster;
import ai.naas.aws.infra.cluster.ServiceAccountRole;
import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Amazon VPC CNI as the EKS managed add-on, with network policy enforcement on, so that the
 * NetworkPolicies of the hub, the user servers and the Naas services are enforced: EKS installs the CNI
 * without its network policy agent, and then NetworkPolicy objects are accepted and ignored.
 *
 * <p>The CNI's {@code kube-system/aws-node} service account gets its own IAM role with AWS's
 * {@value #POLICY_ARN} (IRSA), as AWS recommends instead of the node role. The add-on takes over the CNI that
 * EKS installed with the cluster ({@code OVERWRITE}); it does not wait for the node groups, since nodes need a
 * CNI to become ready.
 *
 * <p>Known limit (aws/aws-network-policy-agent#327, and the EKS guide's considerations): the agent is built for
 * pods owned by a controller; KubeSpawner's user pods are standalone pods. Only a real cluster can show that
 * the user pods' policies are enforced: see docs/TENANTS.md for the check to run.
 */
public final class VpcCni extends ComponentResource {

    /** The add-on's name in EKS. */
    public static final String ADDON_NAME = "vpc-cni";
    public static final String NAMESPACE = "kube-system";
    public static final String SERVICE_ACCOUNT = "aws-node";
    /** AWS's managed policy for the CNI on an IPv4 cluster. */
    public static final String POLICY_ARN = "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy";
    /** Network policy enforcement: the node agent container in aws-node (add-on v1.14 and later). */
    public static final String CONFIGURATION_VALUES = "{\"enableNetworkPolicy\":\"true\"}";

    /**
     * Kubernetes minor to add-on version. 1.29 to 1.33: the latest version per cluster version in the table
     * of the EKS user guide's "Assign IPs to Pods with the Amazon VPC CNI" page (v1.20.1-eksbuild.3 for every one
     * of them). 1.34 is not in the table that could be read from here: the same version is assumed; confirm with
     * {@code aws eks describe-addon-versions --addon-name vpc-cni --kubernetes-version 1.34}.
     */
    public static final Map<Integer, String> VERSIONS = Map.of(
            29, "v1.20.1-eksbuild.3",
            30, "v1.20.1-eksbuild.3",
            31, "v1.20.1-eksbuild.3",
            32, "v1.20.1-eksbuild.3",
            33, "v1.20.1-eksbuild.3",
            34, "v1.20.1-eksbuild.3");

    private final ServiceAccountRole role;
    private final Addon addon;

    /**
     * @param args the cluster it is installed on and its Kubernetes minor
     */
    public VpcCni(String name, Args args, ComponentResourceOptions options) {
        super("naas:platform:VpcCni", name, options);
        var cluster = args.cluster();
        this.role = cluster.serviceAccountRole(name, NAMESPACE, SERVICE_ACCOUNT, Optional.empty(), List.of(POLICY_ARN));
        this.addon = new Addon(name, AddonArgs.builder()
                .clusterName(cluster.clusterName())
                .addonName(ADDON_NAME)
                .addonVersion(versionFor(args.kubernetesMinor()))
                .serviceAccountRoleArn(role.arn())
                .resolveConflictsOnCreate("OVERWRITE")
                .resolveConflictsOnUpdate("OVERWRITE")
                .configurationValues(CONFIGURATION_VALUES)
                .build(), CustomResourceOptions.builder()
                .parent(this)
                .dependsOn(List.of(role))
                .build());
        registerOutputs(Map.of("roleArn", role.arn()));
    }

    /**
     * The pinned add-on version for a Kubernetes minor.
     *
     * @throws IllegalArgumentException for a minor with no pinned version
     */
    public static String versionFor(int minor) {
        var version = VERSIONS.get(minor);
        if (version == null) {
            throw new IllegalArgumentException("vpc-cni has no pinned version for Kubernetes 1." + minor
                    + "; pinned minors are " + VERSIONS.keySet().stream().sorted().map(m -> "1." + m)
                    .collect(Collectors.joining(", ")) + ". Add one to VpcCni.VERSIONS from "
                    + "aws eks describe-addon-versions --addon-name vpc-cni --kubernetes-version 1." + minor);
        }
        return version;
    }

    /** The CNI's IAM role. */
    public ServiceAccountRole role() {
        return role;
    }

    /** The EKS add-on: what workloads that rely on NetworkPolicy wait for. */
    public Addon addon() {
        return addon;
    }

    /**
     * What the CNI is installed on.
     *
     * @param cluster         the cluster (its name, OIDC identity)
     * @param kubernetesMinor the cluster's Kubernetes minor, which picks the add-on version
     */
    public record Args(Cluster cluster, int kubernetesMinor) {
        public Args {
            Objects.requireNonNull(cluster, "cluster");
        }
    }
}
