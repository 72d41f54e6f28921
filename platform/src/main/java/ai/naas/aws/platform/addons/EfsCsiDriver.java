package ai.naas.aws.platform.addons;

import ai.naas.aws.support.Json;
import ai.naas.aws.support.Outputs;
import ai.naas.aws.infra.cluster.Cluster;
import ai.naas.aws.infra.cluster.NodePool;
import ai.naas.aws.infra.cluster.ServiceAccountRole;
import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.storage.v1.StorageClass;
import com.pulumi.kubernetes.storage.v1.StorageClassArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Amazon EFS CSI driver as the EKS add-on, and the {@value #STORAGE_CLASS} StorageClass of the
 * volumes it mounts.
 *
 * <p>The add-on's controller runs as {@code kube-system/efs-csi-controller-sa} with its own IAM role (IRSA,
 * AWS's {@value #POLICY_ARN}), on the naas pool; its node plugin runs on every node, the tainted jupyter
 * pool included, since that is where home directories are mounted. Homes are statically provisioned
 * ({@link HomeStorage}): the class exists so that their volume and claim bind to each other by class and
 * never to a dynamically provisioned volume, and it keeps data when a volume object is deleted.
 */
public final class EfsCsiDriver extends ComponentResource {

    /** The add-on's name in EKS. */
    public static final String ADDON_NAME = "aws-efs-csi-driver";
    /**
     * The pinned add-on version: driver v2.1.10, whose sidecars are built for Kubernetes 1.33
     * ({@code external-provisioner:v5.2.0-eks-1-33-3}). Seen pinned for 1.33 clusters next to
     * {@code kube-proxy v1.33.x-eksbuild} in public Terraform stacks; EKS lists the versions a cluster
     * accepts with {@code aws eks describe-addon-versions --addon-name aws-efs-csi-driver
     * --kubernetes-version 1.33}.
     */
    public static final String ADDON_VERSION = "v2.1.10-eksbuild.1";
    /** The controller's service account, as the add-on names it. */
    public static final String NAMESPACE = "kube-system";
    public static final String SERVICE_ACCOUNT = "efs-csi-controller-sa";
    /**
     * The node plugin's service account. The add-on annotates it with the same role, and the node plugin is what
     * mounts: with the {@code iam} mount option (HomeStorage) it signs the mount as this role, which the file
     * system's policy admits; so the role trusts it too.
     */
    public static final String NODE_SERVICE_ACCOUNT = "efs-csi-node-sa";
    /** AWS's managed policy for the driver (access points for dynamic provisioning, describe calls). */
    public static final String POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy";
    /** The CSI driver's name, the provisioner of its volumes. */
    public static final String DRIVER = "efs.csi.aws.com";
    /** The StorageClass of the EFS volumes. */
    public static final String STORAGE_CLASS = "efs-homes";

    private final ServiceAccountRole role;
    private final Addon addon;
    private final StorageClass storageClass;

    /**
     * @param args the cluster it is installed on
     */
    public EfsCsiDriver(String name, Args args, ComponentResourceOptions options) {
        super("naas:platform:EfsCsiDriver", name, options);
        var cluster = args.cluster();
        var nodeGroups = AddOnSupport.nodeGroups(cluster);

        this.role = cluster.serviceAccountRole(name, NAMESPACE, List.of(SERVICE_ACCOUNT, NODE_SERVICE_ACCOUNT),
                Optional.empty(), List.of(POLICY_ARN));
        // The add-on only becomes ACTIVE once its pods run: it waits for nodes, and for its role's policy.
        this.addon = new Addon(name, AddonArgs.builder()
                .clusterName(cluster.clusterName())
                .addonName(ADDON_NAME)
                .addonVersion(ADDON_VERSION)
                .serviceAccountRoleArn(role.arn())
                .resolveConflictsOnCreate("OVERWRITE")
                .resolveConflictsOnUpdate("OVERWRITE")
                .configurationValues(configurationValues())
                .build(), CustomResourceOptions.builder()
                .parent(this)
                .dependsOn(Outputs.<Resource>concat(nodeGroups, List.of(role)))
                .build());

        this.storageClass = new StorageClass(name, StorageClassArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(STORAGE_CLASS).build())
                .provisioner(DRIVER)
                .reclaimPolicy("Retain")
                .volumeBindingMode("Immediate")
                .build(), CustomResourceOptions.builder()
                .parent(this)
                .provider(cluster.provider())
                .dependsOn(Outputs.<Resource>concat(nodeGroups, List.of(addon)))
                // The name is fixed (volumes refer to it), so a replacement must delete the old class first.
                .deleteBeforeReplace(true)
                .build());
        registerOutputs(Map.of("roleArn", role.arn()));
    }

    /**
     * The add-on's configuration: the controller on the naas pool; the node plugin tolerating every taint,
     * so that it also runs on the jupyter pool whose user pods mount the homes.
     */
    static String configurationValues() {
        var config = Map.of(
                "controller", Map.of("nodeSelector", NodePool.NAAS.labels()),
                "node", Map.of("tolerations", List.of(Map.of("operator", "Exists"))));
        return Json.write(config);
    }

    /** The driver's IAM role. */
    public ServiceAccountRole role() {
        return role;
    }

    /** The EKS add-on: what EFS volumes wait for. */
    public Addon addon() {
        return addon;
    }

    /** The {@value #STORAGE_CLASS} StorageClass. */
    public StorageClass storageClass() {
        return storageClass;
    }

    /** What a volume of this driver waits for: the add-on and the class. */
    public List<Resource> ready() {
        return List.of(addon, storageClass);
    }

    /**
     * What the driver is installed on.
     *
     * @param cluster the cluster (its name, OIDC identity, provider and node groups)
     */
    public record Args(Cluster cluster) {
        public Args {
            Objects.requireNonNull(cluster, "cluster");
        }
    }
}
