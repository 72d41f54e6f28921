package ai.naas.aws.infra.images;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.RoleBoundary;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.ecr.PullThroughCacheRule;
import com.pulumi.aws.ecr.PullThroughCacheRuleArgs;
import com.pulumi.aws.ecr.RepositoryCreationTemplate;
import com.pulumi.aws.ecr.RepositoryCreationTemplateArgs;
import com.pulumi.aws.ecr.inputs.RepositoryCreationTemplateEncryptionConfigurationArgs;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;

/**
 * Docker Hub through the stack's ECR registry: a pull-through cache rule for Docker Hub under the stack's
 * prefix, logging in with the operator's credential secret; a repository creation template for that prefix, so
 * the repositories ECR creates on a first pull are encrypted with the stack's images key and their tags
 * immutable (a tag re-pushed upstream does not change what the stack runs); and the nodes' permission to pull
 * through the cache. Images are then pulled as {@code <account>.dkr.ecr.<region>.amazonaws.com/<prefix>/<path>}
 * ({@link #registry()}, {@link #prefix()}), official images with their {@code library/} path.
 */
public final class ImageCache extends ComponentResource {

    /** Docker Hub's registry, as a pull-through cache rule names it (CreatePullThroughCacheRule's upstreamRegistryUrl). */
    public static final String DOCKER_HUB_REGISTRY = "registry-1.docker.io";
    /** What the nodes need beyond ECR read-only to pull an image the cache does not hold yet (AWS: pull-through-cache-iam). */
    public static final List<String> PULL_THROUGH_ACTIONS = List.of("ecr:BatchImportUpstreamImage", "ecr:CreateRepository");

    private final String prefix;
    private final Output<String> registry;
    private final List<Resource> ready;

    public ImageCache(String name, Args args, ComponentResourceOptions options) {
        super("naas:infra:ImageCache", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        this.prefix = args.settings().prefix();
        // Every repository the cache creates, and nothing else of the registry.
        Output<String> repositories = args.accountId().applyValue(account ->
                "arn:aws:ecr:" + args.region() + ":" + account + ":repository/" + prefix + "/*");

        var rule = new PullThroughCacheRule(name + "-docker-hub", PullThroughCacheRuleArgs.builder()
                .ecrRepositoryPrefix(prefix)
                .upstreamRegistryUrl(DOCKER_HUB_REGISTRY)
                .credentialArn(args.settings().credentialSecretArn())
                .build(), child);

        // A template that encrypts with a customer-managed key needs a role ECR assumes to create the repository
        // and grant itself the key (AWS: repository-creation-templates-create-iam; the policy is AWS's, scoped).
        var creator = args.boundary().role(name + "-repository-creator", RoleArgs.builder()
                .description("ECR creates the image cache's repositories of " + prefix + " with this role")
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                        .by("Service", "ecr.amazonaws.com")).toJson())
                .build(), child);
        var creatorPolicy = new RolePolicy(name + "-repository-creator", RolePolicyArgs.builder()
                .role(creator.id())
                .policy(PolicyDocument.of(
                        Statement.allow("ecr:CreateRepository", "ecr:TagResource").on(repositories)
                                .withSid("CreateCacheRepositories"),
                        Statement.allow("kms:CreateGrant", "kms:RetireGrant", "kms:DescribeKey").on(args.keyArn())
                                .withSid("EncryptThemWithTheImagesKey")).toJson())
                .build(), child);
        var template = new RepositoryCreationTemplate(name + "-docker-hub", RepositoryCreationTemplateArgs.builder()
                .prefix(prefix)
                .appliedFors("PULL_THROUGH_CACHE")
                .encryptionConfigurations(RepositoryCreationTemplateEncryptionConfigurationArgs.builder()
                        .encryptionType("KMS").kmsKey(args.keyArn()).build())
                .imageTagMutability("IMMUTABLE")
                .customRoleArn(creator.arn())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(creatorPolicy).build());

        // The kubelet pulls with the node role; ECR read-only (attached by the cluster) lets it read cached images,
        // these let its first pull of an image import it and create its repository.
        var nodes = new RolePolicy(name + "-nodes-pull-through", RolePolicyArgs.builder()
                .role(args.nodeRoleName())
                .policy(PolicyDocument.of(Statement.allow(PULL_THROUGH_ACTIONS.toArray(String[]::new)).on(repositories)
                        .withSid("PullThroughTheImageCache")).toJson())
                .build(), child);

        this.registry = rule.registryId().applyValue(account -> account + ".dkr.ecr." + args.region() + ".amazonaws.com");
        this.ready = List.of(rule, template, nodes);
        registerOutputs(Map.of("registry", registry, "prefix", Output.of(prefix)));
    }

    /** The registry images are pulled from: {@code <account>.dkr.ecr.<region>.amazonaws.com}. */
    public Output<String> registry() {
        return registry;
    }

    /** The repository namespace the cached Docker Hub images are under. */
    public String prefix() {
        return prefix;
    }

    /** What a pod pulling through the cache must wait for: the rule, the template, the nodes' permission. */
    public List<Resource> ready() {
        return ready;
    }

    /**
     * What the cache is made of.
     *
     * @param settings     {@code naas:images}, its prefix filled in ({@link ImageCacheSettings#forStack})
     * @param region       the stack's region
     * @param accountId    the stack's account
     * @param keyArn       the KMS key the cached repositories are encrypted with
     * @param nodeRoleName the nodes' instance role, which pulls images
     * @param boundary     the stack's permissions boundary, which the repository-creation role carries
     */
    public record Args(ImageCacheSettings settings, String region, Output<String> accountId, Output<String> keyArn,
                       Output<String> nodeRoleName, RoleBoundary boundary) {
        public Args {
            if (settings.prefix() == null) {
                throw new IllegalArgumentException("the prefix must be filled in: ImageCacheSettings.forStack");
            }
        }
    }
}
