package ai.naas.aws.infra.cluster;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.RoleBoundary;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.AccessPolicyAssociation;
import com.pulumi.aws.eks.AccessPolicyAssociationArgs;
import com.pulumi.aws.eks.ClusterArgs;
import com.pulumi.aws.eks.inputs.AccessPolicyAssociationAccessScopeArgs;
import com.pulumi.aws.eks.inputs.ClusterAccessConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigProviderArgs;
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An EKS cluster in the shape pulumi-eks users know, built on {@code aws.eks.*}: the control plane
 * (private endpoint, public access off or limited, every control-plane log type into a KMS-encrypted log
 * group, secrets envelope-encrypted with KMS, access entries instead of the aws-auth ConfigMap), an IAM OIDC provider for service-account
 * roles, the {@code naas} and {@code jupyter} worker groups, a {@code kubeconfig} and a Kubernetes provider.
 */
public final class Cluster extends ComponentResource {

    /** Every control-plane log type EKS offers: audit and incident response need all of them. */
    public static final List<String> LOG_TYPES = List.of(
            "api", "audit", "authenticator", "controllerManager", "scheduler");

    private static final String ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
    private static final List<String> NODE_POLICIES = List.of(
            "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
            "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
            "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
            // Operators reach nodes through SSM Session Manager, never SSH.
            "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");

    private final Output<String> clusterName;
    private final Output<String> endpoint;
    private final Output<String> certificateAuthority;
    private final Output<String> nodeSecurityGroupId;
    private final Output<String> kubeconfig;
    private final Output<String> nodeRoleName;
    private final OidcIdentity oidc;
    private final Map<NodePool, WorkerGroup> workerGroups = new EnumMap<>(NodePool.class);
    private final Provider provider;
    private final String kubernetesVersion;
    private final RoleBoundary boundary;

    public Cluster(String name, Args args, ComponentResourceOptions options) {
        super("naas:infra:Cluster", name, options);
        var settings = args.settings();
        this.kubernetesVersion = settings.kubernetesVersion();
        this.boundary = args.boundary();

        var cluster = controlPlane(name, args);
        this.clusterName = cluster.name();
        this.endpoint = cluster.endpoint();
        this.certificateAuthority = cluster.certificateAuthority().applyValue(ca -> ca.data().orElseThrow());
        this.nodeSecurityGroupId = cluster.vpcConfig().applyValue(vpc -> vpc.clusterSecurityGroupId().orElseThrow());

        var admins = accessEntries(name, cluster, args.adminPrincipals());
        this.oidc = oidcProvider(name, cluster);

        var nodes = nodeRole(name, args.boundary());
        this.nodeRoleName = nodes.name();
        for (var pool : NodePool.values()) {
            workerGroups.put(pool, new WorkerGroup(name + "-" + pool.poolName(), new WorkerGroup.Args(
                    pool, args.nodeGroups().of(pool), cluster.name(), settings.kubernetesVersion(), nodes.arn(),
                    nodes.ready(), args.privateSubnetIds(), args.diskKeyArn()),
                    ComponentResourceOptions.builder().parent(this).build()));
        }

        this.kubeconfig = Kubeconfig.of(cluster.name(), endpoint, certificateAuthority, args.region());
        // Admin access must exist before the provider talks to the API server.
        this.provider = new Provider(name, ProviderArgs.builder().kubeconfig(kubeconfig).build(),
                CustomResourceOptions.builder().parent(this).dependsOn(admins).build());

        registerOutputs(Map.of("clusterName", clusterName, "endpoint", endpoint, "kubeconfig", kubeconfig,
                "oidcProviderArn", oidc.providerArn(), "oidcIssuer", oidc.issuerUrl(),
                "nodeSecurityGroupId", nodeSecurityGroupId));
    }

    private CustomResourceOptions child() {
        return CustomResourceOptions.builder().parent(this).build();
    }

