package ai.naas.aws.infra.files;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.efs.BackupPolicy;
import com.pulumi.aws.efs.BackupPolicyArgs;
import com.pulumi.aws.efs.FileSystem;
import com.pulumi.aws.efs.FileSystemArgs;
import com.pulumi.aws.efs.FileSystemPolicy;
import com.pulumi.aws.efs.FileSystemPolicyArgs;
import com.pulumi.aws.efs.MountTarget;
import com.pulumi.aws.efs.MountTargetArgs;
import com.pulumi.aws.efs.inputs.BackupPolicyBackupPolicyArgs;
import com.pulumi.aws.efs.inputs.FileSystemLifecyclePolicyArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The EFS file system shared by Jupyter (home directories) and the SFTP host (uploads): encrypted with the
 * stack's file-system key, backed up by AWS Backup, a mount target in each private subnet, NFS reachable
 * only from the clients given with {@link #allowNfsFrom}, and, once {@link #admitOnly} is called, a file-system
 * policy that refuses connections without TLS and every client but the given roles.
 */
public final class SharedFileSystem extends ComponentResource {

    /** How throughput is provisioned: elastic, so no burst credits to run out of (alarms watch the I/O limit). */
    public static final String THROUGHPUT_MODE = "elastic";

    /** NFS. */
    public static final int NFS_PORT = 2049;

    /** What the admitted clients may do: mount, write, and act as root (they create and chown homes). */
    public static final List<String> CLIENT_ACTIONS = List.of("elasticfilesystem:ClientMount",
            "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess");

    private final String name;
    private final Output<String> fileSystemId;
    private final Output<String> fileSystemArn;
    private final Output<String> securityGroupId;
    private final SharedFilesSettings settings;
    private final List<MountTarget> mountTargets;

    /**
     * @param args the settings, the VPC and subnets of its mount targets, and its key
     */
    public SharedFileSystem(String name, Args args, ComponentResourceOptions options) {
        super("naas:infra:SharedFileSystem", name, options);
        this.name = name;
        this.settings = args.settings();
        var child = CustomResourceOptions.builder().parent(this).build();

        var fileSystem = new FileSystem(name, FileSystemArgs.builder()
                .encrypted(true)
                .kmsKeyId(args.keyArn())
                .performanceMode("generalPurpose")
                .throughputMode(THROUGHPUT_MODE)
                .lifecyclePolicies(FileSystemLifecyclePolicyArgs.builder().transitionToIa("AFTER_30_DAYS").build(),
                        FileSystemLifecyclePolicyArgs.builder().transitionToPrimaryStorageClass("AFTER_1_ACCESS").build())
                .tags(Map.of("Name", name))
                .build(), CustomResourceOptions.builder().parent(this).protect(true).build());
        new BackupPolicy(name, BackupPolicyArgs.builder()
                .fileSystemId(fileSystem.id())
                .backupPolicy(BackupPolicyBackupPolicyArgs.builder().status("ENABLED").build())
                .build(), child);

        var group = new SecurityGroup(name + "-nfs", SecurityGroupArgs.builder()
                .vpcId(args.vpcId())
                .description("NFS to the shared file system, from its clients only")
                .tags(Map.of("Name", name + "-nfs"))
                .build(), child);
        var targets = new ArrayList<MountTarget>();
        for (int i = 0; i < args.zoneCount(); i++) {
            int zone = i;
            targets.add(new MountTarget(name + "-" + i, MountTargetArgs.builder()
                    .fileSystemId(fileSystem.id())
                    .subnetId(args.privateSubnetIds().applyValue(ids -> ids.get(zone)))
                    .securityGroups(group.id().applyValue(List::of))
                    .build(), child));
        }
        // A restored file system (naas:sharedFiles.restoreFrom) is read by id, not created: AWS Backup made
        // it. It gets mount targets of its own in the same subnets and security group (clients that wait for
        // mount targets wait for these too); the file system above keeps its inputs, so Pulumi leaves it and
        // its data alone.
        var live = settings.restore().map(restore -> {
            var restored = FileSystem.get(name + "-restored", Output.of(restore.fileSystemId()), null, child);
            for (int i = 0; i < args.zoneCount(); i++) {
                int zone = i;
                targets.add(new MountTarget(name + "-restored-" + i, MountTargetArgs.builder()
                        .fileSystemId(restored.id())
                        .subnetId(args.privateSubnetIds().applyValue(ids -> ids.get(zone)))
                        .securityGroups(group.id().applyValue(List::of))
                        .build(), child));
            }
            return restored;
        }).orElse(fileSystem);
        this.mountTargets = List.copyOf(targets);
        this.fileSystemId = live.id();
        this.fileSystemArn = live.arn();
        this.securityGroupId = group.id();
        registerOutputs(Map.of("fileSystemId", fileSystemId, "securityGroupId", securityGroupId));
    }

    /**
     * Lets one client security group (the nodes, the SFTP host) reach NFS; no one else can.
     *
     * @return the rule: a client that mounts at boot waits for it, and for {@link #mountTargets()}
     */
    public SecurityGroupIngressRule allowNfsFrom(String client, Output<String> clientSecurityGroupId) {
        return new SecurityGroupIngressRule(name + "-nfs-from-" + client, SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(securityGroupId)
                .referencedSecurityGroupId(clientSecurityGroupId)
                .ipProtocol("tcp").fromPort(NFS_PORT).toPort(NFS_PORT)
                .description("NFS from " + client)
                .build(), CustomResourceOptions.builder().parent(this).build());
    }

    /**
     * Gives the file system its policy: connections without TLS are refused, and only {@code clientRoleArns}
     * (the EFS CSI driver's role, the SFTP host's) may mount it, write to it and act as root on it, through a
     * mount target. Any other client, an NFS mount without {@code iam} (anonymous to EFS) included, is refused.
     *
     * <p>Root access is granted because both clients need it: the SFTP set-up creates and chowns home
     * directories, and so does JupyterHub's home init container, which the CSI driver's mount serves.
     * The roles must exist before the policy (EFS checks its principals), so the policy is a resource of its own,
     * registered once every client's role is: the CSI driver's role is made by the platform, after the file system.
     *
     * @param clientRoleArns the ARNs of the roles whose IAM-authorised mounts are admitted, at least one
     * @return the policy, a child of this component
     */
    public FileSystemPolicy admitOnly(List<Output<String>> clientRoleArns) {
        if (clientRoleArns.isEmpty()) {
            throw new IllegalArgumentException("a file system policy must admit at least one client role");
        }
        return new FileSystemPolicy(name, FileSystemPolicyArgs.builder()
                .fileSystemId(fileSystemId)
                .policy(policy(fileSystemArn, clientRoleArns))
                .build(), CustomResourceOptions.builder().parent(this).build());
    }

    /** The policy {@link #admitOnly} gives the file system. */
    static Output<String> policy(Output<String> fileSystemArn, List<Output<String>> clientRoleArns) {
        return PolicyDocument.of(
                Statement.deny("*").withSid("RefuseConnectionsWithoutTls").by("AWS", "*").on(fileSystemArn)
                        .when("Bool", "aws:SecureTransport", "false"),
                Statement.allow(CLIENT_ACTIONS.toArray(String[]::new)).withSid("AdmitTheClientRoles")
                        .by("AWS", List.copyOf(clientRoleArns)).on(fileSystemArn)
                        .when("Bool", "elasticfilesystem:AccessedViaMountTarget", "true")).toJson();
    }

    /** The mount targets, one per private subnet: a client that mounts at boot waits for them. */
    public List<MountTarget> mountTargets() {
        return mountTargets;
    }

    public Output<String> fileSystemId() {
        return fileSystemId;
    }

    /** The file system's ARN, for IAM policies of its clients. */
    public Output<String> fileSystemArn() {
        return fileSystemArn;
    }

    public Output<String> securityGroupId() {
        return securityGroupId;
    }

    /** Who owns the home directories. */
    public SharedFilesSettings settings() {
        return settings;
    }

    /**
     * What the file system is built from.
     *
     * @param settings         who owns the home directories ({@code naas:sharedFiles})
     * @param vpcId            the VPC
     * @param privateSubnetIds the private subnets, one mount target in each of the first {@code zoneCount}
     * @param zoneCount        how many zones (and so mount targets) the network has
     * @param keyArn           the KMS key for data at rest
     */
    public record Args(SharedFilesSettings settings, Output<String> vpcId, Output<List<String>> privateSubnetIds,
                       int zoneCount, Output<String> keyArn) {
        public Args {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(vpcId, "vpcId");
            Objects.requireNonNull(privateSubnetIds, "privateSubnetIds");
            Objects.requireNonNull(keyArn, "keyArn");
            if (zoneCount < 1) {
                throw new IllegalArgumentException("zoneCount must be at least 1, got " + zoneCount);
            }
        }
    }
}
