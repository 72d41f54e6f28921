package ai.naas.aws.infra.network;

import ai.naas.aws.infra.InfraFixture;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkTest {

    private static final String SUBNET = "aws:ec2/subnet:Subnet";
    private static Plan plan;

    @BeforeAll
    static void planTheNetwork() {
        plan = InfraFixture.plan();
    }

    @Test
    void theVpcSpansExactlyThreeZonesWithAPublicAndAPrivateSubnetInEach() {
        var subnets = plan.ofType(SUBNET);
        assertThat(subnets).hasSize(6);
        var zones = subnets.stream().map(s -> s.requireInput("availabilityZone")).collect(Collectors.toSet());
        assertThat(zones).containsExactlyInAnyOrder("eu-west-3a", "eu-west-3b", "eu-west-3c");
        for (Object zone : zones) {
            var inZone = subnets.stream().filter(s -> s.requireInput("availabilityZone").equals(zone)).toList();
            assertThat(inZone).extracting(NetworkTest::role)
                    .containsExactlyInAnyOrder("kubernetes.io/role/elb", "kubernetes.io/role/internal-elb");
        }
    }

    @Test
    void subnetsLieInsideTheVpcAndNoTwoOverlap() {
        var vpc = Cidr.parse((String) plan.resource("aws:ec2/vpc:Vpc", "naas-test-vpc").requireInput("cidrBlock"));
        List<Cidr> blocks = plan.ofType(SUBNET).stream().map(s -> Cidr.parse((String) s.requireInput("cidrBlock"))).toList();
        assertThat(blocks).allMatch(vpc::contains);
        for (int a = 0; a < blocks.size(); a++) {
            for (int b = a + 1; b < blocks.size(); b++) {
                assertThat(blocks.get(a).overlaps(blocks.get(b))).as(blocks.get(a) + " vs " + blocks.get(b)).isFalse();
            }
        }
    }

    @Test
    void everySubnetIsInTheVpc() {
        var vpcId = plan.resource("aws:ec2/vpc:Vpc", "naas-test-vpc").id();
        assertThat(plan.ofType(SUBNET)).allMatch(s -> vpcId.equals(s.requireInput("vpcId")));
    }

    @Test
    void eachPrivateSubnetRoutesToTheInternetThroughTheNatGatewayOfItsOwnZone() {
        for (String zone : List.of("eu-west-3a", "eu-west-3b", "eu-west-3c")) {
            var routes = plan.resource("aws:ec2/routeTable:RouteTable", "naas-test-private-" + zone);
            var natId = (String) routes.requireInput("routes.0.natGatewayId");
            var nat = plan.byId(natId).orElseThrow();
            var natSubnet = plan.byId((String) nat.requireInput("subnetId")).orElseThrow();
            assertThat(natSubnet.requireInput("availabilityZone")).isEqualTo(zone);
            assertThat(role(natSubnet)).isEqualTo("kubernetes.io/role/elb");
        }
    }

    @Test
    void aSingleNatGatewayServesAllZonesWhenTheStackAsksForIt() {
        var single = InfraFixture.plan(InfraFixture.network(NatGateways.SINGLE), InfraFixture.cluster(List.of()), (c, e) -> { });
        assertThat(single.ofType("aws:ec2/natGateway:NatGateway")).hasSize(1);
        Set<Object> natIds = single.ofType("aws:ec2/routeTable:RouteTable").stream()
                .filter(r -> r.name().contains("private"))
                .map(r -> r.requireInput("routes.0.natGatewayId")).collect(Collectors.toSet());
        assertThat(natIds).hasSize(1);
        assertThat(plan.ofType("aws:ec2/natGateway:NatGateway")).hasSize(3);
    }

    @Test
    void flowLogsRecordAllTrafficOfTheVpcIntoALogGroupWithRetention() {
        var flowLog = plan.ofType("aws:ec2/flowLog:FlowLog").get(0);
        assertThat(flowLog.requireInput("trafficType")).isEqualTo("ALL");
        assertThat(flowLog.requireInput("vpcId")).isEqualTo(plan.resource("aws:ec2/vpc:Vpc", "naas-test-vpc").id());
        var logGroup = plan.resource("aws:cloudwatch/logGroup:LogGroup", "naas-test-flow-logs");
        assertThat(flowLog.requireInput("logDestination")).isEqualTo(logGroup.output("arn").orElseThrow());
        assertThat(logGroup.requireInput("retentionInDays")).isEqualTo(90L);
    }

    @Test
    void flowLogsAreEncryptedWithTheStacksLogsKeyWhichCloudWatchLogsMayUseForThisAccountsLogGroupsOnly() throws Exception {
        var logGroup = plan.resource("aws:cloudwatch/logGroup:LogGroup", "naas-test-flow-logs");
        var key = plan.resource("aws:kms/key:Key", "naas-test-logs");
        assertThat(logGroup.requireInput("kmsKeyId")).isEqualTo(key.output("arn").orElseThrow());
        var statements = new ObjectMapper().readTree((String) key.requireInput("policy")).path("Statement");
        JsonNode logs = null;
        for (JsonNode statement : statements) {
            if (statement.path("Principal").path("Service").asText().equals("logs.eu-west-3.amazonaws.com")) {
                logs = statement;
            }
        }
        assertThat(logs).as("a statement for the regional CloudWatch Logs principal").isNotNull();
        assertThat(logs.path("Condition").path("ArnLike").path("kms:EncryptionContext:aws:logs:arn").asText())
                .isEqualTo("arn:aws:logs:eu-west-3:123456789012:log-group:*");
    }

    @Test
    void onlyVpcFlowLogsActingForThisAccountInThisRegionMayAssumeTheDeliveryRole() throws Exception {
        var roleArn = plan.ofType("aws:ec2/flowLog:FlowLog").get(0).requireInput("iamRoleArn");
        var flowRole = plan.ofType("aws:iam/role:Role").stream()
                .filter(r -> roleArn.equals(r.output("arn").orElseThrow())).findFirst().orElseThrow();
        var statement = new ObjectMapper().readTree((String) flowRole.requireInput("assumeRolePolicy")).path("Statement").get(0);
        assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("vpc-flow-logs.amazonaws.com");
        assertThat(statement.path("Condition").path("StringEquals").path("aws:SourceAccount").asText())
                .isEqualTo("123456789012");
        assertThat(statement.path("Condition").path("ArnLike").path("aws:SourceArn").asText())
                .isEqualTo("arn:aws:ec2:eu-west-3:123456789012:vpc-flow-log/*");
    }

    @Test
    void theVpcsDefaultSecurityGroupIsEmptied() {
        var defaultGroup = plan.ofType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
        assertThat(defaultGroup).singleElement().satisfies(g -> {
            assertThat(g.requireInput("vpcId")).isEqualTo(plan.resource("aws:ec2/vpc:Vpc", "naas-test-vpc").id());
            assertThat((List<?>) g.input("ingress").orElse(List.of())).isEmpty();
            assertThat((List<?>) g.input("egress").orElse(List.of())).isEmpty();
        });
    }

    @Test
    void publicSubnetsDoNotHandOutPublicAddresses() {
        assertThat(plan.ofType(SUBNET)).allMatch(s -> Boolean.FALSE.equals(s.input("mapPublicIpOnLaunch").orElse(false)));
    }

    private static String role(PlannedResource subnet) {
        var tags = (Map<?, ?>) subnet.requireInput("tags");
        return tags.containsKey("kubernetes.io/role/elb") ? "kubernetes.io/role/elb"
                : tags.containsKey("kubernetes.io/role/internal-elb") ? "kubernetes.io/role/internal-elb" : "none";
    }
}
