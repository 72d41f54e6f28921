package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.plan.OfflineEngine;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import ai.naas.aws.plan.PlausibleCloud;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the bootstrap creates in an account, read from its offline plan.
 */
class AccountBootstrapTest {

    static final String REGION = "eu-west-3";
    static final String BUCKET = "naas-state-test";
    static final String REPOSITORY = "jupyter-naas/naas-aws";
    private static final String ISSUER = "token.actions.githubusercontent.com";
    private static final String KEY = "aws:kms/key:Key";
    private static final String ROLE = "aws:iam/role:Role";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Plan plan;

    @BeforeAll
    static void planTheBootstrap() {
        var settings = new BootstrapSettings(REGION, new AccountSettings(BUCKET, List.of("dev", "prod"), REPOSITORY,
                Map.of("prod", "production")), AccountSecuritySettings.defaults(),
                new AuditSettings("naas-audit-test", null, null, null, null, null, null),
                new AlertSettings(List.of("security@example.com")), ThreatDetectionSettings.defaults(),
                GuardrailSettings.defaults());
        plan = new OfflineEngine(new PlausibleCloud(REGION))
                .run("naas-bootstrap", "test", Map.of(), Set.of(), ctx -> AccountBootstrap.define(ctx, settings));
    }

    // --- the state bucket ---

    @Test
    void theStateBucketIsProtectedFromDeletion() {
        var bucket = plan.resource("aws:s3/bucketV2:BucketV2", BUCKET);
        assertThat(bucket.requireInput("bucket")).isEqualTo(BUCKET);
        assertThat(bucket.protect()).isTrue();
        assertThat(bucket.input("forceDestroy")).as("never emptied to be deleted").isNotEqualTo(Optional.of(true));
    }

    @Test
    void theStateBucketKeepsEveryVersionOfEveryStateFile() {
        var versioning = onlyOneFor("aws:s3/bucketVersioningV2:BucketVersioningV2");
        assertThat(versioning.requireInput("versioningConfiguration.status")).isEqualTo("Enabled");
    }

    @Test
    void stateIsEncryptedWithItsOwnRotatingProtectedKmsKey() {
        var encryption = onlyOneFor("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2");
        assertThat(encryption.requireInput("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm")).isEqualTo("aws:kms");
        var key = keyWithArn(encryption.requireInput("rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId"));
        assertThat(key.requireInput("enableKeyRotation")).isEqualTo(true);
        assertThat(key.protect()).isTrue();
        assertThat(secretsKeys()).as("not a stack's secrets key").doesNotContain(key);
    }

