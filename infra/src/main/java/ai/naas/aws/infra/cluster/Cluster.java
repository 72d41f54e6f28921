package ai.naas.aws.infra.cluster;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.Statement;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An EKS cluster in the shape pulumi-eks users know, built on {@code aws.eks.*}: the control plane
 * (private endpoint, public access off or limited, api/audit/authenticator logs, secrets envelope-encrypted
 * with KMS, access entries instead of the aws-auth ConfigMap), an IAM OIDC provider for service-account
 * roles, the {@code naas} and {@code jupyter} worker groups, a {@code kubeconfig} and a Kubernetes provider.
 */
public final class Cluster extends ComponentResource {

    /** Control-plane log types that matter for audit and incident response. */
    public static final List<String> LOG_TYPES = List.of("api", "audit", "authenticator");

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
    private final OidcIdentity oidc;
    private final Map<NodePool, WorkerGroup> workerGroups = new EnumMap<>(NodePool.class);
    private final Provider provider;
    private final String kubernetesVersion;

    public Cluster(String name, ClusterComponentArgs args, ComponentResourceOptions options) {
        super("naas:infra:Cluster", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var settings = args.settings();
        this.kubernetesVersion = settings.kubernetesVersion();

        var clusterRole = new Role(name + "-control-plane", RoleArgs.builder()
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole", "sts:TagSession")
                        .by("Service", "eks.amazonaws.com")).toJson())
                .build(), child);
        var clusterPolicy = new RolePolicyAttachment(name + "-control-plane", RolePolicyAttachmentArgs.builder()
                .role(clusterRole.name())
                .policyArn("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy")
                .build(), child);
        var secretsKeyUse = new RolePolicy(name + "-control-plane-kms", RolePolicyArgs.builder()
                .role(clusterRole.id())
                .policy(PolicyDocument.of(Statement.allow("kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey")
                        .on(args.secretsKeyArn())).toJson())
                .build(), child);

        // Created before the cluster so that retention is ours; EKS would otherwise create it to keep forever.
        var logs = new LogGroup(name + "-control-plane", LogGroupArgs.builder()
                .name("/aws/eks/" + args.clusterName() + "/cluster")
                .retentionInDays(settings.logRetentionDays())
                .build(), child);

        var vpcConfig = ClusterVpcConfigArgs.builder()
                .subnetIds(args.privateSubnetIds())
                .endpointPrivateAccess(true)
                .endpointPublicAccess(!settings.publicAccessCidrs().isEmpty());
        if (!settings.publicAccessCidrs().isEmpty()) {
            vpcConfig.publicAccessCidrs(settings.publicAccessCidrs());
        }
        var cluster = new com.pulumi.aws.eks.Cluster(name, ClusterArgs.builder()
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

        this.clusterName = cluster.name();
        this.endpoint = cluster.endpoint();
        this.certificateAuthority = cluster.certificateAuthority().applyValue(ca -> ca.data().orElseThrow());
        this.nodeSecurityGroupId = cluster.vpcConfig().applyValue(vpc -> vpc.clusterSecurityGroupId().orElseThrow());

        var admins = new ArrayList<Resource>();
        args.adminPrincipals().forEach((label, principalArn) -> {
            var entry = new AccessEntry(name + "-admin-" + label, AccessEntryArgs.builder()
                    .clusterName(cluster.name()).principalArn(principalArn).type("STANDARD").build(), child);
            admins.add(new AccessPolicyAssociation(name + "-admin-" + label, AccessPolicyAssociationArgs.builder()
                    .clusterName(cluster.name())
                    .principalArn(principalArn)
                    .policyArn(ADMIN_POLICY)
                    .accessScope(AccessPolicyAssociationAccessScopeArgs.builder().type("cluster").build())
                    .build(), CustomResourceOptions.builder().parent(this).dependsOn(entry).build()));
        });

        Output<String> issuer = cluster.identities().applyValue(ids -> ids.get(0).oidcs().get(0).issuer().orElseThrow());
        var oidcProvider = new OpenIdConnectProvider(name + "-oidc", OpenIdConnectProviderArgs.builder()
                .url(issuer)
                .clientIdLists("sts.amazonaws.com")
                // IAM trusts the issuer through its own CA store for EKS; the thumbprint is a required formality.
                .thumbprintLists("9e99a48a9960b14926bb7f3b02e22da2b0ab7280")
                .build(), child);
        this.oidc = new OidcIdentity(oidcProvider.arn(), issuer);

        var nodeRole = new Role(name + "-nodes", RoleArgs.builder()
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                        .by("Service", "ec2.amazonaws.com")).toJson())
                .build(), child);
        var nodeRoleReady = new ArrayList<Resource>();
        for (String policyArn : NODE_POLICIES) {
            nodeRoleReady.add(new RolePolicyAttachment(name + "-nodes-" + policyArn.substring(policyArn.lastIndexOf('/') + 1),
                    RolePolicyAttachmentArgs.builder().role(nodeRole.name()).policyArn(policyArn).build(), child));
        }
        for (var pool : NodePool.values()) {
            workerGroups.put(pool, new WorkerGroup(name + "-" + pool.poolName(), new WorkerGroup.Args(
                    pool, args.nodeGroups().of(pool), cluster.name(), settings.kubernetesVersion(), nodeRole.arn(),
                    List.copyOf(nodeRoleReady), args.privateSubnetIds(), args.diskKeyArn()),
                    ComponentResourceOptions.builder().parent(this).build()));
        }

        this.kubeconfig = Output.tuple(cluster.name(), endpoint, certificateAuthority)
                .applyValue(t -> kubeconfig(t.t1, t.t2, t.t3, args.region()));
        // Admin access must exist before the provider talks to the API server.
        this.provider = new Provider(name, ProviderArgs.builder().kubeconfig(kubeconfig).build(),
                CustomResourceOptions.builder().parent(this).dependsOn(admins).build());

        registerOutputs(Map.of("clusterName", clusterName, "endpoint", endpoint, "kubeconfig", kubeconfig,
                "oidcProviderArn", oidc.providerArn(), "oidcIssuer", oidc.issuerUrl(),
                "nodeSecurityGroupId", nodeSecurityGroupId));
    }

    /**
     * A kubeconfig that authenticates with {@code aws eks get-token} through the v1beta1 exec API: it holds
     * no credential, only the command that fetches one for whoever runs it.
     */
    static String kubeconfig(String clusterName, String endpoint, String caData, String region) {
        var config = Map.of(
                "apiVersion", "v1",
                "kind", "Config",
                "current-context", clusterName,
                "clusters", List.of(Map.of("name", clusterName, "cluster",
                        Map.of("server", endpoint, "certificate-authority-data", caData))),
                "contexts", List.of(Map.of("name", clusterName, "context",
                        Map.of("cluster", clusterName, "user", clusterName))),
                "users", List.of(Map.of("name", clusterName, "user", Map.of("exec", Map.of(
                        "apiVersion", "client.authentication.k8s.io/v1beta1",
                        "command", "aws",
                        "args", List.of("eks", "get-token", "--cluster-name", clusterName, "--region", region,
                                "--output", "json"),
                        "interactiveMode", "Never")))));
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(new TreeMap<>(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    /**
     * An IAM role that only {@code namespace/serviceAccount} of this cluster can assume.
     */
    public ServiceAccountRole serviceAccountRole(String name, String namespace, String serviceAccount,
                                                 Optional<Output<String>> inlinePolicy, List<String> managedPolicyArns) {
        return new ServiceAccountRole(name, oidc, namespace, serviceAccount, inlinePolicy, managedPolicyArns,
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
}
