package ai.naas.aws.infra.backup;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.RoleBoundary;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.backup.Plan;
import com.pulumi.aws.backup.PlanArgs;
import com.pulumi.aws.backup.Selection;
import com.pulumi.aws.backup.SelectionArgs;
import com.pulumi.aws.backup.Vault;
import com.pulumi.aws.backup.VaultArgs;
import com.pulumi.aws.backup.VaultLockConfiguration;
import com.pulumi.aws.backup.VaultLockConfigurationArgs;
import com.pulumi.aws.backup.inputs.PlanRuleArgs;
import com.pulumi.aws.backup.inputs.PlanRuleLifecycleArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Backups the stack can restore from: an AWS Backup vault encrypted with the stack's backups key (locked
 * when {@code naas:backup.lockVault}), a daily plan keeping each recovery point {@code retentionDays}, and a
 * selection of exactly two resources by ARN, the shared file system and the database the apps use.
 *
 * <p>Selecting by ARN, not by tag, means nothing else in the account is backed up by this plan and
 * nothing of the stack silently falls out of it; a restored database or file system is the one selected.
 * The vault is protected: deleting it would delete every recovery point.
 */
public final class StackBackups extends ComponentResource {

    /** AWS's managed policies for the role AWS Backup works as. */
    public static final List<String> SERVICE_POLICIES = List.of(
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
            "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores");

    private final Output<String> vaultName;
    private final Output<String> planId;

    /**
     * @param name the stack's base name, e.g. {@code naas-prod}: the vault and plan are {@code <name>-backups}
     * @param args what is backed up, how long, and the key
     */
    public StackBackups(String name, Args args, ComponentResourceOptions options) {
        super("naas:infra:StackBackups", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var settings = args.settings();

        var vault = new Vault(name, VaultArgs.builder()
                .name(name)
                .kmsKeyArn(args.keyArn())
                .build(), CustomResourceOptions.builder().parent(this).protect(true).build());
        if (settings.lockVault()) {
            new VaultLockConfiguration(name, VaultLockConfigurationArgs.builder()
                    .backupVaultName(vault.name())
                    .minRetentionDays(settings.retentionDays())
                    .changeableForDays(settings.lockGraceDays())
                    .build(), CustomResourceOptions.builder().parent(this).protect(true).build());
        }

        var role = args.boundary().role(name, RoleArgs.builder()
                .description("AWS Backup backs up and restores the stack's file system and database")
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                        .by("Service", "backup.amazonaws.com")).toJson())
                .build(), child);
        var roleReady = new ArrayList<Resource>();
        for (String policy : SERVICE_POLICIES) {
            roleReady.add(new RolePolicyAttachment(name + "-" + policy.substring(policy.lastIndexOf('/') + 1),
                    RolePolicyAttachmentArgs.builder().role(role.name()).policyArn(policy).build(), child));
        }

        var plan = new Plan(name, PlanArgs.builder()
                .name(name)
                .rules(PlanRuleArgs.builder()
                        .ruleName("daily")
                        .targetVaultName(vault.name())
                        .schedule(settings.schedule())
                        .startWindow(60)
                        .completionWindow(360)
                        .lifecycle(PlanRuleLifecycleArgs.builder().deleteAfter(settings.retentionDays()).build())
                        .build())
                .build(), child);
        new Selection(name, SelectionArgs.builder()
                .name(name)
                .planId(plan.id())
                .iamRoleArn(role.arn())
                .resources(Output.all(args.fileSystemArn(), args.databaseArn()))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(roleReady).build());

        this.vaultName = vault.name();
        this.planId = plan.id();
        registerOutputs(Map.of("vaultName", vaultName, "planId", planId));
    }

    /** The vault, where restores start from. */
    public Output<String> vaultName() {
        return vaultName;
    }

    public Output<String> planId() {
        return planId;
    }

    /**
     * What is backed up.
     *
     * @param settings      {@code naas:backup}
     * @param keyArn        the stack's backups KMS key
     * @param fileSystemArn the shared file system the apps use
     * @param databaseArn   the RDS instance the apps use
     */
    public record Args(BackupSettings settings, Output<String> keyArn, Output<String> fileSystemArn,
                       Output<String> databaseArn, RoleBoundary boundary) {
        public Args {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(keyArn, "keyArn");
            Objects.requireNonNull(fileSystemArn, "fileSystemArn");
            Objects.requireNonNull(databaseArn, "databaseArn");
            Objects.requireNonNull(boundary, "boundary");
        }
    }
}
