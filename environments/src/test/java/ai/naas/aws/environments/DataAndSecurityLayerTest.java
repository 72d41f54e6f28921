package ai.naas.aws.environments;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared file system, the database and the stack's admin role, as the dev and prod stacks deploy them.
 */
@SuppressWarnings("unchecked")
class DataAndSecurityLayerTest {

    private static Set<String> privateSubnetIds(Plan plan) {
        return plan.ofType("aws:ec2/subnet:Subnet").stream().filter(s -> s.name().contains("-private-"))
                .map(PlannedResource::id).collect(Collectors.toSet());
    }

    private static String nodeSecurityGroup(Plan plan) {
        return (String) plan.ofType("aws:eks/cluster:Cluster").get(0).output("vpcConfig.clusterSecurityGroupId").orElseThrow();
    }

    private static Object keyArn(Plan plan, String purpose) {
        var key = plan.ofType("aws:kms/key:Key").stream().filter(k -> k.name().endsWith(purpose)).findFirst().orElseThrow();
        assertThat(key.requireInput("enableKeyRotation")).isEqualTo(true);
        return key.output("arn").orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theFileSystemIsEncryptedWithItsKeyBackedUpAndMountedInTheThreePrivateSubnets(String stack) {
        var plan = StackPlans.of(stack);
        var fs = plan.ofType("aws:efs/fileSystem:FileSystem").get(0);
        assertThat(fs.requireInput("encrypted")).isEqualTo(true);
        assertThat(fs.requireInput("kmsKeyId")).isEqualTo(keyArn(plan, "file-system"));
        assertThat(fs.protect()).isTrue();
        assertThat(plan.ofType("aws:efs/backupPolicy:BackupPolicy").get(0).requireInput("backupPolicy.status")).isEqualTo("ENABLED");
        assertThat(plan.ofType("aws:efs/mountTarget:MountTarget")).extracting(m -> m.requireInput("subnetId"))
                .containsExactlyInAnyOrderElementsOf(privateSubnetIds(plan));
    }

    private static String sftpSecurityGroup(Plan plan) {
        return plan.ofType("aws:ec2/securityGroup:SecurityGroup").stream()
                .filter(g -> g.name().endsWith("-sftp")).findFirst().orElseThrow().id();
    }

    private static List<PlannedResource> rulesInto(Plan plan, Object groupId) {
        return plan.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").stream()
                .filter(r -> groupId.equals(r.requireInput("securityGroupId"))).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void nfsIsReachableFromTheNodesAndTheSftpHostOnly(String stack) {
        var plan = StackPlans.of(stack);
        var nfsGroup = plan.ofType("aws:efs/mountTarget:MountTarget").get(0).requireInput("securityGroups.0");
        var into = rulesInto(plan, nfsGroup);
        assertThat(into).allSatisfy(r -> {
            assertThat(r.input("cidrIpv4")).as("no CIDR-wide access").isEmpty();
            assertThat(r.requireInput("fromPort")).isEqualTo(2049L);
        });
        assertThat(into).extracting(r -> r.requireInput("referencedSecurityGroupId"))
                .containsExactlyInAnyOrder(nodeSecurityGroup(plan), sftpSecurityGroup(plan));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void postgresIsReachableFromTheNodesOnly(String stack) {
        var plan = StackPlans.of(stack);
        var dbGroup = plan.ofType("aws:rds/instance:Instance").get(0).requireInput("vpcSecurityGroupIds.0");
        assertThat(rulesInto(plan, dbGroup)).singleElement().satisfies(r -> {
            assertThat(r.requireInput("referencedSecurityGroupId")).isEqualTo(nodeSecurityGroup(plan));
            assertThat(r.requireInput("fromPort")).isEqualTo(5432L);
            assertThat(r.input("cidrIpv4")).isEmpty();
        });
    }

    @Test
    void theSftpHostHealsItselfInThePublicSubnetsBehindAStableAddress() {
        var plan = StackPlans.of("prod");
        var group = plan.ofType("aws:autoscaling/group:Group").get(0);
        assertThat(group.requireInput("minSize")).isEqualTo(1L);
        assertThat(group.requireInput("maxSize")).isEqualTo(1L);
        var publicSubnets = plan.ofType("aws:ec2/subnet:Subnet").stream().filter(s -> s.name().contains("-public-"))
                .map(PlannedResource::id).toList();
        assertThat((List<Object>) group.requireInput("vpcZoneIdentifiers")).containsExactlyInAnyOrderElementsOf(publicSubnets);
        var balancer = plan.ofType("aws:lb/loadBalancer:LoadBalancer").get(0);
        assertThat(balancer.requireInput("loadBalancerType")).isEqualTo("network");
        assertThat(plan.outputs().get("sftpAddress")).isEqualTo(balancer.output("dnsName").orElseThrow());
    }

    @Test
    void port22IsOpenOnlyToTheConfiguredNetworksOnTheLoadBalancerAndOnTheHostOnlyFromTheLoadBalancer() {
        var plan = StackPlans.of("prod");
        var balancerGroup = plan.ofType("aws:lb/loadBalancer:LoadBalancer").get(0).requireInput("securityGroups.0");
        assertThat(rulesInto(plan, balancerGroup)).allSatisfy(r -> assertThat(r.requireInput("fromPort")).isEqualTo(22L))
                .extracting(r -> r.requireInput("cidrIpv4"))
                .containsExactlyInAnyOrder("198.51.100.0/24", "203.0.113.64/26");
        assertThat(rulesInto(plan, sftpSecurityGroup(plan))).singleElement()
                .satisfies(r -> assertThat(r.requireInput("fromPort")).isEqualTo(22L))
                .satisfies(r -> assertThat(r.input("cidrIpv4")).isEmpty())
                .satisfies(r -> assertThat(r.requireInput("referencedSecurityGroupId")).isEqualTo(balancerGroup));
    }

    @Test
    void theSftpHostRequiresImdsV2EncryptsItsDiskAndSetsItselfUpFromStackConfig() {
        var plan = StackPlans.of("prod");
        var template = plan.ofType("aws:ec2/launchTemplate:LaunchTemplate").stream()
                .filter(t -> t.name().endsWith("-sftp")).findFirst().orElseThrow();
        assertThat(template.requireInput("metadataOptions.httpTokens")).isEqualTo("required");
        assertThat(template.requireInput("blockDeviceMappings.0.ebs.encrypted")).isEqualTo("true");
        assertThat(template.requireInput("blockDeviceMappings.0.ebs.kmsKeyId")).isEqualTo(keyArn(plan, "disks"));
        var userData = new String(java.util.Base64.getDecoder().decode((String) template.requireInput("userData")));
        var fileSystemId = plan.ofType("aws:efs/fileSystem:FileSystem").get(0).id();
        assertThat(userData).contains("efs_source=" + fileSystemId + ":/", "mount -t efs -o tls,iam \"$efs_source\"",
                "alice", "partneretl", "ForceCommand internal-sftp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theFileSystemAdmitsOnlyTheSftpHostsAndTheEfsCsiDriversRolesOverTls(String stack) throws Exception {
        var plan = StackPlans.of(stack);
        var fileSystemPolicy = plan.ofType("aws:efs/fileSystemPolicy:FileSystemPolicy");
        assertThat(fileSystemPolicy).hasSize(1);
        JsonNode document = new ObjectMapper().readTree((String) fileSystemPolicy.get(0).requireInput("policy"));
        var sftpRole = plan.resource("aws:iam/role:Role", "naas-" + stack + "-sftp").output("arn").orElseThrow();
        var csiAddOn = plan.ofType("aws:eks/addon:Addon").stream()
                .filter(a -> "aws-efs-csi-driver".equals(a.requireInput("addonName"))).findFirst().orElseThrow();
        var admitted = new java.util.ArrayList<String>();
        for (JsonNode statement : document.path("Statement")) {
            if (statement.path("Effect").asText().equals("Allow")) {
                statement.path("Principal").path("AWS").forEach(arn -> admitted.add(arn.asText()));
            } else {
                assertThat(statement.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
            }
        }
        assertThat(admitted).containsExactlyInAnyOrder((String) sftpRole, (String) csiAddOn.requireInput("serviceAccountRoleArn"));
        assertThat(fileSystemPolicy.get(0).requireInput("fileSystemId"))
                .isEqualTo(plan.ofType("aws:efs/fileSystem:FileSystem").get(0).id());
    }

    @Test
    void theSftpHostsRoleMayOnlyMountTheFileSystemAndTalkToSsm() throws Exception {
        var plan = StackPlans.of("prod");
        var policy = plan.resources().stream().filter(r -> r.type().equals("aws:iam/rolePolicy:RolePolicy")
                && r.name().endsWith("-sftp-efs")).findFirst().orElseThrow();
        JsonNode statement = new ObjectMapper().readTree((String) policy.requireInput("policy")).path("Statement").get(0);
        assertThat(statement.path("Action").toString()).contains("elasticfilesystem:ClientMount").doesNotContain("*");
        assertThat(statement.path("Resource").asText())
                .isEqualTo(plan.ofType("aws:efs/fileSystem:FileSystem").get(0).output("arn").orElseThrow());
        assertThat(plan.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
                .filter(a -> a.name().startsWith("naas-prod-sftp")).map(a -> a.requireInput("policyArn")))
                .containsExactly("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theDatabaseIsPrivateEncryptedBackedUpProtectedAndForcesTls(String stack) {
        var plan = StackPlans.of(stack);
        var db = plan.ofType("aws:rds/instance:Instance").get(0);
        assertThat(db.requireInput("publiclyAccessible")).isEqualTo(false);
        assertThat(db.requireInput("storageEncrypted")).isEqualTo(true);
        assertThat(db.requireInput("kmsKeyId")).isEqualTo(keyArn(plan, "database"));
        assertThat((Long) db.requireInput("backupRetentionPeriod")).isGreaterThanOrEqualTo(7L);
        assertThat(db.requireInput("deletionProtection")).isEqualTo(true);
        assertThat(db.requireInput("skipFinalSnapshot")).isEqualTo(false);
        assertThat(db.input("finalSnapshotIdentifier")).isPresent();
        assertThat(db.requireInput("manageMasterUserPassword")).isEqualTo(true);
        assertThat(db.input("password")).as("no password in the program").isEmpty();
        assertThat(db.requireInput("performanceInsightsEnabled")).isEqualTo(true);
        assertThat(db.protect()).isTrue();
        var subnetGroup = plan.ofType("aws:rds/subnetGroup:SubnetGroup").get(0);
        assertThat((List<Object>) subnetGroup.requireInput("subnetIds")).containsExactlyInAnyOrderElementsOf(privateSubnetIds(plan));
        var parameters = plan.ofType("aws:rds/parameterGroup:ParameterGroup").get(0);
        assertThat(parameters.requireInput("parameters").toString()).contains("name=rds.force_ssl", "value=1");
        assertThat(plan.outputs()).containsKeys("databaseAddress", "databasePort", "databaseMasterSecretArn");
    }

    @Test
    void onlyProdRunsTheDatabaseInTwoZonesAndKeepsBackupsLonger() {
        var dev = StackPlans.of("dev").ofType("aws:rds/instance:Instance").get(0);
        var prod = StackPlans.of("prod").ofType("aws:rds/instance:Instance").get(0);
        assertThat(dev.requireInput("multiAz")).isEqualTo(false);
        assertThat(prod.requireInput("multiAz")).isEqualTo(true);
        assertThat((Long) prod.requireInput("backupRetentionPeriod")).isGreaterThan((Long) dev.requireInput("backupRetentionPeriod"));
    }

    /**
     * The password policy and the MFA-enforcing team groups are the account's: the bootstrap creates them
     * ({@code environments/bootstrap/.../AccountSecurityTest} holds the assertions that were here).
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noStackCreatesAccountWideIamSettings(String stack) {
        var plan = StackPlans.of(stack);
        for (String type : List.of("aws:iam/accountPasswordPolicy:AccountPasswordPolicy", "aws:iam/group:Group",
                "aws:iam/groupPolicy:GroupPolicy", "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
                "aws:iam/groupMembership:GroupMembership", "aws:iam/user:User")) {
            assertThat(plan.ofType(type)).as(type).isEmpty();
        }
    }

    @Test
    void theAdminRoleNeedsMfaAndIsWhatTheClusterTrusts() throws Exception {
        var plan = StackPlans.of("prod");
        var role = plan.resource("aws:iam/role:Role", "naas-prod-admin");
        JsonNode trust = new ObjectMapper().readTree((String) role.requireInput("assumeRolePolicy"));
        assertThat(trust.path("Statement").get(0).path("Condition").path("Bool").path("aws:MultiFactorAuthPresent").asText())
                .isEqualTo("true");
        assertThat(plan.ofType("aws:eks/accessEntry:AccessEntry")).extracting(e -> e.requireInput("principalArn"))
                .contains(role.output("arn").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void statefulResourcesAndKeysAreProtectedFromDeletion(String stack) {
        var plan = StackPlans.of(stack);
        for (String type : List.of("aws:kms/key:Key", "aws:efs/fileSystem:FileSystem", "aws:rds/instance:Instance")) {
            assertThat(plan.ofType(type)).as(type).isNotEmpty().allMatch(PlannedResource::protect);
        }
    }
}
