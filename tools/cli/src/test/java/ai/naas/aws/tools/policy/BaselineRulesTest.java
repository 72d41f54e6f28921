package ai.naas.aws.tools.policy;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule catches the resource that breaks it, and lets the one that keeps it pass.
 */
class BaselineRulesTest {

    private static PlannedResource resource(String type, boolean protect, Map<String, Object> inputs) {
        return new PlannedResource("urn:pulumi:test::naas::" + type + "::r", type, "r", true, null, null, List.of(),
                protect, "id", inputs, Map.of());
    }

    private static final Map<String, Object> LAUNCH_TEMPLATE = Map.of(
            "metadataOptions", Map.of("httpTokens", "required"),
            "blockDeviceMappings", List.of(Map.of("ebs", Map.of("encrypted", "true"))));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("stateful-resources-protected",
                        resource("aws:rds/instance:Instance", true, Map.of("publiclyAccessible", false, "storageEncrypted", true)),
                        resource("aws:efs/fileSystem:FileSystem", false, Map.of())),
                Arguments.of("kms-keys-rotate",
                        resource("aws:kms/key:Key", true, Map.of("enableKeyRotation", true)),
                        resource("aws:kms/key:Key", true, Map.of())),
                Arguments.of("instances-require-imdsv2",
                        resource("aws:ec2/launchTemplate:LaunchTemplate", false, LAUNCH_TEMPLATE),
                        resource("aws:ec2/launchTemplate:LaunchTemplate", false, Map.of("metadataOptions", Map.of("httpTokens", "optional")))),
                Arguments.of("volumes-encrypted",
                        resource("aws:ec2/launchTemplate:LaunchTemplate", false, LAUNCH_TEMPLATE),
                        resource("aws:ec2/launchTemplate:LaunchTemplate", false, Map.of("metadataOptions", Map.of("httpTokens", "required"),
                                "blockDeviceMappings", List.of(Map.of("ebs", Map.of("volumeSize", 20L)))))),
                Arguments.of("database-private-and-encrypted",
                        resource("aws:rds/instance:Instance", true, Map.of("publiclyAccessible", false, "storageEncrypted", true)),
                        resource("aws:rds/instance:Instance", true, Map.of("publiclyAccessible", true, "storageEncrypted", true))),
                Arguments.of("no-ssh-from-anywhere",
                        resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", false,
                                Map.of("cidrIpv4", "198.51.100.0/24", "ipProtocol", "tcp", "fromPort", 22L, "toPort", 22L)),
                        resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", false,
                                Map.of("cidrIpv4", "0.0.0.0/0", "ipProtocol", "tcp", "fromPort", 0L, "toPort", 1024L))),
                Arguments.of("cluster-endpoint-not-open",
                        resource("aws:eks/cluster:Cluster", false, Map.of("vpcConfig", Map.of("endpointPublicAccess", false))),
                        resource("aws:eks/cluster:Cluster", false, Map.of("vpcConfig", Map.of("endpointPublicAccess", true)))),
                Arguments.of("release-values-readable",
                        resource("kubernetes:helm.sh/v3:Release", false, Map.of("values", Map.of("a", "b"), "version", "1.0.0")),
                        resource("kubernetes:helm.sh/v3:Release", false, Map.of("values", Map.of("hub", Map.of("password", "[secret]"))))),
                Arguments.of("charts-pinned",
                        resource("kubernetes:helm.sh/v3:Release", false, Map.of("repositoryOpts", Map.of("repo", "https://x"), "version", "4.4.0")),
                        resource("kubernetes:helm.sh/v3:Release", false, Map.of("repositoryOpts", Map.of("repo", "https://x"), "version", ">=4"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theRuleFlagsOnlyTheResourceThatBreaksIt(String name, PlannedResource good, PlannedResource bad) {
        var rule = BaselineRules.all().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        assertThat(rule.check(new Plan("naas", "test", List.of(good), Map.of()))).isEmpty();
        assertThat(rule.check(new Plan("naas", "test", List.of(bad), Map.of())))
                .singleElement().satisfies(v -> {
                    assertThat(v.rule()).isEqualTo(name);
                    assertThat(v.resource()).isEqualTo(bad.urn());
                });
    }

    @Test
    void everyRuleHasACase() {
        var tested = cases().map(a -> (String) a.get()[0]).toList();
        assertThat(BaselineRules.all()).extracting(PlanRule::name).containsExactlyInAnyOrderElementsOf(tested);
    }
}
