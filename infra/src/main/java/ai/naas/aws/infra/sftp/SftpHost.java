package ai.naas.aws.infra.sftp;

import ai.naas.aws.support.Outputs;
import ai.naas.aws.infra.files.SharedFileSystem;
import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.RoleBoundary;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.autoscaling.Group;
import com.pulumi.aws.autoscaling.GroupArgs;
import com.pulumi.aws.autoscaling.inputs.GroupInstanceRefreshArgs;
import com.pulumi.aws.autoscaling.inputs.GroupInstanceRefreshPreferencesArgs;
import com.pulumi.aws.autoscaling.inputs.GroupLaunchTemplateArgs;
import com.pulumi.aws.autoscaling.inputs.GroupTagArgs;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateIamInstanceProfileArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateNetworkInterfaceArgs;
import com.pulumi.aws.iam.InstanceProfile;
import com.pulumi.aws.iam.InstanceProfileArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.lb.Listener;
import com.pulumi.aws.lb.ListenerArgs;
import com.pulumi.aws.lb.LoadBalancer;
import com.pulumi.aws.lb.LoadBalancerArgs;
import com.pulumi.aws.lb.TargetGroup;
import com.pulumi.aws.lb.TargetGroupArgs;
import com.pulumi.aws.lb.inputs.ListenerDefaultActionArgs;
import com.pulumi.aws.lb.inputs.TargetGroupHealthCheckArgs;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupEgressRuleArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The SFTP host, outside the cluster as in the seed: one instance kept alive by an Auto Scaling group
 * across the three public subnets, behind a network load balancer that gives it a stable address. The
 * instance requires IMDSv2, encrypts its disk, reaches EFS with IAM over TLS, is operated through SSM
 * (SSH is for SFTP users only), and configures itself from the user-data {@link SftpHostSetup} generates.
 *
 * <p>The configured networks reach only the load balancer's security group; the host admits port 22 from that
 * group alone. The group waits for the file system's mount targets and NFS rule, since the instance mounts EFS
 * at boot; sshd serves only once the set-up has succeeded, so a host without its users fails the load
 * balancer's health check and the group, which trusts that check, replaces it.
 */
public final class SftpHost extends ComponentResource {

    /** Amazon Linux 2023, resolved by EC2 at launch: no AMI lookup in the program. */
    static final String AMI = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
    private static final int SSH = 22;

    /** Longer than a boot: package installs plus every EFS mount attempt of the set-up (about 3 minutes). */
    static final int HEALTH_CHECK_GRACE_SECONDS = 600;

    private final Output<String> securityGroupId;
    private final Output<String> balancerSecurityGroupId;
    private final Output<String> roleArn;
    private final Output<String> address;
    private final Output<String> loadBalancerArnSuffix;
    private final Output<String> targetGroupArnSuffix;