    @Test
    void everyKindOfPublicAccessIsBlockedAndAclsAreDisabled() {
        var block = onlyOneFor("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
        for (String setting : List.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")) {
            assertThat(block.requireInput(setting)).as(setting).isEqualTo(true);
        }
        var ownership = onlyOneFor("aws:s3/bucketOwnershipControls:BucketOwnershipControls");
        assertThat(ownership.requireInput("rule.objectOwnership")).isEqualTo("BucketOwnerEnforced");
    }

    @Test
    void theBucketPolicyDeniesEveryRequestNotMadeOverTls() throws Exception {
        var policy = onlyOneFor("aws:s3/bucketPolicy:BucketPolicy");
        JsonNode document = JSON.readTree((String) policy.requireInput("policy"));
        assertThat(document.path("Statement")).hasSize(1);
        JsonNode statement = document.path("Statement").get(0);
        assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
        assertThat(statement.path("Principal").path("AWS").asText()).isEqualTo("*");
        assertThat(statement.path("Action").asText()).isEqualTo("s3:*");
        assertThat(texts(statement.path("Resource")))
                .containsExactlyInAnyOrder("arn:aws:s3:::" + BUCKET, "arn:aws:s3:::" + BUCKET + "/*");
        assertThat(statement.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
        var publicAccessBlock = onlyOneFor("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
        assertThat(plan.waitsFor(policy, publicAccessBlock)).as("S3 refuses concurrent bucket configuration changes").isTrue();
    }

    // --- the stacks' secrets keys ---

    @Test
    void eachStackGetsOneRotatingProtectedKeyUnderTheAliasItsSecretsProviderNames() {
        assertThat(secretsKeys()).hasSize(2);
        for (String stack : List.of("dev", "prod")) {
            var key = plan.resource(KEY, "naas-" + stack + "-secrets");
            assertThat(key.requireInput("enableKeyRotation")).isEqualTo(true);
            assertThat(key.protect()).as("deleting it loses the stack's secrets").isTrue();
            assertThat(key.requireInput("tags")).as("the other stacks' boundaries refuse it by this tag")
                    .isEqualTo(Map.of("naas:stack", stack));
            var aliases = plan.ofType("aws:kms/alias:Alias").stream()
                    .filter(a -> key.id().equals(a.requireInput("targetKeyId"))).toList();
            assertThat(aliases).extracting(a -> a.requireInput("name")).containsExactly("alias/naas-" + stack + "-secrets");
        }
        assertThat(plan.outputs().get("secretsProviders")).isEqualTo(Map.of(
                "dev", "awskms://alias/naas-dev-secrets?region=eu-west-3",
                "prod", "awskms://alias/naas-prod-secrets?region=eu-west-3"));
    }

    // --- the CI roles ---

    @Test
    void eachDeployRoleTrustsExactlyItsStacksEnvironmentOfThisRepository() throws Exception {
        assertThat(trustOf(plan.resource(ROLE, "naas-dev-deploy")).path("StringEquals").path(ISSUER + ":sub").asText())
                .as("the environment defaults to the stack's name").isEqualTo("repo:jupyter-naas/naas-aws:environment:dev");
        var prod = trustOf(plan.resource(ROLE, "naas-prod-deploy"));
        assertThat(prod.path("StringEquals").path(ISSUER + ":sub").asText()).isEqualTo("repo:jupyter-naas/naas-aws:environment:production");
        assertThat(prod.path("StringEquals").path(ISSUER + ":aud").asText()).isEqualTo("sts.amazonaws.com");
    }

    @Test
    void noRoleTrustsAnythingButExactGitHubSubjectsOfThisRepositoryThroughTheGitHubProvider() throws Exception {
        var provider = plan.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider");
        assertThat(provider).hasSize(1);
        assertThat(provider.get(0).requireInput("url")).isEqualTo("https://" + ISSUER);
        assertThat(provider.get(0).requireInput("clientIdLists")).isEqualTo(List.of("sts.amazonaws.com"));
        var ciRoles = plan.ofType(ROLE).stream().filter(r -> r.parent().contains("naas:bootstrap:CiRoles")).toList();
        assertThat(ciRoles).hasSize(4).allSatisfy(role -> {
            String json = (String) role.requireInput("assumeRolePolicy");
            JsonNode statements = JSON.readTree(json).path("Statement");
            assertThat(statements).hasSize(1);
            JsonNode statement = statements.get(0);
            assertThat(statement.path("Action").asText()).isEqualTo("sts:AssumeRoleWithWebIdentity");
            assertThat(statement.path("Principal").size()).isEqualTo(1);
            assertThat(statement.path("Principal").path("Federated").asText()).isEqualTo(provider.get(0).output("arn").orElseThrow());
            assertThat(statement.path("Condition").size()).as("StringEquals only: no StringLike").isEqualTo(1);
            assertThat(statement.path("Condition").path("StringEquals").size()).isEqualTo(2);
            assertThat(texts(statement.path("Condition").path("StringEquals").path(ISSUER + ":sub")))
                    .allSatisfy(subject -> assertThat(subject).startsWith("repo:" + REPOSITORY + ":"));
            assertThat(json).as("no wildcard").doesNotContain("*", "?");
        });
    }

    @Test
    void theOutputsNameTheBackendTheRolesAndTheKeys() {
        assertThat(plan.outputs().get("stateBackendUrl")).isEqualTo("s3://" + BUCKET);
        assertThat(plan.outputs().get("previewRoleArns")).isEqualTo(Map.of(
                "dev", "arn:aws:iam::123456789012:role/naas-dev-preview",
                "prod", "arn:aws:iam::123456789012:role/naas-prod-preview"));
        assertThat(plan.outputs().get("deployRoleArns")).isEqualTo(Map.of(
                "dev", "arn:aws:iam::123456789012:role/naas-dev-deploy",
                "prod", "arn:aws:iam::123456789012:role/naas-prod-deploy"));
        assertThat(plan.outputs().get("secretsKeyAliases")).isEqualTo(Map.of(
                "dev", "alias/naas-dev-secrets", "prod", "alias/naas-prod-secrets"));
        assertThat(plan.outputs().get("secretsKeyArns")).isEqualTo(Map.of(
                "dev", arnOf(plan.resource(KEY, "naas-dev-secrets")), "prod", arnOf(plan.resource(KEY, "naas-prod-secrets"))));
        assertThat(plan.outputs().get("stateKeyArn")).isEqualTo(arnOf(stateKey()));
    }

    // --- helpers ---

    /** The one resource of {@code type} that configures the state bucket (the audit trail's bucket has its own). */
    private static PlannedResource onlyOneFor(String type) {
        var all = plan.ofType(type).stream().filter(r -> BUCKET.equals(r.input("bucket").orElse(null))).toList();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static List<PlannedResource> secretsKeys() {
        return plan.ofType(KEY).stream().filter(k -> k.name().endsWith("-secrets")).toList();
    }

    private static PlannedResource stateKey() {
        return plan.resource(KEY, "naas-state-key");
    }

    private static PlannedResource keyWithArn(Object arn) {
        return plan.ofType(KEY).stream().filter(k -> arn.equals(k.output("arn").orElseThrow())).findFirst().orElseThrow();
    }

    private static String arnOf(PlannedResource resource) {
        return (String) resource.output("arn").orElseThrow();
    }

    private static JsonNode trustOf(PlannedResource role) throws Exception {
        return JSON.readTree((String) role.requireInput("assumeRolePolicy")).path("Statement").get(0).path("Condition");
    }

    private static List<String> texts(JsonNode node) {
        return node.isArray() ? StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList()
                : List.of(node.asText());
    }
}
