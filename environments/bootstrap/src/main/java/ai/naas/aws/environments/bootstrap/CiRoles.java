package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.RoleBoundary;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
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
 * The roles GitHub Actions assumes through OIDC, so CI holds no AWS keys, two per stack:
 *
 * <ul>
 *   <li>{@code naas-<stack>-preview}: {@code pulumi preview} of one stack. Trusted by jobs of pushes to main,
 *       and by pull request jobs only if the stack allows pull request previews
 *       ({@link AccountSettings#pullRequestPreviews()}; prod does not by default). {@code ReadOnlyAccess} for
 *       the program's data sources and {@code --refresh}, plus: read its own stack's state only, decrypt with
 *       its own stack's secrets key only. Denied explicitly: every other stack's secrets key, every S3 object
 *       but its state (other stacks' state, audit logs), and {@code secretsmanager:GetSecretValue}
 *       anywhere: a preview never reads a secret's value.</li>
 *   <li>{@code naas-<stack>-deploy}: {@code pulumi up} of one stack after a merge to main. Trusted only by jobs
 *       running in that stack's GitHub environment (the token's subject is then
 *       {@code repo:<owner>/<name>:environment:<env>}), whose protection rules decide who can reach it.
 *       {@code AdministratorAccess}, because the stack creates IAM roles, under the permissions boundary
 *       {@code naas-<stack>-boundary} ({@link #boundary}), which is what keeps it inside its stack.</li>
 * </ul>
 */
public final class CiRoles extends ComponentResource {

    /** The issuer of GitHub Actions' OIDC tokens, and the prefix of their condition keys in IAM. */
    public static final String GITHUB_ISSUER = "token.actions.githubusercontent.com";
    /** The audience aws-actions/configure-aws-credentials requests. */
    public static final String AUDIENCE = "sts.amazonaws.com";
    /** The Pulumi project of the naas stacks ({@code environments/Pulumi.yaml}): their state is kept under its name. */
    public static final String STACKS_PROJECT = "naas";
    /** The branch whose pushes may preview every stack. */
    public static final String MAIN_BRANCH = "refs/heads/main";

    private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private static final String ADMINISTRATOR = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static final String[] USE_KEY = {"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"};
    /** What the Pulumi S3 backend does to a stack's objects: read, write, delete (lock files, journal). */
    private static final String[] READ_WRITE_OBJECTS = {"s3:GetObject", "s3:PutObject", "s3:DeleteObject"};
    /** What a deploy role may do to the state bucket itself: list it and use its objects, nothing else. */
    private static final String[] STATE_BUCKET_USE = {"s3:ListBucket", "s3:GetBucketLocation", "s3:GetObject",
            "s3:PutObject", "s3:DeleteObject"};
    /** What would take a key away from its stack or give it to someone else. */
    private static final String[] KEY_ADMINISTRATION = {"kms:PutKeyPolicy", "kms:ScheduleKeyDeletion",
            "kms:DisableKey", "kms:DisableKeyRotation", "kms:CreateGrant"};
    /**
     * What would give a role or user more than the boundary allows: AWS's documented delegation pattern
     * ("CreateOrChangeOnlyWithBoundary"), with the role actions whose {@code iam:PermissionsBoundary} is the
     * entity's own boundary added, so that a role without this boundary (another stack's, the account's)
     * cannot be given policies or a new trust either.
     */
    static final List<String> BOUNDED_IAM_ACTIONS = List.of("iam:CreateRole", "iam:PutRolePermissionsBoundary",
            "iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:DetachRolePolicy", "iam:DeleteRolePolicy",
            "iam:UpdateAssumeRolePolicy", "iam:CreateUser", "iam:PutUserPermissionsBoundary",
            "iam:AttachUserPolicy", "iam:PutUserPolicy");

    /**
     * @param githubRepository    {@code owner/name}, validated by {@link AccountSettings}
     * @param deployEnvironments  the GitHub environment of each stack's deploy job, in stack order
     * @param pullRequestPreviews whether pull requests may preview each stack, in stack order
     * @param accountId           the account's id: the boundary names the roles and policies it protects
     * @param region              the account's home region, where the secrets keys' aliases live
     * @param stateBucketArn      the state bucket
     * @param stateKeyArn         the KMS key that encrypts the state bucket's objects
     * @param secretsKeyArns      each stack's secrets provider key, by stack
     */
    public record Args(
            String githubRepository,
            Map<String, String> deployEnvironments,
            Map<String, Boolean> pullRequestPreviews,
            Output<String> accountId,
            String region,
            Output<String> stateBucketArn,
            Output<String> stateKeyArn,
            Map<String, Output<String>> secretsKeyArns) {

        public Args {
            deployEnvironments = Collections.unmodifiableMap(new LinkedHashMap<>(deployEnvironments));
            pullRequestPreviews = Collections.unmodifiableMap(new LinkedHashMap<>(pullRequestPreviews));
            secretsKeyArns = Collections.unmodifiableMap(new LinkedHashMap<>(secretsKeyArns));
            if (!deployEnvironments.keySet().equals(secretsKeyArns.keySet())
                    || !pullRequestPreviews.keySet().equals(secretsKeyArns.keySet())) {
                throw new IllegalArgumentException("a deploy environment, a preview setting and a secrets key per "
                        + "stack, got " + deployEnvironments.keySet() + ", " + pullRequestPreviews.keySet()
                        + " and " + secretsKeyArns.keySet());
            }
        }

        /** The stacks, in order. */
        public List<String> stacks() {
            return List.copyOf(secretsKeyArns.keySet());
        }
    }

    private final OpenIdConnectProvider github;
    private final Map<String, Role> preview = new LinkedHashMap<>();
    private final Map<String, Role> deploy = new LinkedHashMap<>();
    private final Map<String, Policy> boundaries = new LinkedHashMap<>();

    public CiRoles(String name, Args args, ComponentResourceOptions options) {
        super("naas:bootstrap:CiRoles", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        this.github = new OpenIdConnectProvider("github-actions", OpenIdConnectProviderArgs.builder()
                .url("https://" + GITHUB_ISSUER)
                .clientIdLists(AUDIENCE)
                // IAM trusts GitHub's issuer through its own CA store; the thumbprints are a required formality.
                .thumbprintLists("6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd")
                .build(), child);

        var state = new StateLayout(args.stateBucketArn());
        for (String stack : args.stacks()) {
            preview.put(stack, previewRole(stack, args, state, child));

            String policyName = RoleBoundary.policyName(stack);
            var boundary = new Policy(policyName, PolicyArgs.builder()
                    .name(policyName)
                    .description("naas " + stack + ": permissions boundary of its deploy role and of every role "
                            + "the stack creates")
                    .policy(boundary(stack, args, state).toJson())
                    .build(), child);
            boundaries.put(stack, boundary);
            deploy.put(stack, deployRole(stack, args, state, boundary, child));
        }
        registerOutputs(Map.of());
    }

    private Role previewRole(String stack, Args args, StateLayout state, CustomResourceOptions child) {
        String roleName = previewRoleName(stack);
        var subjects = new ArrayList<String>();
        subjects.add(branchSubject(args.githubRepository(), MAIN_BRANCH));
        if (args.pullRequestPreviews().get(stack)) {
            subjects.add(pullRequestSubject(args.githubRepository()));
        }
        var role = new Role(roleName, RoleArgs.builder()
                .name(roleName)
                .description("pulumi preview of naas stack " + stack + ", from "
                        + (args.pullRequestPreviews().get(stack) ? "pull requests and " : "") + "pushes to main of "
                        + args.githubRepository())
                .assumeRolePolicy(trust(github.arn(), subjects).toJson())
                .build(), child);
        new RolePolicyAttachment(roleName + "-read-only", RolePolicyAttachmentArgs.builder()
                .role(role.name()).policyArn(READ_ONLY).build(), child);
        new RolePolicy(roleName + "-state", RolePolicyArgs.builder()
                .role(role.name())
                .name("pulumi-preview")
                .policy(previewPolicy(stack, args, state).toJson())
                .build(), child);
        return role;
    }

    private Role deployRole(String stack, Args args, StateLayout state, Policy boundary, CustomResourceOptions child) {
        String roleName = deployRoleName(stack);
        String environment = args.deployEnvironments().get(stack);
        var role = new Role(roleName, RoleArgs.builder()
                .name(roleName)
                .description("pulumi up of naas stack " + stack + ", from GitHub environment " + environment
                        + " of " + args.githubRepository())
                .assumeRolePolicy(trust(github.arn(), List.of(environmentSubject(args.githubRepository(), environment)))
                        .toJson())
                .permissionsBoundary(boundary.arn())
                .build(), child);
        new RolePolicyAttachment(roleName + "-administrator", RolePolicyAttachmentArgs.builder()
                .role(role.name()).policyArn(ADMINISTRATOR).build(), child);
        new RolePolicy(roleName + "-state", RolePolicyArgs.builder()
                .role(role.name())
                .name("pulumi-state-and-secrets")
                .policy(deployPolicy(stack, args, state).toJson())
                .build(), child);
        return role;
    }

    /** Read this stack's state and decrypt its secrets; nothing of another stack, no secret value anywhere. */
    static PolicyDocument previewPolicy(String stack, Args args, StateLayout state) {
        var statements = new ArrayList<Statement>();
        statements.add(Statement.allow("s3:ListBucket", "s3:GetBucketLocation").on(args.stateBucketArn())
                .withSid("ListState"));
        statements.add(Statement.allow("s3:GetObject").on(state.metadata(), state.checkpoint(stack))
                .withSid("ReadThisStacksState"));
        statements.add(Statement.allow("kms:Decrypt").on(args.stateKeyArn()).withSid("DecryptState"));
        statements.add(Statement.allow("kms:Decrypt").on(args.secretsKeyArns().get(stack))
                .withSid("DecryptThisStacksSecrets"));
        // ReadOnlyAccess reads every bucket's objects: here only this stack's state may be read.
        statements.add(Statement.deny("s3:GetObject", "s3:GetObjectVersion")
                .notOn(state.metadata(), state.checkpoint(stack)).withSid("NoOtherObjects"));
        statements.add(Statement.deny("secretsmanager:GetSecretValue").on("*").withSid("NoSecretValues"));
        otherKeys(stack, args).ifPresent(others -> statements.add(others.withSid("NoOtherStacksSecretsKey")));
        return PolicyDocument.of(statements);
    }

    /** What the Pulumi S3 backend does for one stack: its state files, lock files, history, backups. */
    static PolicyDocument deployPolicy(String stack, Args args, StateLayout state) {
        var statements = new ArrayList<Statement>();
        statements.add(Statement.allow("s3:ListBucket", "s3:GetBucketLocation").on(args.stateBucketArn())
                .withSid("ListState"));
        statements.add(Statement.allow("s3:GetObject").on(state.metadata()).withSid("ReadStateMetadata"));
        statements.add(Statement.allow(READ_WRITE_OBJECTS).on(state.ofStack(stack).toArray())
                .withSid("ReadWriteThisStacksState"));
        statements.add(Statement.allow(USE_KEY).on(args.stateKeyArn()).withSid("UseStateBucketKey"));
        statements.add(Statement.allow(USE_KEY).on(args.secretsKeyArns().get(stack)).withSid("UseThisStacksSecretsKey"));
        otherKeys(stack, args).ifPresent(others -> statements.add(others.withSid("NoOtherStacksSecretsKey")));
        return PolicyDocument.of(statements);
    }

    /**
     * The permissions boundary of {@code stack}'s deploy role and of every role the stack creates
     * ({@link RoleBoundary}): the most they can ever do, whatever policies are attached to them.
     */
    static PolicyDocument boundary(String stack, Args args, StateLayout state) {
        Output<String> accountId = args.accountId();
        var ownBoundary = accountId.applyValue(id -> RoleBoundary.policyArn(id, stack));
        var statements = new ArrayList<Statement>();
        // The ceiling: everything, except the state bucket's objects, of which only this stack's own.
        statements.add(Statement.allow("*").notOn(state.objects()).withSid("EverythingButOtherStacksState"));
        statements.add(Statement.allow("s3:GetObject").on(state.metadata()).withSid("ReadStateMetadata"));
        statements.add(Statement.allow(READ_WRITE_OBJECTS).on(state.ofStack(stack).toArray())
                .withSid("ThisStacksState"));

        // (a) What the bootstrap set up to contain the stacks: only readable.
        var bootstrapIam = new ArrayList<Object>();
        for (String each : args.stacks()) {
            bootstrapIam.add(accountId.applyValue(id -> "arn:aws:iam::" + id + ":role/" + deployRoleName(each)));
            bootstrapIam.add(accountId.applyValue(id -> "arn:aws:iam::" + id + ":role/" + previewRoleName(each)));
            bootstrapIam.add(accountId.applyValue(id -> RoleBoundary.policyArn(id, each)));
        }
        bootstrapIam.add(accountId.applyValue(id -> "arn:aws:iam::" + id + ":oidc-provider/" + GITHUB_ISSUER));
        statements.add(Statement.denyAllExcept("iam:Get*", "iam:List*").on(bootstrapIam.toArray())
                .withSid("ProtectTheCiRolesBoundariesAndGitHubProvider"));
        statements.add(Statement.denyAllExcept(STATE_BUCKET_USE).on(state.bucketArn(), state.objects())
                .withSid("ProtectTheStateBucket"));
        var keys = new ArrayList<Object>(args.secretsKeyArns().values());
        keys.add(args.stateKeyArn());
        statements.add(Statement.deny(KEY_ADMINISTRATION).on(keys.toArray()).withSid("ProtectTheStateAndSecretsKeys"));
        statements.add(Statement.deny("kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias")
                .on(accountId.applyValue(id -> "arn:aws:kms:" + args.region() + ":" + id + ":alias/naas-*-secrets"),
                        accountId.applyValue(id -> "arn:aws:kms:" + args.region() + ":" + id + ":alias/naas-pulumi-state"))
                .withSid("ProtectTheKeyAliases"));
        otherKeys(stack, args).ifPresent(others -> statements.add(others.withSid("NoOtherStacksSecretsKey")));

        // (b) Resources tagged for another stack: neither touched nor created.
        String tag = RoleBoundary.STACK_TAG;
        statements.add(Statement.deny("*").on("*")
                .when("Null", "aws:ResourceTag/" + tag, "false")
                .when("StringNotEquals", "aws:ResourceTag/" + tag, stack)
                .withSid("NoOtherStacksResources"));
        statements.add(Statement.deny("*").on("*")
                .when("Null", "aws:RequestTag/" + tag, "false")
                .when("StringNotEquals", "aws:RequestTag/" + tag, stack)
                .withSid("NoResourcesForOtherStacks"));
        // Passing a role hands its permissions to a service: only this stack's own roles.
        statements.add(Statement.deny("iam:PassRole").on("*")
                .when("StringNotEquals", "aws:ResourceTag/" + tag, stack)
                .withSid("PassOnlyThisStacksRoles"));

        // (c) No way out through IAM: every role or user created or changed carries this same boundary.
        statements.add(Statement.deny(BOUNDED_IAM_ACTIONS.toArray(String[]::new)).on("*")
                .when("StringNotEquals", "iam:PermissionsBoundary", ownBoundary)
                .withSid("CreateOrChangeOnlyWithBoundary"));
        statements.add(Statement.deny("iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary")
                .on("*").withSid("NoBoundaryRemoval"));
        return PolicyDocument.of(statements);
    }

    /** Every KMS action on the other stacks' secrets keys, denied; none when the account has one stack. */
    private static java.util.Optional<Statement> otherKeys(String stack, Args args) {
        var others = args.secretsKeyArns().entrySet().stream()
                .filter(e -> !e.getKey().equals(stack)).map(Map.Entry::getValue).toArray();
        return others.length == 0 ? java.util.Optional.empty() : java.util.Optional.of(Statement.deny("kms:*").on(others));
    }

    /** The deploy role of a stack, e.g. {@code naas-prod-deploy}: the name the stacks' {@code adminRoleArns} use. */
    public static String deployRoleName(String stack) {
        return "naas-" + stack + "-deploy";
    }

    /** The preview role of a stack, e.g. {@code naas-dev-preview}: the name the workflow's preview job assumes. */
    public static String previewRoleName(String stack) {
        return "naas-" + stack + "-preview";
    }

    /** The token subject of a pull request job of {@code repository}. */
    public static String pullRequestSubject(String repository) {
        return "repo:" + repository + ":pull_request";
    }

    /** The token subject of a job of {@code repository} run for a push to {@code ref}, without an environment. */
    public static String branchSubject(String repository, String ref) {
        return "repo:" + repository + ":ref:" + ref;
    }

    /** The token subject of a job of {@code repository} that runs in GitHub environment {@code environment}. */
    public static String environmentSubject(String repository, String environment) {
        return "repo:" + repository + ":environment:" + environment;
    }

    /** Trust for GitHub OIDC tokens of exactly this audience and exactly these subjects: no wildcards. */
    private static PolicyDocument trust(Output<String> providerArn, List<String> subjects) {
        return PolicyDocument.of(Statement.allow("sts:AssumeRoleWithWebIdentity")
                .by("Federated", providerArn)
                .when("StringEquals", GITHUB_ISSUER + ":aud", AUDIENCE)
                .when("StringEquals", GITHUB_ISSUER + ":sub", subjects.size() == 1 ? subjects.get(0) : List.copyOf(subjects))
                .withSid("GitHubActions"));
    }

    /**
     * Where the Pulumi S3 backend keeps a stack of project {@value #STACKS_PROJECT} (project-scoped layout, the
     * one {@code .pulumi/meta.yaml} version 1 selects): {@code .pulumi/stacks/<project>/<stack>.json} (and its
     * {@code .bak}, {@code .gz}, {@code .zst} forms), {@code .pulumi/history|backups|journal/<project>/<stack>/},
     * and lock files under {@code .pulumi/locks/organization/<project>/<stack>/}. Stack names have no dots, so
     * {@code dev.*} never matches another stack's file.
     */
    record StateLayout(Output<String> bucketArn) {

        /** Every object of the bucket. */
        Output<String> objects() {
            return object("*");
        }

        /** {@code .pulumi/meta.yaml}: the layout version every CLI reads first. */
        Output<String> metadata() {
            return object(".pulumi/meta.yaml");
        }

        /** The stack's checkpoint in every form the backend writes. */
        Output<String> checkpoint(String stack) {
            return object(".pulumi/stacks/" + STACKS_PROJECT + "/" + stack + ".*");
        }

        /** Every object the backend keeps for {@code stack}. */
        List<Output<String>> ofStack(String stack) {
            return List.of(checkpoint(stack),
                    object(".pulumi/history/" + STACKS_PROJECT + "/" + stack + "/*"),
                    object(".pulumi/backups/" + STACKS_PROJECT + "/" + stack + "/*"),
                    object(".pulumi/journal/" + STACKS_PROJECT + "/" + stack + "/*"),
                    object(".pulumi/locks/organization/" + STACKS_PROJECT + "/" + stack + "/*"));
        }

        private Output<String> object(String key) {
            return bucketArn.applyValue(arn -> arn + "/" + key);
        }
    }

    /** The GitHub OIDC provider's ARN. */
    public Output<String> githubProviderArn() {
        return github.arn();
    }

    /** Each stack's preview role ARN, in stack order. */
    public Map<String, Output<String>> previewRoleArns() {
        return arns(preview);
    }

    /** Each stack's deploy role ARN, in stack order. */
    public Map<String, Output<String>> deployRoleArns() {
        return arns(deploy);
    }

    /** Each stack's permissions boundary policy ARN, in stack order. */
    public Map<String, Output<String>> boundaryArns() {
        var arns = new LinkedHashMap<String, Output<String>>();
        boundaries.forEach((stack, policy) -> arns.put(stack, policy.arn()));
        return Collections.unmodifiableMap(arns);
    }

    private static Map<String, Output<String>> arns(Map<String, Role> roles) {
        var arns = new LinkedHashMap<String, Output<String>>();
        roles.forEach((stack, role) -> arns.put(stack, role.arn()));
        return Collections.unmodifiableMap(arns);
    }
}