    /**
     * @param args the settings, the network it runs in, the file system it serves, its disk key
     */
    public SftpHost(String name, Args args, ComponentResourceOptions options) {
        super("naas:infra:SftpHost", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var settings = args.settings();

        // Two security groups: the internet reaches only the load balancer's (which can only be given one at
        // creation), and the host is reached only from the load balancer, health checks included.
        var balancerGroup = new SecurityGroup(name + "-nlb", SecurityGroupArgs.builder()
                .vpcId(args.vpcId())
                .description("SFTP load balancer: port 22 from the configured networks")
                .tags(Map.of("Name", name + "-nlb"))
                .build(), child);
        var group = new SecurityGroup(name, SecurityGroupArgs.builder()
                .vpcId(args.vpcId())
                .description("SFTP host: port 22 from its load balancer only")
                .tags(Map.of("Name", name))
                .build(), child);
        for (String cidr : settings.allowedCidrs()) {
            new SecurityGroupIngressRule(name + "-sftp-from-" + cidr.replace('/', '-'), SecurityGroupIngressRuleArgs.builder()
                    .securityGroupId(balancerGroup.id()).cidrIpv4(cidr)
                    .ipProtocol("tcp").fromPort(SSH).toPort(SSH)
                    .description("SFTP from " + cidr)
                    .build(), child);
        }
        new SecurityGroupEgressRule(name + "-nlb-to-host", SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(balancerGroup.id()).referencedSecurityGroupId(group.id())
                .ipProtocol("tcp").fromPort(SSH).toPort(SSH)
                .description("SFTP and health checks to the host")
                .build(), child);
        new SecurityGroupIngressRule(name + "-sftp-from-nlb", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(group.id()).referencedSecurityGroupId(balancerGroup.id())
                .ipProtocol("tcp").fromPort(SSH).toPort(SSH)
                .description("SFTP and health checks from the load balancer")
                .build(), child);
        new SecurityGroupEgressRule(name + "-egress", SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(group.id()).cidrIpv4("0.0.0.0/0").ipProtocol("-1")
                .description("package repositories, SSM, EFS")
                .build(), child);
        // NFS to the file system from this host: the instance mounts it at boot, so the group waits for the rule.
        var nfs = args.files().allowNfsFrom("sftp", group.id());

        var role = args.boundary().role(name, RoleArgs.builder()
                .description("the SFTP host: EFS client and SSM, nothing else")
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                        .by("Service", "ec2.amazonaws.com")).toJson())
                .build(), child);
        new RolePolicyAttachment(name + "-ssm", RolePolicyAttachmentArgs.builder()
                .role(role.name()).policyArn("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore").build(), child);
        // Root access: the set-up script creates and chowns home directories on the file system.
        new RolePolicy(name + "-efs", RolePolicyArgs.builder()
                .role(role.id())
                .policy(PolicyDocument.of(Statement.allow("elasticfilesystem:ClientMount",
                                "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess")
                        .on(args.files().fileSystemArn())).toJson())
                .build(), child);
        var profile = new InstanceProfile(name, InstanceProfileArgs.builder().role(role.name()).build(), child);

