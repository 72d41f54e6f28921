package ai.naas.aws.infra.security;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.RoleBoundary;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * A stack's admin role, {@code naas-<stack>-admin}: what the stack's EKS access entries trust, assumable
 * only by principals of the account holding an MFA session. It belongs to the stack (one per cluster); the
 * account-wide team groups whose admins may assume it are the account bootstrap's, which names it by
 * {@link #roleName}.
 */
public final class AdminRole extends ComponentResource {

    /**
     * @param baseName  the stack's name prefix, e.g. {@code naas-prod}; the role is {@code <baseName>-admin}
     * @param accountId the account whose principals may assume the role (with MFA)
     * @param boundary  the stack's permissions boundary: the stack's deploy role may create no role without it
     */
    public record Args(String baseName, Output<String> accountId, RoleBoundary boundary) {
    }

    private final Role role;

    public AdminRole(String name, Args args, ComponentResourceOptions options) {
        super("naas:infra:AdminRole", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        String roleName = roleName(args.baseName());
        this.role = args.boundary().role(roleName, RoleArgs.builder()
                .name(roleName)
                .description("naas administrators, assumed with MFA; trusted by the EKS access entries")
                // One hour: an admin session that outlives its MFA prompt by a working day is a stolen laptop away.
                .maxSessionDuration(3600)
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                        .by("AWS", args.accountId().applyValue(id -> "arn:aws:iam::" + id + ":root"))
                        .when("Bool", "aws:MultiFactorAuthPresent", "true")).toJson())
                .build(), child);
        new RolePolicyAttachment(roleName, RolePolicyAttachmentArgs.builder()
                .role(role.name()).policyArn("arn:aws:iam::aws:policy/AdministratorAccess").build(), child);
        registerOutputs(Map.of("arn", role.arn()));
    }

    /** The admin role of the stack whose names start with {@code baseName}, e.g. {@code naas-prod-admin}. */
    public static String roleName(String baseName) {
        return baseName + "-admin";
    }

    /** The role's ARN. */
    public Output<String> arn() {
        return role.arn();
    }
}
