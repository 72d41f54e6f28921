package ai.naas.aws.infra.cluster;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.RoleBoundary;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An IAM role for one Kubernetes service account (IRSA): only pods running as
 * {@code system:serviceaccount:<namespace>:<serviceAccount>} in this cluster can assume it.
 */
public final class ServiceAccountRole extends ComponentResource {

    private final Output<String> arn;

    public ServiceAccountRole(String name, Args args, ComponentResourceOptions options) {
        super("naas:infra:ServiceAccountRole", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var role = args.boundary().role(name, RoleArgs.builder()
                .description("IRSA role of " + args.namespace() + "/" + args.serviceAccount())
                .assumeRolePolicy(trustPolicy(args.identity(), args.namespace(), args.serviceAccounts()))
                .build(), child);
        args.inlinePolicy().ifPresent(policy -> new RolePolicy(name, RolePolicyArgs.builder()
                .role(role.id()).policy(policy).build(), child));
        for (String policyArn : args.managedPolicyArns()) {
            new RolePolicyAttachment(name + "-" + policyArn.substring(policyArn.lastIndexOf('/') + 1),
                    RolePolicyAttachmentArgs.builder().role(role.name()).policyArn(policyArn).build(), child);
        }
        this.arn = role.arn();
        registerOutputs(Map.of("arn", arn));
    }

    /**
     * The trust policy: web identity from the cluster's OIDC provider, for exactly one service account and
     * audience {@code sts.amazonaws.com}. The condition keys name the issuer, so the JSON waits for it.
     */
    public static Output<String> trustPolicy(OidcIdentity identity, String namespace, String serviceAccount) {
        return trustPolicy(identity, namespace, List.of(serviceAccount));
    }

    /**
     * The trust policy for several service accounts of one namespace that share the role (the EFS CSI driver's
     * controller and node, which the EKS add-on annotates with the same role).
     */
    public static Output<String> trustPolicy(OidcIdentity identity, String namespace, List<String> serviceAccounts) {
        List<String> subjects = serviceAccounts.stream().map(sa -> "system:serviceaccount:" + namespace + ":" + sa).toList();
        return Output.tuple(identity.providerArn(), identity.issuerUrl()).apply(t -> {
            String issuer = t.t2.replaceFirst("^https://", "");
            return PolicyDocument.of(Statement.allow("sts:AssumeRoleWithWebIdentity")
                    .by("Federated", t.t1)
                    .when("StringEquals", issuer + ":sub", subjects.size() == 1 ? subjects.get(0) : subjects)
                    .when("StringEquals", issuer + ":aud", "sts.amazonaws.com")).toJson();
        });
    }

    /** The role's ARN, for the service account's {@code eks.amazonaws.com/role-arn} annotation. */
    public Output<String> arn() {
        return arn;
    }

    /**
     * What a service-account role is for.
     *
     * @param identity          the cluster's OIDC identity
     * @param namespace         the service account's namespace
     * @param serviceAccount    the service account's name
     * @param inlinePolicy      what the role may do beyond the managed policies, as policy JSON: an Output, so
     *                          that a policy can name resources (the cluster, in a condition key) not created yet
     * @param managedPolicyArns AWS-managed policies to attach (e.g. the EFS CSI driver's)
     * @param otherServiceAccounts further service accounts of the same namespace that may assume it; usually none
     * @param boundary          the stack's permissions boundary, which the role carries
     */
    public record Args(OidcIdentity identity, String namespace, String serviceAccount,
                       Optional<Output<String>> inlinePolicy, List<String> managedPolicyArns,
                       List<String> otherServiceAccounts, RoleBoundary boundary) {

        public Args {
            managedPolicyArns = List.copyOf(managedPolicyArns);
            otherServiceAccounts = List.copyOf(otherServiceAccounts);
        }

        /** A role for one service account. */
        public Args(OidcIdentity identity, String namespace, String serviceAccount,
                    Optional<Output<String>> inlinePolicy, List<String> managedPolicyArns, RoleBoundary boundary) {
            this(identity, namespace, serviceAccount, inlinePolicy, managedPolicyArns, List.of(), boundary);
        }

        /** Every service account that may assume the role, {@code serviceAccount} first. */
        public List<String> serviceAccounts() {
            var all = new java.util.ArrayList<String>();
            all.add(serviceAccount);
            all.addAll(otherServiceAccounts);
            return List.copyOf(all);
        }
    }
}
