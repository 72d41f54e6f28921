package ai.naas.aws.infra.cluster;

import ai.naas.aws.infra.InfraFixture;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("unchecked")
class ClusterTest {

    private static final String NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
    private static Plan plan;

    @BeforeAll
    static void planTheCluster() {
        plan = InfraFixture.plan(InfraFixture.network(ai.naas.aws.infra.network.NatGateways.PER_ZONE),
                InfraFixture.cluster(List.of()), (ctx, cluster) ->
                        cluster.serviceAccountRole("example-irsa", "kube-system", "example", Optional.empty(), List.of()));
    }

    @Test
    void bothNodeGroupsRunInTheThreePrivateSubnets() {
        var privateSubnetIds = plan.ofType("aws:ec2/subnet:Subnet").stream()
                .filter(s -> s.name().contains("private")).map(PlannedResource::id).toList();
        assertThat(privateSubnetIds).hasSize(3);
        assertThat(plan.ofType(NODE_GROUP)).hasSize(2).allSatisfy(group ->
                assertThat((List<Object>) group.requireInput("subnetIds")).containsExactlyInAnyOrderElementsOf(privateSubnetIds));
    }

    @Test
    void nodesRequireImdsV2AndEncryptTheirDisksWithTheDiskKey() {
        var diskKey = plan.resource("aws:kms/key:Key", "naas-test-disks");
        for (var group : plan.ofType(NODE_GROUP)) {
            var template = plan.byId((String) group.requireInput("launchTemplate.id")).orElseThrow();
            assertThat(template.requireInput("metadataOptions.httpTokens")).isEqualTo("required");
            assertThat(template.requireInput("blockDeviceMappings.0.ebs.encrypted")).isEqualTo("true");
            assertThat(template.requireInput("blockDeviceMappings.0.ebs.kmsKeyId")).isEqualTo(diskKey.output("arn").orElseThrow());
        }
    }

    @Test
    void onlyTheJupyterGroupIsTaintedAndBothCarryJupyterHubsNodePurposeLabel() {
        var naas = plan.resource(NODE_GROUP, "naas-test-naas");
        var jupyter = plan.resource(NODE_GROUP, "naas-test-jupyter");
        assertThat(naas.input("taints")).isEmpty();
        assertThat(jupyter.requireInput("taints")).isEqualTo(List.of(
                Map.of("key", "hub.jupyter.org/dedicated", "value", "user", "effect", "NO_SCHEDULE")));
        assertThat(naas.requireInput("labels")).isEqualTo(Map.of("hub.jupyter.org/node-purpose", "core"));
        assertThat(jupyter.requireInput("labels")).isEqualTo(Map.of("hub.jupyter.org/node-purpose", "user"));
    }

    @Test
    void theJupyterGroupCanScaleToZeroAndItsAutoScalingGroupTellsTheAutoscalerItsLabelAndTaint() {
        var jupyter = plan.resource(NODE_GROUP, "naas-test-jupyter");
        assertThat(jupyter.requireInput("scalingConfig.minSize")).isEqualTo(0L);
        String asg = (String) jupyter.output("resources.0.autoscalingGroups.0.name").orElseThrow();
        var tags = plan.ofType("aws:autoscaling/tag:Tag").stream()
                .filter(t -> asg.equals(t.requireInput("autoscalingGroupName")))
                .map(t -> (Map<?, ?>) t.requireInput("tag")).toList();
        assertThat(tags).extracting(t -> t.get("key") + "=" + t.get("value")).containsExactlyInAnyOrder(
                "k8s.io/cluster-autoscaler/node-template/label/hub.jupyter.org/node-purpose=user",
                "k8s.io/cluster-autoscaler/node-template/taint/hub.jupyter.org/dedicated=user:NoSchedule");
    }

    @Test
    void theClusterEnvelopeEncryptsSecretsWithARotatingKmsKey() {
        var cluster = plan.resource("aws:eks/cluster:Cluster", "naas-test");
        assertThat(cluster.requireInput("encryptionConfig.resources")).isEqualTo(List.of("secrets"));
        var key = plan.resources().stream().filter(r -> r.type().equals("aws:kms/key:Key"))
                .filter(k -> k.output("arn").orElseThrow().equals(cluster.requireInput("encryptionConfig.provider.keyArn")))
                .findFirst().orElseThrow();
        assertThat(key.requireInput("enableKeyRotation")).isEqualTo(true);
        assertThat(key.protect()).isTrue();
    }

    @Test
    void theControlPlaneLogsEveryLogTypeIntoALogGroupEncryptedWithTheLogsKey() {
        var cluster = plan.resource("aws:eks/cluster:Cluster", "naas-test");
        assertThat((List<Object>) cluster.requireInput("enabledClusterLogTypes"))
                .containsExactlyInAnyOrder("api", "audit", "authenticator", "controllerManager", "scheduler");
        var logs = plan.resource("aws:cloudwatch/logGroup:LogGroup", "naas-test-control-plane");
        assertThat(logs.requireInput("name")).isEqualTo("/aws/eks/naas-test/cluster");
        assertThat(logs.requireInput("kmsKeyId"))
                .isEqualTo(plan.resource("aws:kms/key:Key", "naas-test-logs").output("arn").orElseThrow());
        assertThat(plan.waitsFor(cluster, logs)).as("EKS would otherwise create it, unencrypted, kept forever").isTrue();
    }

