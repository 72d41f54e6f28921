package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The roles GitHub Actions assumes through OIDC, so CI holds no AWS keys:
 *
 * <ul>
 *   <li>{@code naas-preview}: {@code pulumi preview} of every stack on a pull request. Trusted only by pull
 *       request jobs of the one repository. Read-only on the account ({@code ReadOnlyAccess}), plus what
 *       preview itself writes: the state bucket (lock files) and the stacks' secrets keys (to decrypt config).</li>
 *   <li>{@code naas-<stack>-deploy}: {@code pulumi up} of one stack after a merge to main. Trusted only by jobs
 *       of the repository running in that stack's GitHub environment: GitHub then sets the token's subject to
 *       {@code repo:<owner>/<name>:environment:<env>}, so the deploy job of main must declare
 *       {@code environment: <env>}, and the environment's protection rules (required reviewers, main only)
 *       decide who can reach the role. {@code AdministratorAccess}, because the stack creates IAM roles and
 *       policies (node, IRSA, flow log roles), which no narrower managed policy allows; a permissions
 *       boundary that caps what those roles may do is future work. It is denied the other stacks' secrets
 *       keys explicitly, as {@code AdministratorAccess} would otherwise grant them.</li>
 * </ul>
 */
public final class CiRoles extends ComponentResource {

    /** The issuer of GitHub Actions' OIDC tokens, and the prefix of their condition keys in IAM. */
    public static final String GITHUB_ISSUER = "token.actions.githubusercontent.com";
    /** The audience aws-actions/configure-aws-credentials requests. */
    public static final String AUDIENCE = "sts.amazonaws.com";
    /** The role {@code pulumi preview} runs as. */
    public static final String PREVIEW_ROLE = "naas-preview";

    private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private static final String ADMINISTRATOR = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static final String[] USE_KEY = {"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"};

    /**
     * @param githubRepository   {@code owner/name}, validated by {@link AccountSettings}
     * @param deployEnvironments the GitHub environment of each stack's deploy job, in stack order
     * @param stateBucketArn     the state bucket
     * @param stateKeyArn        the KMS key that encrypts the state bucket's objects
     * @param secretsKeyArns     each stack's secrets provider key, by stack
     */
    public record Args(
            String githubRepository,
            Map<String, String> deployEnvironments,
            Output<String> stateBucketArn,
            Output<String> stateKeyArn,
            Map<String, Output<String>> secretsKeyArns) {

        public Args {
            deployEnvironments = Collections.unmodifiableMap(new LinkedHashMap<>(deployEnvironments));
            secretsKeyArns = Collections.unmodifiableMap(new LinkedHashMap<>(secretsKeyArns));
            if (!deployEnvironments.keySet().equals(secretsKeyArns.keySet())) {
                throw new IllegalArgumentException("a deploy environment and a secrets key per stack, got "
                        + deployEnvironments.keySet() + " and " + secretsKeyArns.keySet());
            }
        }
    }

    private final OpenIdConnectProvider github;
    private final Role preview;
    private final Map<String, Role> deploy = new LinkedHashMap<>();

