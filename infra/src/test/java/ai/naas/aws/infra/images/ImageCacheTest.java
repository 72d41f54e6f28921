package ai.naas.aws.infra.images;

import ai.naas.aws.infra.InfraFixture;
import ai.naas.aws.infra.network.NatGateways;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import ai.naas.aws.plan.PlausibleCloud;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image cache as AWS documents a Docker Hub pull-through cache: the rule (CreatePullThroughCacheRule: Docker
 * Hub's URL {@code registry-1.docker.io}, a credential secret under {@code ecr-pullthroughcache/}), a repository
 * creation template for the rule's prefix ("the repository prefix you specify during rule creation is what you
 * should specify as your repository creation template prefix", CreateRepositoryCreationTemplate) with a custom
 * role because it names a KMS key (ECR User Guide, repository-creation-templates-create), and on the node role the
 * two actions a first pull needs ({@code ecr:BatchImportUpstreamImage}, {@code ecr:CreateRepository}: ECR User
 * Guide, pull-through-cache-iam).
 */
class ImageCacheTest {

    private static final String PREFIX = "naas-test-docker-hub";
    private static final String SECRET = "arn:aws:secretsmanager:eu-west-3:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf";
    private static final String KEY = "arn:aws:kms:eu-west-3:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    private static final String CACHED_REPOSITORIES = "arn:aws:ecr:eu-west-3:" + PlausibleCloud.ACCOUNT + ":repository/" + PREFIX + "/*";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Plan plan;

    @BeforeAll
    static void planTheCache() {
        plan = InfraFixture.plan(InfraFixture.network(NatGateways.SINGLE), InfraFixture.cluster(List.of()),
                (ctx, cluster) -> {
                    var cache = new ImageCache("naas-test-images", new ImageCache.Args(
                            new ImageCacheSettings(null, SECRET).forStack(InfraFixture.NAME, InfraFixture.REGION),
                            InfraFixture.REGION, Output.of(PlausibleCloud.ACCOUNT), Output.of(KEY), cluster.nodeRoleName(),
                            InfraFixture.BOUNDARY),
                            ComponentResourceOptions.Empty);
                    ctx.export("registry", cache.registry());
                    ctx.export("prefix", Output.of(cache.prefix()));
                });
    }

    @Test
    void theRuleCachesDockerHubUnderTheStacksPrefixWithTheOperatorsCredentials() {
        var rule = single("aws:ecr/pullThroughCacheRule:PullThroughCacheRule");

        assertThat(rule.requireInput("upstreamRegistryUrl")).isEqualTo("registry-1.docker.io");
        assertThat(rule.requireInput("ecrRepositoryPrefix")).isEqualTo(PREFIX);
        assertThat(rule.requireInput("credentialArn")).isEqualTo(SECRET);
        assertThat(EcrModel.QUOTED_CREDENTIAL_ARN.accepts(SECRET)).isTrue();
        assertThat(EcrModel.QUOTED_PREFIX.accepts(PREFIX)).isTrue();
        // No secret is created: its value is the operator's (docs/IMAGES.md), never in the stack's state.
        assertThat(plan.ofType("aws:secretsmanager/secret:Secret")).isEmpty();
        assertThat(plan.ofType("aws:secretsmanager/secretVersion:SecretVersion")).isEmpty();
    }

    @Test
    void repositoriesTheCacheCreatesAreEncryptedWithTheImagesKeyAndTheirTagsImmutable() {
        var template = single("aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate");

        assertThat(template.requireInput("prefix")).isEqualTo(PREFIX);
        assertThat(template.requireInput("appliedFors")).isEqualTo(List.of("PULL_THROUGH_CACHE"));
        assertThat(template.requireInput("encryptionConfigurations.0.encryptionType")).isEqualTo("KMS");
        String key = (String) template.requireInput("encryptionConfigurations.0.kmsKey");
        assertThat(key).isEqualTo(KEY);
        assertThat(EcrModel.QUOTED_TEMPLATE_KMS_KEY.accepts(key)).as("a full key ARN, as ECR requires").isTrue();
        assertThat(template.requireInput("imageTagMutability")).isEqualTo("IMMUTABLE");
    }

    @Test
    void ecrCreatesThemWithARoleOnlyEcrAssumesAndOnlyForTheCachesRepositories() throws Exception {
        var template = single("aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate");
        var role = single("aws:iam/role:Role", "naas-test-images-repository-creator");
        var policy = single("aws:iam/rolePolicy:RolePolicy", "naas-test-images-repository-creator");

        assertThat(template.requireInput("customRoleArn")).isEqualTo(role.output("arn").orElseThrow());
        assertThat(plan.waitsFor(template, policy)).as("the role may act before ECR uses it").isTrue();
        JsonNode trust = JSON.readTree((String) role.requireInput("assumeRolePolicy")).path("Statement");
        assertThat(trust).hasSize(1);
        assertThat(role.requireInput("permissionsBoundary")).isEqualTo("arn:aws:iam::123456789012:policy/naas-test-boundary");
        assertThat(trust.get(0).path("Principal").path("Service").asText()).isEqualTo("ecr.amazonaws.com");
        assertThat(trust.get(0).path("Action").asText()).isEqualTo("sts:AssumeRole");

        assertThat(policy.requireInput("role")).isEqualTo(role.id());
        JsonNode statements = JSON.readTree((String) policy.requireInput("policy")).path("Statement");
        assertThat(statements).hasSize(2);
        assertThat(texts(statements.get(0).path("Action"))).containsExactly("ecr:CreateRepository", "ecr:TagResource");
        assertThat(statements.get(0).path("Resource").asText()).isEqualTo(CACHED_REPOSITORIES);
        assertThat(texts(statements.get(1).path("Action"))).containsExactly("kms:CreateGrant", "kms:RetireGrant", "kms:DescribeKey");
        assertThat(statements.get(1).path("Resource").asText()).isEqualTo(KEY);
    }

    @Test
    void theNodesMayImportAndCreateTheCachesRepositoriesAndNothingElse() throws Exception {
        var nodeRole = single("aws:iam/role:Role", "naas-test-nodes");
        var policy = single("aws:iam/rolePolicy:RolePolicy", "naas-test-images-nodes-pull-through");

        assertThat(policy.requireInput("role")).isEqualTo(nodeRole.output("name").orElseThrow());
        JsonNode statements = JSON.readTree((String) policy.requireInput("policy")).path("Statement");
        assertThat(statements).hasSize(1);
        assertThat(statements.get(0).path("Effect").asText()).isEqualTo("Allow");
        assertThat(texts(statements.get(0).path("Action")))
                .containsExactlyInAnyOrder("ecr:BatchImportUpstreamImage", "ecr:CreateRepository");
        assertThat(statements.get(0).path("Resource").asText()).isEqualTo(CACHED_REPOSITORIES);
        // Reading cached images is ECR read-only, which the cluster attaches to the node role already.
        var attachments = plan.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
                .filter(a -> nodeRole.output("name").orElseThrow().equals(a.requireInput("role")))
                .map(a -> a.requireInput("policyArn")).toList();
        assertThat(attachments).contains("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly");
    }

    @Test
    void imagesArePulledFromTheStacksOwnRegistry() {
        // The registry is the rule's: pods that pull through it wait for the rule.
        assertThat(plan.outputs().get("registry")).isEqualTo(PlausibleCloud.ACCOUNT + ".dkr.ecr.eu-west-3.amazonaws.com");
        assertThat(plan.outputs().get("prefix")).isEqualTo(PREFIX);
    }

    private static PlannedResource single(String type) {
        assertThat(plan.ofType(type)).hasSize(1);
        return plan.ofType(type).get(0);
    }

    private static PlannedResource single(String type, String name) {
        return plan.resource(type, name);
    }

    private static List<String> texts(JsonNode node) {
        var texts = new ArrayList<String>();
        if (node.isArray()) {
            node.forEach(n -> texts.add(n.asText()));
        } else {
            texts.add(node.asText());
        }
        return texts;
    }
}