        var owner = args.files().settings();
        var setup = new SftpHostSetup(settings.users(), owner.notebookUid(), owner.notebookGid(), null);
        var template = new LaunchTemplate(name, LaunchTemplateArgs.builder()
                .description("naas SFTP host")
                .imageId(AMI)
                .instanceType(settings.instanceType())
                .updateDefaultVersion(true)
                .iamInstanceProfile(LaunchTemplateIamInstanceProfileArgs.builder().arn(profile.arn()).build())
                .metadataOptions(LaunchTemplateMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled").httpTokens("required").httpPutResponseHopLimit(1).build())
                .networkInterfaces(LaunchTemplateNetworkInterfaceArgs.builder()
                        // A public address for egress from the public subnet; clients come through the load balancer.
                        .associatePublicIpAddress("true")
                        .securityGroups(group.id().applyValue(List::of))
                        .deleteOnTermination("true")
                        .build())
                .blockDeviceMappings(LaunchTemplateBlockDeviceMappingArgs.builder()
                        .deviceName("/dev/xvda")
                        .ebs(LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                .volumeSize(20).volumeType("gp3").encrypted("true").kmsKeyId(args.diskKeyArn())
                                .deleteOnTermination("true").build())
                        .build())
                .userData(args.files().fileSystemId().applyValue(id -> Base64.getEncoder()
                        .encodeToString(setup.userData(id).getBytes(StandardCharsets.UTF_8))))
                .build(), child);

        var targets = new TargetGroup(name, TargetGroupArgs.builder()
                .vpcId(args.vpcId())
                .port(SSH).protocol("TCP").targetType("instance")
                // sshd listens only once the set-up has succeeded (see SftpHostSetup): a host without its users
                // fails this check, and the Auto Scaling group replaces it.
                .healthCheck(TargetGroupHealthCheckArgs.builder().protocol("TCP").port(String.valueOf(SSH)).build())
                .build(), child);
        var balancer = new LoadBalancer(name, LoadBalancerArgs.builder()
                .loadBalancerType("network")
                .internal(false)
                .subnets(args.publicSubnetIds())
                .securityGroups(balancerGroup.id().applyValue(List::of))
                .enableCrossZoneLoadBalancing(true)
                // Users have configured its DNS name: losing it is an outage for every partner.
                .enableDeletionProtection(settings.deletionProtection())
                .build(), child);
        new Listener(name, ListenerArgs.builder()
                .loadBalancerArn(balancer.arn())
                .port(SSH).protocol("TCP")
                .defaultActions(ListenerDefaultActionArgs.builder().type("forward").targetGroupArn(targets.arn()).build())
                .build(), child);

        new Group(name, GroupArgs.builder()
                .minSize(1).maxSize(1).desiredCapacity(1)
                .vpcZoneIdentifiers(args.publicSubnetIds())
                .launchTemplate(GroupLaunchTemplateArgs.builder()
                        .id(template.id()).version(template.latestVersion().applyValue(String::valueOf)).build())
                .targetGroupArns(targets.arn().applyValue(List::of))
                // The load balancer's health check decides: an instance whose set-up failed (sshd stopped) is
                // replaced once the grace period, longer than a boot with every mount retry, is over.
                .healthCheckType("ELB")
                .healthCheckGracePeriod(HEALTH_CHECK_GRACE_SECONDS)
                // On creation, pulumi up waits until the host passes the load balancer's check.
                .minElbCapacity(1)
                .waitForCapacityTimeout("15m")
                // A new launch template version (users changed) replaces the instance.
                // The provider's default tags do not reach an Auto Scaling group: it carries naas:stack itself, and
                // hands it to its instance, so that the other stacks' permissions boundaries refuse both.
                .tags(GroupTagArgs.builder().key(RoleBoundary.STACK_TAG).value(args.stack()).propagateAtLaunch(true).build())
                .instanceRefresh(GroupInstanceRefreshArgs.builder().strategy("Rolling")
                        .preferences(GroupInstanceRefreshPreferencesArgs.builder().minHealthyPercentage(0).build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this)
                // The instance mounts EFS at boot: the mount targets and the NFS rule must exist by then.
                .dependsOn(Outputs.<Resource>concat(args.files().mountTargets(), List.of(nfs)))
                .build());

        this.securityGroupId = group.id();
        this.balancerSecurityGroupId = balancerGroup.id();
        this.roleArn = role.arn();
        this.address = balancer.dnsName();
        this.loadBalancerArnSuffix = balancer.arnSuffix();
        this.targetGroupArnSuffix = targets.arnSuffix();
        registerOutputs(Map.of("securityGroupId", securityGroupId, "address", address));
    }

    /** The host's security group: the file system lets it reach NFS. */
    public Output<String> securityGroupId() {
        return securityGroupId;
    }

    /** The load balancer's security group: the only one the configured networks reach. */
    public Output<String> balancerSecurityGroupId() {
        return balancerSecurityGroupId;
    }

    /** The instance role, which mounts the file system with IAM: the file-system policy admits it. */
    public Output<String> roleArn() {
        return roleArn;
    }

    /** The stable address users connect to. */
    public Output<String> address() {
        return address;
    }

    /** The load balancer's ARN suffix, its CloudWatch dimension ({@code net/<name>/<id>}). */
    public Output<String> loadBalancerArnSuffix() {
        return loadBalancerArnSuffix;
    }

    /** The target group's ARN suffix, its CloudWatch dimension ({@code targetgroup/<name>/<id>}). */
    public Output<String> targetGroupArnSuffix() {
        return targetGroupArnSuffix;
    }

    /**
     * What the SFTP host is built from.
     *
     * @param settings        users, allowed networks, instance type, deletion protection ({@code naas:sftp})
     * @param vpcId           the VPC
     * @param publicSubnetIds the three public subnets
     * @param files           the shared file system it serves: its id, ARN, mount targets, NFS rule and the
     *                        notebook uid/gid that owns uploads
     * @param diskKeyArn      the KMS key for its root volume
     * @param boundary        the stack's permissions boundary, on the host's role
     * @param stack           the stack's name, tagged {@code naas:stack} on the Auto Scaling group and its instance
     */
    public record Args(
            SftpSettings settings,
            Output<String> vpcId,
            Output<List<String>> publicSubnetIds,
            SharedFileSystem files,
            Output<String> diskKeyArn,
            RoleBoundary boundary,
            String stack) {
        public Args {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(vpcId, "vpcId");
            Objects.requireNonNull(publicSubnetIds, "publicSubnetIds");
            Objects.requireNonNull(files, "files");
            Objects.requireNonNull(diskKeyArn, "diskKeyArn");
            Objects.requireNonNull(boundary, "boundary");
            Objects.requireNonNull(stack, "stack");
        }
    }
}