    public CiRoles(String name, Args args, ComponentResourceOptions options) {
        super("naas:bootstrap:CiRoles", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        this.github = new OpenIdConnectProvider("github-actions", OpenIdConnectProviderArgs.builder()
                .url("https://" + GITHUB_ISSUER)
                .clientIdLists(AUDIENCE)
                // IAM trusts GitHub's issuer through its own CA store; the thumbprints are a required formality.
                .thumbprintLists("6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd")
                .build(), child);

        this.preview = new Role(PREVIEW_ROLE, RoleArgs.builder()
                .name(PREVIEW_ROLE)
                .description("pulumi preview of every naas stack, from pull requests of " + args.githubRepository())
                .assumeRolePolicy(trust(github.arn(), pullRequestSubject(args.githubRepository())).toJson())
                .build(), child);
        new RolePolicyAttachment(PREVIEW_ROLE + "-read-only", RolePolicyAttachmentArgs.builder()
                .role(preview.name()).policyArn(READ_ONLY).build(), child);
        var previewAccess = new ArrayList<>(stateAccess(args.stateBucketArn(), args.stateKeyArn()));
        previewAccess.add(Statement.allow(USE_KEY).on(args.secretsKeyArns().values().toArray())
                .withSid("UseEveryStacksSecretsKey"));
        new RolePolicy(PREVIEW_ROLE + "-state", RolePolicyArgs.builder()
                .role(preview.name())
                .name("pulumi-state-and-secrets")
                .policy(PolicyDocument.of(previewAccess).toJson())
                .build(), child);

        args.deployEnvironments().forEach((stack, environment) -> {
            String roleName = deployRoleName(stack);
            var role = new Role(roleName, RoleArgs.builder()
                    .name(roleName)
                    .description("pulumi up of naas stack " + stack + ", from GitHub environment " + environment
                            + " of " + args.githubRepository())
                    .assumeRolePolicy(trust(github.arn(), environmentSubject(args.githubRepository(), environment)).toJson())
                    .build(), child);
            new RolePolicyAttachment(roleName + "-administrator", RolePolicyAttachmentArgs.builder()
                    .role(role.name()).policyArn(ADMINISTRATOR).build(), child);
            var access = new ArrayList<>(stateAccess(args.stateBucketArn(), args.stateKeyArn()));
            access.add(Statement.allow(USE_KEY).on(args.secretsKeyArns().get(stack)).withSid("UseThisStacksSecretsKey"));
            var others = args.secretsKeyArns().entrySet().stream()
                    .filter(e -> !e.getKey().equals(stack)).map(Map.Entry::getValue).toArray();
            if (others.length > 0) {
                access.add(Statement.deny("kms:*").on(others).withSid("NoOtherStacksSecretsKey"));
            }
            new RolePolicy(roleName + "-state", RolePolicyArgs.builder()
                    .role(role.name())
                    .name("pulumi-state-and-secrets")
                    .policy(PolicyDocument.of(access).toJson())
                    .build(), child);
            deploy.put(stack, role);
        });
        registerOutputs(Map.of("previewRoleArn", preview.arn()));
    }

    /** The deploy role of a stack, e.g. {@code naas-prod-deploy}: the name the stacks' {@code adminRoleArns} use. */
    public static String deployRoleName(String stack) {
        return "naas-" + stack + "-deploy";
    }

    /** The token subject of a pull request job of {@code repository}. */
    public static String pullRequestSubject(String repository) {
        return "repo:" + repository + ":pull_request";
    }

    /** The token subject of a job of {@code repository} that runs in GitHub environment {@code environment}. */
    public static String environmentSubject(String repository, String environment) {
        return "repo:" + repository + ":environment:" + environment;
    }

    /** Trust for GitHub OIDC tokens of exactly this audience and exactly this subject: no wildcards. */
    private static PolicyDocument trust(Output<String> providerArn, String subject) {
        return PolicyDocument.of(Statement.allow("sts:AssumeRoleWithWebIdentity")
                .by("Federated", providerArn)
                .when("StringEquals", GITHUB_ISSUER + ":aud", AUDIENCE)
                .when("StringEquals", GITHUB_ISSUER + ":sub", subject)
                .withSid("GitHubActions"));
    }

    /** What the Pulumi S3 backend does: list and read stacks, write state, checkpoints and lock files. */
    private static List<Statement> stateAccess(Output<String> bucketArn, Output<String> keyArn) {
        return List.of(
                Statement.allow("s3:ListBucket", "s3:GetBucketLocation").on(bucketArn).withSid("ListState"),
                Statement.allow("s3:GetObject", "s3:PutObject", "s3:DeleteObject")
                        .on(bucketArn.applyValue(arn -> arn + "/*")).withSid("ReadWriteState"),
                Statement.allow(USE_KEY).on(keyArn).withSid("UseStateBucketKey"));
    }

    /** The GitHub OIDC provider's ARN. */
    public Output<String> githubProviderArn() {
        return github.arn();
    }

    /** The preview role's ARN. */
    public Output<String> previewRoleArn() {
        return preview.arn();
    }

    /** Each stack's deploy role ARN, in stack order. */
    public Map<String, Output<String>> deployRoleArns() {
        var arns = new LinkedHashMap<String, Output<String>>();
        deploy.forEach((stack, role) -> arns.put(stack, role.arn()));
        return Collections.unmodifiableMap(arns);
    }
}
