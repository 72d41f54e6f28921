package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static ai.naas.aws.environments.bootstrap.BootstrapPlans.statement;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Safe defaults for the account: S3's account-level public access block, and in every configured region EBS
 * encryption by default with a key of the account in that region and IMDSv2 required for new instances.
 */
class GuardrailsTest {

    private static final Plan TWO_REGIONS = BootstrapPlans.of(Map.of(BootstrapSettings.GUARDRAILS_KEY,
            "{\"regions\":[\"eu-west-3\",\"eu-central-1\"],\"imdsHopLimit\":2}"));

    /** The region a resource is created in: its provider's, or the bootstrap's for the default provider. */
    private static String regionOf(Plan plan, PlannedResource resource) {
        String provider = resource.provider();
        if (provider == null || provider.contains("::default")) {
            return "eu-west-3";
        }
        // A provider reference is its URN, possibly followed by "::" and its id.
        var explicit = plan.resources().stream().filter(r -> provider.equals(r.urn()) || provider.startsWith(r.urn() + "::"))
                .findFirst().orElseThrow(() -> new AssertionError("no provider " + provider));
        return (String) explicit.requireInput("region");
    }

    @Test
    void noBucketOfTheAccountCanBeMadePublic() {
        var blocks = BootstrapPlans.example().ofType("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock");
        assertThat(blocks).hasSize(1);
        for (String setting : List.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")) {
            assertThat(blocks.get(0).requireInput(setting)).as(setting).isEqualTo(true);
        }
    }

    @Test
    void byDefaultOnlyTheBootstrapsRegionIsGuardedWithHopLimitOne() {
        var plan = BootstrapPlans.example();
        assertThat(plan.ofType("aws:ebs/encryptionByDefault:EncryptionByDefault")).hasSize(1);
        var imds = plan.ofType("aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults");
        assertThat(imds).hasSize(1);
        assertThat(imds.get(0).requireInput("httpTokens")).isEqualTo("required");
        assertThat(imds.get(0).requireInput("httpPutResponseHopLimit")).isEqualTo(1L);
        assertThat(regionOf(plan, imds.get(0))).isEqualTo("eu-west-3");
    }

    @Test
    void everyConfiguredRegionEncryptsNewVolumesWithAKeyOfThatRegionAndRequiresImdsV2() {
        var plan = TWO_REGIONS;
        for (String region : List.of("eu-west-3", "eu-central-1")) {
            var encryption = plan.ofType("aws:ebs/encryptionByDefault:EncryptionByDefault").stream()
                    .filter(r -> regionOf(plan, r).equals(region)).toList();
            assertThat(encryption).as(region).hasSize(1);
            assertThat(encryption.get(0).requireInput("enabled")).isEqualTo(true);

            var defaultKey = plan.ofType("aws:ebs/defaultKmsKey:DefaultKmsKey").stream()
                    .filter(r -> regionOf(plan, r).equals(region)).toList();
            assertThat(defaultKey).as(region).hasSize(1);
            var key = plan.ofType("aws:kms/key:Key").stream()
                    .filter(k -> k.output("arn").orElseThrow().equals(defaultKey.get(0).requireInput("keyArn"))).findFirst()
                    .orElseThrow(() -> new AssertionError("the default EBS key of " + region + " is not a key of the plan"));
            assertThat(regionOf(plan, key)).as("KMS keys are regional").isEqualTo(region);
            assertThat(key.requireInput("enableKeyRotation")).isEqualTo(true);
            assertThat(key.protect()).isTrue();
            var use = statement(key.requireInput("policy"), "AllowUseThroughEc2InThisAccount");
            assertThat(use.path("Condition").path("StringEquals").path("kms:ViaService").asText()).isEqualTo("ec2." + region + ".amazonaws.com");
            assertThat(use.path("Condition").path("StringEquals").path("kms:CallerAccount").asText()).isEqualTo("123456789012");

            var imds = plan.ofType("aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults").stream()
                    .filter(r -> regionOf(plan, r).equals(region)).toList();
            assertThat(imds).as(region).hasSize(1);
            assertThat(imds.get(0).requireInput("httpTokens")).isEqualTo("required");
            assertThat(imds.get(0).requireInput("httpPutResponseHopLimit")).isEqualTo(2L);
        }
    }
}
