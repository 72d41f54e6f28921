package ai.naas.aws.infra.sftp;

import ai.naas.aws.infra.InfraFixture;
import ai.naas.aws.infra.files.SharedFileSystem;
import ai.naas.aws.infra.files.SharedFilesSettings;
import ai.naas.aws.infra.network.NatGateways;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SFTP host as {@link SftpHost} registers it next to the shared file system, planned under the offline engine:
 * what its Auto Scaling group waits for and trusts, and who reaches port 22.
 */
class SftpHostTest {

    private static final List<String> ALLOWED = List.of("198.51.100.0/24", "203.0.113.64/26");
    private static Plan plan;

    @BeforeAll
    static void planTheHostAndItsFileSystem() {
        plan = plan(null);
    }

    static Plan plan(Boolean deletionProtection) {
        return InfraFixture.plan(InfraFixture.network(NatGateways.SINGLE),
                InfraFixture.cluster(List.of()), (ctx, cluster) -> {
                    var subnets = Output.of(List.of("subnet-a", "subnet-b", "subnet-c"));
                    var files = new SharedFileSystem("naas-test-files", new SharedFileSystem.Args(
                            SharedFilesSettings.defaults(), Output.of("vpc-0123456789abcdef0"), subnets, 3,
                            Output.of("arn:aws:kms:eu-west-3:123456789012:key/files")), ComponentResourceOptions.Empty);
                    new SftpHost("naas-test-sftp", new SftpHost.Args(
                            new SftpSettings(ALLOWED, null, List.of(new SftpUser("alice", TestKeys.ED25519)),
                                    deletionProtection),
                            Output.of("vpc-0123456789abcdef0"), subnets, files,
                            Output.of("arn:aws:kms:eu-west-3:123456789012:key/disks"), InfraFixture.BOUNDARY, "test"),
                            ComponentResourceOptions.Empty);
                });
    }

    @Test
    void theGroupWaitsForEveryMountTargetAndTheRuleAdmittingNfsFromTheHost() {
        var group = plan.ofType("aws:autoscaling/group:Group").get(0);
        var mountTargets = plan.ofType("aws:efs/mountTarget:MountTarget");
        var nfsFromHost = plan.resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                "naas-test-files-nfs-from-sftp");

        assertThat(mountTargets).hasSize(3).allSatisfy(target -> assertThat(plan.waitsFor(group, target))
                .as("group waits for %s", target.name()).isTrue());
        assertThat(plan.waitsFor(group, nfsFromHost)).isTrue();
        assertThat(nfsFromHost.requireInput("referencedSecurityGroupId")).isEqualTo(hostGroup().id());
        assertThat(nfsFromHost.requireInput("fromPort")).isEqualTo(2049L);
    }

    @Test
    void theGroupTrustsTheLoadBalancersHealthCheckAfterAGracePeriodLongerThanTheSetup() {
        var group = plan.ofType("aws:autoscaling/group:Group").get(0);
        var targets = plan.ofType("aws:lb/targetGroup:TargetGroup").get(0);

        assertThat(group.requireInput("healthCheckType")).isEqualTo("ELB");
        assertThat(group.requireInput("healthCheckGracePeriod")).isEqualTo((long) SftpHost.HEALTH_CHECK_GRACE_SECONDS);
        assertThat(group.requireInput("minElbCapacity")).isEqualTo(1L);
        assertThat(group.requireInput("targetGroupArns.0")).isEqualTo(targets.output("arn").orElseThrow());
        // The check is sshd's port: sshd listens only after the set-up succeeded (SftpHostOnRealSshdTest,
        // SftpHostSystemdUnitsTest).
        assertThat(targets.requireInput("healthCheck.port")).isEqualTo("22");
    }

    @Test
    void theInternetReachesOnlyTheLoadBalancersGroupAndOnlyFromTheConfiguredNetworks() {
        var balancer = plan.ofType("aws:lb/loadBalancer:LoadBalancer").get(0);
        var balancerGroup = plan.resource("aws:ec2/securityGroup:SecurityGroup", "naas-test-sftp-nlb");

        assertThat(balancer.requireInput("internal")).isEqualTo(false);
        assertThat(balancer.requireInput("securityGroups")).isEqualTo(List.of(balancerGroup.id()));
        assertThat(ingressInto(balancerGroup)).allSatisfy(rule -> assertThat(rule.requireInput("fromPort")).isEqualTo(22L))
                .extracting(rule -> rule.requireInput("cidrIpv4")).containsExactlyInAnyOrderElementsOf(ALLOWED);
        assertThat(egressFrom(balancerGroup)).singleElement()
                .satisfies(rule -> assertThat(rule.requireInput("referencedSecurityGroupId")).isEqualTo(hostGroup().id()))
                .satisfies(rule -> assertThat(rule.requireInput("toPort")).isEqualTo(22L));
    }

    @Test
    void theHostAdmitsPort22FromTheLoadBalancersGroupOnly() {
        var balancerGroup = plan.resource("aws:ec2/securityGroup:SecurityGroup", "naas-test-sftp-nlb");

        assertThat(ingressInto(hostGroup())).singleElement()
                .satisfies(rule -> assertThat(rule.requireInput("referencedSecurityGroupId")).isEqualTo(balancerGroup.id()))
                .satisfies(rule -> assertThat(rule.input("cidrIpv4")).isEmpty())
                .satisfies(rule -> assertThat(rule.requireInput("fromPort")).isEqualTo(22L));
    }

    @Test
    void theLoadBalancerIsProtectedFromDeletionUnlessTheStackSaysOtherwise() {
        assertThat(plan.ofType("aws:lb/loadBalancer:LoadBalancer").get(0).requireInput("enableDeletionProtection"))
                .isEqualTo(true);
        assertThat(plan(false).ofType("aws:lb/loadBalancer:LoadBalancer").get(0).requireInput("enableDeletionProtection"))
                .isEqualTo(false);
    }

    private static PlannedResource hostGroup() {
        return plan.resource("aws:ec2/securityGroup:SecurityGroup", "naas-test-sftp");
    }

    private static List<PlannedResource> ingressInto(PlannedResource group) {
        return plan.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").stream()
                .filter(rule -> group.id().equals(rule.requireInput("securityGroupId"))).toList();
    }

    private static List<PlannedResource> egressFrom(PlannedResource group) {
        return plan.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").stream()
                .filter(rule -> group.id().equals(rule.requireInput("securityGroupId"))).toList();
    }
}