    @Test
    void theApiEndpointIsPrivateAndPublicAccessIsOffUnlessCidrsAreConfigured() {
        var cluster = plan.resource("aws:eks/cluster:Cluster", "naas-test");
        assertThat(cluster.requireInput("vpcConfig.endpointPrivateAccess")).isEqualTo(true);
        assertThat(cluster.requireInput("vpcConfig.endpointPublicAccess")).isEqualTo(false);

        var limited = InfraFixture.plan(InfraFixture.network(ai.naas.aws.infra.network.NatGateways.SINGLE),
                InfraFixture.cluster(List.of("198.51.100.0/24")), (c, e) -> { })
                .resource("aws:eks/cluster:Cluster", "naas-test");
        assertThat(limited.requireInput("vpcConfig.endpointPublicAccess")).isEqualTo(true);
        assertThat(limited.requireInput("vpcConfig.publicAccessCidrs")).isEqualTo(List.of("198.51.100.0/24"));
    }

    @Test
    void adminsGetAccessEntriesNotTheAwsAuthConfigMap() {
        var cluster = plan.resource("aws:eks/cluster:Cluster", "naas-test");
        assertThat(cluster.requireInput("accessConfig.authenticationMode")).isEqualTo("API");
        var association = plan.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation").get(0);
        assertThat(association.requireInput("principalArn")).isEqualTo("arn:aws:iam::123456789012:role/platform-admin");
        assertThat(association.requireInput("policyArn"))
                .isEqualTo("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
        assertThat(plan.resources()).noneMatch(r -> r.name().contains("aws-auth"));
    }

    @Test
    void aServiceAccountRoleIsTrustedByExactlyOneServiceAccountOfThisCluster() throws Exception {
        var role = plan.resources().stream()
                .filter(r -> r.type().equals("aws:iam/role:Role") && r.name().equals("example-irsa")).findFirst().orElseThrow();
        JsonNode policy = new ObjectMapper().readTree((String) role.requireInput("assumeRolePolicy"));
        assertThat(policy.path("Statement")).hasSize(1);
        JsonNode statement = policy.path("Statement").get(0);
        var provider = plan.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").get(0);
        assertThat(statement.path("Principal").path("Federated").asText()).isEqualTo(provider.id());
        assertThat(statement.path("Action").asText()).isEqualTo("sts:AssumeRoleWithWebIdentity");
        var issuer = ((String) provider.requireInput("url")).replace("https://", "");
        var equals = statement.path("Condition").path("StringEquals");
        assertThat(equals.path(issuer + ":sub").asText()).isEqualTo("system:serviceaccount:kube-system:example");
        assertThat(equals.path(issuer + ":aud").asText()).isEqualTo("sts.amazonaws.com");
        assertThat(statement.path("Condition").size()).as("no wildcard conditions").isEqualTo(1);
    }

    @Test
    void theKubeconfigUsesTheV1beta1ExecApiWithAwsEksGetToken() throws Exception {
        JsonNode kubeconfig = new YAMLMapper().readTree(Kubeconfig.render("naas-test", "https://example.eks", "Q0E=", "eu-west-3"));
        var exec = kubeconfig.path("users").get(0).path("user").path("exec");
        assertThat(exec.path("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1beta1");
        assertThat(exec.path("command").asText()).isEqualTo("aws");
        assertThat(exec.path("args").toString()).contains("\"get-token\"", "\"--cluster-name\",\"naas-test\"", "\"--region\",\"eu-west-3\"");
        var provider = plan.ofType("pulumi:providers:kubernetes").get(0);
        assertThat((String) provider.requireInput("kubeconfig")).contains("client.authentication.k8s.io/v1beta1");
    }

    /**
     * {@code Map.of} iterates in an order that changes with each JVM, so only keys sorted at every depth make
     * the kubeconfig (an input of the Kubernetes provider) the same bytes on every run.
     */
    @Test
    void theKubeconfigHasItsKeysSortedAtEveryDepthSoItIsTheSameBytesOnEveryRun() throws Exception {
        var provider = plan.ofType("pulumi:providers:kubernetes").get(0);
        for (String text : List.of(Kubeconfig.render("naas-test", "https://example.eks", "Q0E=", "eu-west-3"),
                (String) provider.requireInput("kubeconfig"))) {
            var tree = new ObjectMapper().readTree(text);
            assertKeysSorted(tree, "$");
            assertThat(Kubeconfig.render("naas-test", "https://example.eks", "Q0E=", "eu-west-3"))
                    .isEqualTo(Kubeconfig.render("naas-test", "https://example.eks", "Q0E=", "eu-west-3"));
        }
    }

    private static void assertKeysSorted(JsonNode node, String path) {
        if (node.isObject()) {
            var names = new java.util.ArrayList<String>();
            node.fieldNames().forEachRemaining(names::add);
            assertThat(names).as(path).isSorted();
            node.fields().forEachRemaining(e -> assertKeysSorted(e.getValue(), path + "." + e.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertKeysSorted(node.get(i), path + "[" + i + "]");
            }
        }
    }
}
