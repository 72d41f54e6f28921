package ai.naas.aws.infra.security;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.Statement;
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
 * The team's IAM, per AWS's IAM security best practices and as the seed required: an account password
 * policy, groups for admins, developers and read-only users whose members can do nothing but set up MFA
 * until they sign in with it, and an admin role (what the EKS access entries trust) that only admins
 * holding an MFA session can assume.
 */
public final class AccountSecurity extends ComponentResource {

    /** What a user without an MFA session may still do: manage their own MFA device and password. */
    static final String[] WITHOUT_MFA = {
            "iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:GetMFADevice",
            "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:ResyncMFADevice", "iam:ChangePassword",
            "iam:GetAccountPasswordPolicy", "sts:GetSessionToken"};

    private final Output<String> adminRoleArn;

    public AccountSecurity(String name, AccountSecuritySettings settings, Output<String> accountId,
                           ComponentResourceOptions options) {
        super("naas:infra:AccountSecurity", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        if (settings.managePasswordPolicy()) {
            passwordPolicy(name, child);
        }


        var requireMfa = new Policy(name + "-require-mfa", PolicyArgs.builder()
                .description("Deny everything but MFA self-service until the user signs in with MFA")
                .policy(mfaPolicy().toJson())
                .build(), child);

        var adminRole = new Role(name + "-admin", RoleArgs.builder()
                .name(name + "-admin")
                .description("naas administrators, assumed with MFA; trusted by the EKS access entries")
                .maxSessionDuration(3600)
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                        .by("AWS", accountId.applyValue(id -> "arn:aws:iam::" + id + ":root"))
                        .when("Bool", "aws:MultiFactorAuthPresent", "true")).toJson())
                .build(), child);
        new RolePolicyAttachment(name + "-admin", RolePolicyAttachmentArgs.builder()
                .role(adminRole.name()).policyArn("arn:aws:iam::aws:policy/AdministratorAccess").build(), child);

        var admins = group(name + "-admins", requireMfa, child);
        new GroupPolicy(name + "-admins-assume-admin", GroupPolicyArgs.builder()
                .group(admins.name())
                .policy(PolicyDocument.of(Statement.allow("sts:AssumeRole").on(adminRole.arn())).toJson())
                .build(), child);
        var developers = group(name + "-developers", requireMfa, child);
        readOnly(name + "-developers", developers, child);
        var readers = group(name + "-read-only", requireMfa, child);
        readOnly(name + "-read-only", readers, child);

        this.adminRoleArn = adminRole.arn();
        registerOutputs(Map.of("adminRoleArn", adminRoleArn));
    }

    /** At least 14 characters of all four classes, 24 remembered, 90 days: AWS's IAM best practices. */
    private static void passwordPolicy(String name, CustomResourceOptions child) {
        new AccountPasswordPolicy(name, AccountPasswordPolicyArgs.builder()
                .minimumPasswordLength(14)
                .requireLowercaseCharacters(true)
                .requireUppercaseCharacters(true)
                .requireNumbers(true)
                .requireSymbols(true)
                .passwordReusePrevention(24)
                .maxPasswordAge(90)
                .allowUsersToChangePassword(true)
                .build(), child);
    }

    /** AWS's documented "deny all except listed if no MFA" policy, with the self-service it needs. */
    static PolicyDocument mfaPolicy() {
        return PolicyDocument.of(
                Statement.allow("iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice")
                        .on("arn:aws:iam::*:mfa/${aws:username}").withSid("ManageOwnVirtualMfaDevice"),
                Statement.allow("iam:EnableMFADevice", "iam:GetUser", "iam:GetMFADevice", "iam:ListMFADevices",
                                "iam:ResyncMFADevice", "iam:ChangePassword")
                        .on("arn:aws:iam::*:user/${aws:username}").withSid("ManageOwnMfaAndPassword"),
                Statement.allow("iam:ListVirtualMFADevices", "iam:GetAccountPasswordPolicy").on("*")
                        .withSid("SeeMfaDevicesAndPasswordPolicy"),
                Statement.denyAllExcept(WITHOUT_MFA).on("*")
                        .when("BoolIfExists", "aws:MultiFactorAuthPresent", "false")
                        .withSid("DenyAllExceptListedIfNoMfa"));
    }

    private static Group group(String name, Policy requireMfa, CustomResourceOptions child) {
        var group = new Group(name, GroupArgs.builder().name(name).build(), child);
        new GroupPolicyAttachment(name + "-require-mfa", GroupPolicyAttachmentArgs.builder()
                .group(group.name()).policyArn(requireMfa.arn()).build(), child);
        return group;
    }

    private static void readOnly(String name, Group group, CustomResourceOptions child) {
        new GroupPolicyAttachment(name + "-read-only", GroupPolicyAttachmentArgs.builder()
                .group(group.name()).policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess").build(), child);
    }

    /** The admin role: EKS access entries trust it. */
    public Output<String> adminRoleArn() {
        return adminRoleArn;
    }
}