    /**
     * The EKS control plane with its role, its use of the secrets key and its log group: private endpoint,
     * public access off or limited, secrets envelope-encrypted, access entries only.
     */
    private com.pulumi.aws.eks.Cluster controlPlane(String name, Args args) {
        var settings = args.settings();
        var clusterRole = args.boundary().role(name + "-control-plane", RoleArgs.builder()
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole", "sts:TagSession")
                        .by("Service", "eks.amazonaws.com")).toJson())
                .build(), child());
        var clusterPolicy = new RolePolicyAttachment(name + "-control-plane", RolePolicyAttachmentArgs.builder()
                .role(clusterRole.name())
                .policyArn("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy")
                .build(), child());
        var secretsKeyUse = new RolePolicy(name + "-control-plane-kms", RolePolicyArgs.builder()
                .role(clusterRole.id())
                .policy(PolicyDocument.of(Statement.allow("kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey")
                        .on(args.secretsKeyArn())).toJson())
                .build(), child());

        // Created before the cluster so that retention is ours; EKS would otherwise create it to keep forever.
        var logs = new LogGroup(name + "-control-plane", LogGroupArgs.builder()
                .name("/aws/eks/" + args.clusterName() + "/cluster")
                .retentionInDays(settings.logRetentionDays())
                .kmsKeyId(args.logsKeyArn())
                .build(), child());

        var vpcConfig = ClusterVpcConfigArgs.builder()
                .subnetIds(args.privateSubnetIds())
                .endpointPrivateAccess(true)
                .endpointPublicAccess(!settings.publicAccessCidrs().isEmpty());
        if (!settings.publicAccessCidrs().isEmpty()) {
            vpcConfig.publicAccessCidrs(settings.publicAccessCidrs());
        }
        return new com.pulumi.aws.eks.Cluster(name, ClusterArgs.builder()
                .name(args.clusterName())
                .version(settings.kubernetesVersion())
                .roleArn(clusterRole.arn())
                .vpcConfig(vpcConfig.build())
                .enabledClusterLogTypes(LOG_TYPES)
                .encryptionConfig(ClusterEncryptionConfigArgs.builder()
                        .resources("secrets")
                        .provider(ClusterEncryptionConfigProviderArgs.builder().keyArn(args.secretsKeyArn()).build())
                        .build())
                .accessConfig(ClusterAccessConfigArgs.builder()
                        .authenticationMode("API")
                        // Access is what the stack says it is: the deploying role is listed in adminRoleArns.
                        .bootstrapClusterCreatorAdminPermissions(false)
                        .build())
                .build(), CustomResourceOptions.builder().parent(this)
                .dependsOn(clusterPolicy, secretsKeyUse, logs).build());
    }

    /** Cluster-admin for each principal through an EKS access entry; returns what the provider must wait for. */
    private List<Resource> accessEntries(String name, com.pulumi.aws.eks.Cluster cluster,
                                         Map<String, Output<String>> principals) {
        var associations = new ArrayList<Resource>();
        principals.forEach((label, principalArn) -> {
            var entry = new AccessEntry(name + "-admin-" + label, AccessEntryArgs.builder()
                    .clusterName(cluster.name()).principalArn(principalArn).type("STANDARD").build(), child());
            associations.add(new AccessPolicyAssociation(name + "-admin-" + label, AccessPolicyAssociationArgs.builder()
                    .clusterName(cluster.name())
                    .principalArn(principalArn)
                    .policyArn(ADMIN_POLICY)
                    .accessScope(AccessPolicyAssociationAccessScopeArgs.builder().type("cluster").build())
                    .build(), CustomResourceOptions.builder().parent(this).dependsOn(entry).build()));
        });
        return associations;
    }

    /** The IAM OIDC provider for the cluster's issuer: what service-account roles trust. */
    private OidcIdentity oidcProvider(String name, com.pulumi.aws.eks.Cluster cluster) {
        Output<String> issuer = cluster.identities().applyValue(ids -> ids.get(0).oidcs().get(0).issuer().orElseThrow());
        var oidcProvider = new OpenIdConnectProvider(name + "-oidc", OpenIdConnectProviderArgs.builder()
                .url(issuer)
                .clientIdLists("sts.amazonaws.com")
                // IAM trusts the issuer through its own CA store for EKS; the thumbprint is a required formality.
                .thumbprintLists("9e99a48a9960b14926bb7f3b02e22da2b0ab7280")
                .build(), child());
        return new OidcIdentity(oidcProvider.arn(), issuer);
    }

    /** The nodes' instance role and its attached policies (nodes cannot join before they are attached). */
    private NodeRole nodeRole(String name, RoleBoundary boundary) {
        var role = boundary.role(name + "-nodes", RoleArgs.builder()
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                        .by("Service", "ec2.amazonaws.com")).toJson())
                .build(), child());
        var ready = new ArrayList<Resource>();
        for (String policyArn : NODE_POLICIES) {
            ready.add(new RolePolicyAttachment(name + "-nodes-" + policyArn.substring(policyArn.lastIndexOf('/') + 1),
                    RolePolicyAttachmentArgs.builder().role(role.name()).policyArn(policyArn).build(), child()));
        }
        return new NodeRole(role.arn(), role.name(), List.copyOf(ready));
    }

    /** The nodes' role and the attachments that must exist before a node group uses it. */
    private record NodeRole(Output<String> arn, Output<String> name, List<Resource> ready) {
    }

    /**
     * An IAM role that only {@code namespace/serviceAccount} of this cluster can assume.
     */
    public ServiceAccountRole serviceAccountRole(String name, String namespace, String serviceAccount,
                                                 Optional<Output<String>> inlinePolicy, List<String> managedPolicyArns) {
        return serviceAccountRole(name, namespace, List.of(serviceAccount), inlinePolicy, managedPolicyArns);
    }

    /** An IAM role that only these service accounts of {@code namespace} in this cluster can assume. */
    public ServiceAccountRole serviceAccountRole(String name, String namespace, List<String> serviceAccounts,
                                                 Optional<Output<String>> inlinePolicy, List<String> managedPolicyArns) {
        return new ServiceAccountRole(name, new ServiceAccountRole.Args(oidc, namespace, serviceAccounts.get(0),
                inlinePolicy, managedPolicyArns, serviceAccounts.subList(1, serviceAccounts.size()), boundary),
                ComponentResourceOptions.builder().parent(this).build());
    }

    public Output<String> clusterName() {
        return clusterName;
    }

    public Output<String> endpoint() {
        return endpoint;
    }

    /** The API server's CA, base64-encoded PEM. */
    public Output<String> certificateAuthority() {
        return certificateAuthority;
    }

    /** The security group EKS puts on the control plane and the managed nodes. */
    public Output<String> nodeSecurityGroupId() {
        return nodeSecurityGroupId;
    }

    public Output<String> kubeconfig() {
        return kubeconfig;
    }

    /** The stack's permissions boundary, for a role made for the cluster's workloads outside this class. */
    public RoleBoundary boundary() {
        return boundary;
    }

    /**
     * The name of the nodes' instance role: the kubelet pulls images with it, so what it may pull (beyond ECR
     * read-only) is granted to it by name, e.g. the image cache's pull-through permissions.
     */
    public Output<String> nodeRoleName() {
        return nodeRoleName;
    }

    public OidcIdentity oidc() {
        return oidc;
    }

    /** The worker group of a pool. */
    public WorkerGroup workerGroup(NodePool pool) {
        return workerGroups.get(pool);
    }

    /** Both worker groups. */
    public List<WorkerGroup> workerGroups() {
        return List.copyOf(workerGroups.values());
    }

    /** The Kubernetes provider for everything deployed on this cluster. */
    public Provider provider() {
        return provider;
    }

    /** The cluster's Kubernetes version, {@code 1.<minor>}. */
    public String kubernetesVersion() {
        return kubernetesVersion;
    }

    /**
     * What a {@link Cluster} is built from.
     *
     * @param clusterName      the EKS cluster's name, also used by cluster-autoscaler and kubeconfig
     * @param region           the AWS region (for {@code aws eks get-token})
     * @param settings         control-plane settings from stack config
     * @param nodeGroups       worker group settings from stack config
     * @param privateSubnetIds the three private subnets, for the control plane's ENIs and the nodes
     * @param secretsKeyArn    the KMS key that envelope-encrypts Kubernetes Secrets
     * @param diskKeyArn       the KMS key for node root volumes
     * @param logsKeyArn       the KMS key that encrypts the control-plane log group
     * @param adminPrincipals  IAM principals given cluster-admin, by a stable label used in resource names
     * @param boundary         the stack's permissions boundary, on every role the cluster creates (IRSA roles too)
     */
    public record Args(
            String clusterName,
            String region,
            ClusterSettings settings,
            NodeGroupsSettings nodeGroups,
            Output<List<String>> privateSubnetIds,
            Output<String> secretsKeyArn,
            Output<String> diskKeyArn,
            Output<String> logsKeyArn,
            Map<String, Output<String>> adminPrincipals,
            RoleBoundary boundary) {

        public Args {
            // Sorted, so the access entries register in the same order on every run.
            adminPrincipals = Collections.unmodifiableMap(new TreeMap<>(adminPrincipals));
        }
    }
}
