package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.Statement;
import ai.naas.aws.infra.security.AdminRole;
import com.pulumi.aws.iam.AccountPasswordPolicy;
import com.pulumi.aws.iam.AccountPasswordPolicyArgs;
import com.pulumi.aws.iam.Group;
import com.pulumi.aws.iam.GroupArgs;
import com.pulumi.aws.iam.GroupPolicy;
import com.pulumi.aws.iam.GroupPolicyArgs;
import com.pulumi.aws.iam.GroupPolicyAttachment;
import com.pulumi.aws.iam.GroupPolicyAttachmentArgs;
import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * The team's IAM, account-wide, per AWS's IAM security best practices and as the seed required: the
 * account's password policy, and groups for admins, developers and read-only users whose members can do
 * nothing but set up MFA and change their password until they sign in with MFA. Admins may assume each
 * stack's admin role ({@link AdminRole}, created by the stack, MFA required by its trust policy).
 *
 * <p>It lives in the bootstrap, not in a stack: there is one password policy per account, so two stacks in
 * one account would overwrite each other's, and an account without a stack would have none.
 */
public final class AccountSecurity extends ComponentResource {

    /**
     * @param settings  the password policy, validated
     * @param stacks    the account's stacks, whose admin roles the admins group may assume
     * @param accountId the account
     */
    public record Args(AccountSecuritySettings settings, List<String> stacks, Output<String> accountId) {
        public Args {
            stacks = List.copyOf(stacks);
        }
    }

    /** The groups, by name; each gets the MFA policy. */
    public static final List<String> GROUPS = List.of("naas-admins", "naas-developers", "naas-read-only");

    /**
     * What AWS's example lets a user do without an MFA session (the example's {@code NotAction}), plus what
     * this account adds: changing one's own password at first sign-in (which needs the policy to be readable,
     * as AWS's note on its Security-credentials example says), and {@code sts:GetSessionToken}, which is how a
     * CLI user gets the MFA session that lifts the deny.
     */
    static final List<String> WITHOUT_MFA = List.of(
            "iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ListUsers",
            "iam:ListVirtualMFADevices", "iam:ResyncMFADevice",
            "iam:ChangePassword", "iam:GetAccountPasswordPolicy", "sts:GetSessionToken");

    public AccountSecurity(String name, Args args, ComponentResourceOptions options) {
        super("naas:bootstrap:AccountSecurity", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var settings = args.settings();

        new AccountPasswordPolicy(name + "-password-policy", AccountPasswordPolicyArgs.builder()
                .minimumPasswordLength(settings.minimumPasswordLength())
                .requireLowercaseCharacters(true)
                .requireUppercaseCharacters(true)
                .requireNumbers(true)
                .requireSymbols(true)
                .passwordReusePrevention(settings.passwordReusePrevention())
                .maxPasswordAge(settings.maxPasswordAgeDays())
                .allowUsersToChangePassword(true)
                .build(), child);

        var requireMfa = new Policy(name + "-require-mfa", PolicyArgs.builder()
                .name("naas-require-mfa")
                .description("Deny everything but MFA self-service until the user signs in with MFA")
                .policy(mfaPolicy().toJson())
                .build(), child);
        for (String groupName : GROUPS) {
            var group = new Group(groupName, GroupArgs.builder().name(groupName).build(), child);
            new GroupPolicyAttachment(groupName + "-require-mfa", GroupPolicyAttachmentArgs.builder()
                    .group(group.name()).policyArn(requireMfa.arn()).build(), child);
            if (groupName.equals("naas-admins")) {
                // Named, not created here: each stack creates its admin role, whose trust again requires MFA.
                var roles = args.stacks().stream().map(stack -> (Object) args.accountId().applyValue(
                        id -> "arn:aws:iam::" + id + ":role/" + AdminRole.roleName("naas-" + stack))).toArray();
                new GroupPolicy(groupName + "-assume-admin", GroupPolicyArgs.builder()
                        .group(group.name())
                        .name("assume-stack-admin-roles")
                        .policy(PolicyDocument.of(Statement.allow("sts:AssumeRole").on(roles)
                                .withSid("AssumeEachStacksAdminRole")).toJson())
                        .build(), child);
            } else {
                new GroupPolicyAttachment(groupName + "-read-only", GroupPolicyAttachmentArgs.builder()
                        .group(group.name()).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess").build(), child);
            }
        }
        registerOutputs(Map.of());
    }

    /**
     * AWS's documented "Allows IAM users to self-manage an MFA device" policy, statement for statement (same
     * Sids, actions, resources, conditions: {@code AccountSecurityTest} compares it with AWS's JSON), plus one
     * statement of our own for the password. {@code CreateVirtualMFADevice} is allowed on {@code mfa/*}: the
     * console lets the user name the device, and the other statements still only let a user enable a device
     * on themselves.
     */
    static PolicyDocument mfaPolicy() {
        String self = "arn:aws:iam::*:user/${aws:username}";
        return PolicyDocument.of(
                Statement.allow("iam:ListUsers", "iam:ListVirtualMFADevices").on("*")
                        .withSid("AllowListActions"),
                Statement.allow("iam:CreateVirtualMFADevice").on("arn:aws:iam::*:mfa/*")
                        .withSid("AllowUserToCreateVirtualMFADevice"),
                Statement.allow("iam:EnableMFADevice", "iam:GetMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice")
                        .on(self).withSid("AllowUserToManageTheirOwnMFA"),
                Statement.allow("iam:DeactivateMFADevice").on(self)
                        .when("Bool", "aws:MultiFactorAuthPresent", "true")
                        .withSid("AllowUserToDeactivateTheirOwnMFAOnlyWhenUsingMFA"),
                Statement.allow("iam:ChangePassword").on(self)
                        .withSid("AllowUserToChangeTheirOwnPassword"),
                Statement.allow("iam:GetAccountPasswordPolicy").on("*")
                        .withSid("AllowUserToReadThePasswordPolicy"),
                Statement.denyAllExcept(WITHOUT_MFA.toArray(String[]::new)).on("*")
                        .when("BoolIfExists", "aws:MultiFactorAuthPresent", "false")
                        .withSid("BlockMostAccessUnlessSignedInWithMFA"));
    }
}
