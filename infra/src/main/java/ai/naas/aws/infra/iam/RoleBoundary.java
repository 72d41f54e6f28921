package ai.naas.aws.infra.iam;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

/**
 * The permissions boundary of a stack, and the one place where a stack creates an IAM role.
 *
 * <p>The account's bootstrap creates one managed policy per stack, {@code naas-<stack>-boundary}, and makes it
 * the boundary of the stack's deploy role. That boundary refuses {@code iam:CreateRole} (and changing a role's
 * policies or boundary) unless the role carries the same boundary ({@code iam:PermissionsBoundary}): without
 * it, a deploy role could create an administrator role without a boundary and escape. So every role a stack
 * creates goes through {@link #role}, which sets the boundary, and the stack tests check that no role of
 * either stack's plan lacks it.
 *
 * @param policyArn the boundary policy's ARN
 */
public record RoleBoundary(Output<String> policyArn) {

    /**
     * The tag key that says which stack a resource belongs to. Every resource a stack creates carries it (the
     * stack's {@code aws:defaultTags}); a stack's boundary refuses acting on resources tagged for another stack.
     */
    public static final String STACK_TAG = "naas:stack";

    /** The boundary policy of {@code stack}, e.g. {@code naas-prod-boundary}: the bootstrap creates it under this name. */
    public static String policyName(String stack) {
        return "naas-" + stack + "-boundary";
    }

    /** The ARN of {@code stack}'s boundary policy in account {@code accountId}. */
    public static String policyArn(String accountId, String stack) {
        return "arn:aws:iam::" + accountId + ":policy/" + policyName(stack);
    }

    /** The boundary of {@code stack} in the account whose id {@code accountId} will be. */
    public static RoleBoundary of(Output<String> accountId, String stack) {
        return new RoleBoundary(accountId.applyValue(id -> policyArn(id, stack)));
    }

    /** Creates the role {@code args} describes, with this boundary: the only way a stack creates a role. */
    public Role role(String name, RoleArgs args, CustomResourceOptions options) {
        return new Role(name, RoleArgs.builder(args).permissionsBoundary(policyArn).build(), options);
    }
}
