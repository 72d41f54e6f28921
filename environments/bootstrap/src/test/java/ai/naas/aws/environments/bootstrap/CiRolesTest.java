package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.environments.bootstrap.PolicyEvaluator.Decision;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static ai.naas.aws.environments.bootstrap.BootstrapPlans.JSON;
import static ai.naas.aws.environments.bootstrap.BootstrapPlans.statement;
import static ai.naas.aws.environments.bootstrap.BootstrapPlans.statements;
import static ai.naas.aws.environments.bootstrap.BootstrapPlans.texts;
import static ai.naas.aws.environments.bootstrap.PolicyEvaluator.Decision.ALLOW;
import static ai.naas.aws.environments.bootstrap.PolicyEvaluator.Decision.EXPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI roles of the example account (dev and prod in one account, Pulumi.main-account.yaml), statement by
 * statement, and what IAM decides for the requests that matter, evaluated by {@link PolicyEvaluator}: a
 * preview role reads and decrypts its own stack only; a deploy role, AdministratorAccess under its stack's
 * permissions boundary, cannot touch the other stack, the bootstrap's roles, keys and bucket, nor escape
 * through IAM.
 */
class CiRolesTest {

    private static final String ROLE = "aws:iam/role:Role";
    private static final String ACCOUNT = "123456789012";
    private static final String BUCKET = "arn:aws:s3:::naas-pulumi-state-123456789012";
    private static final String ISSUER = "token.actions.githubusercontent.com";
    private static final String REPOSITORY = "jupyter-naas/naas-aws";
    private static final Map<String, String> NO_CONTEXT = Map.of();

    private final Plan plan = BootstrapPlans.example();

    // --- preview roles ---

    @Test
    void eachStackHasItsOwnPreviewRoleAndOnlyDevsTrustsPullRequests() throws Exception {
        assertThat(subjects("naas-dev-preview")).containsExactlyInAnyOrder(
                "repo:" + REPOSITORY + ":ref:refs/heads/main", "repo:" + REPOSITORY + ":pull_request");
        assertThat(subjects("naas-prod-preview")).as("prod is previewed from main, never from a pull request")
                .containsExactly("repo:" + REPOSITORY + ":ref:refs/heads/main");
        var trustingPullRequests = plan.ofType(ROLE).stream()
                .filter(r -> String.valueOf(r.requireInput("assumeRolePolicy")).contains(":pull_request"))
                .map(PlannedResource::name).toList();
        assertThat(trustingPullRequests).containsExactly("naas-dev-preview");
        assertThat(plan.find(ROLE, "naas-preview")).as("the one preview role of every stack is gone").isEmpty();
    }

    @Test
    void prodHasNoPullRequestRoleByDefaultAndAnAccountMayOptIn() throws Exception {
        var defaults = new AccountSettings("naas-state-x", List.of("dev", "prod", "staging"), REPOSITORY, null);
        assertThat(defaults.pullRequestPreviews()).isEqualTo(Map.of("dev", true, "prod", false, "staging", true));
        var optIn = BootstrapPlans.of(Map.of(BootstrapSettings.ACCOUNT_KEY, JSON.writeValueAsString(Map.of(
                "stateBucketName", "naas-pulumi-state-123456789012", "stacks", List.of("dev", "prod"),
                "githubRepository", REPOSITORY, "pullRequestPreviews", Map.of("prod", true)))));
        assertThat(String.valueOf(optIn.resource(ROLE, "naas-prod-preview").requireInput("assumeRolePolicy")))
                .contains("repo:" + REPOSITORY + ":pull_request");
    }

    @Test
    void aPreviewRoleDecryptsItsOwnStacksKeyOnlyAndNeverAnotherStacks() {
        var policy = inlinePolicy("naas-dev-preview");
        assertThat(texts(statement(policy, "DecryptThisStacksSecrets").path("Resource"))).containsExactly(key("dev"));
        assertThat(texts(statement(policy, "DecryptThisStacksSecrets").path("Action"))).containsExactly("kms:Decrypt");
        assertThat(texts(statement(policy, "NoOtherStacksSecretsKey").path("Action"))).containsExactly("kms:*");
        assertThat(texts(statement(policy, "NoOtherStacksSecretsKey").path("Resource"))).containsExactly(key("prod"));
        List<String> identity = List.of((String) policy);
        assertThat(decide(identity, null, "kms:Decrypt", key("dev"))).isEqualTo(ALLOW);
        for (String action : List.of("kms:Decrypt", "kms:DescribeKey", "kms:ReEncryptFrom", "kms:GenerateDataKey")) {
            assertThat(decide(identity, null, action, key("prod"))).as("dev's preview, %s on prod's key", action)
                    .isEqualTo(EXPLICIT_DENY);
        }
        assertThat(decide(List.of((String) inlinePolicy("naas-prod-preview")), null, "kms:Decrypt", key("dev")))
                .isEqualTo(EXPLICIT_DENY);
        assertThat(decide(identity, null, "kms:Encrypt", key("dev"))).as("a preview writes nothing")
                .isNotEqualTo(ALLOW);
        assertThat(managedPolicies("naas-dev-preview")).containsExactly("arn:aws:iam::aws:policy/ReadOnlyAccess");
    }

    @Test
    void aPreviewRoleReadsOnlyItsOwnStacksStateAndNoOtherObject() {
        List<String> identity = List.of((String) inlinePolicy("naas-dev-preview"));
        for (String key : List.of(".pulumi/meta.yaml", ".pulumi/stacks/naas/dev.json", ".pulumi/stacks/naas/dev.json.bak",
                ".pulumi/stacks/naas/dev.json.gz")) {
            assertThat(decide(identity, null, "s3:GetObject", BUCKET + "/" + key)).as(key).isEqualTo(ALLOW);
        }
        // ReadOnlyAccess (s3:Get* on *) is not modelled here, so these must be explicit denials to hold with it.
        for (String key : List.of(".pulumi/stacks/naas/prod.json", ".pulumi/history/naas/prod/prod-1.history.json",
                ".pulumi/stacks/naas-bootstrap/main-account.json")) {
            assertThat(decide(identity, null, "s3:GetObject", BUCKET + "/" + key)).as(key).isEqualTo(EXPLICIT_DENY);
        }
        assertThat(decide(identity, null, "s3:GetObject", "arn:aws:s3:::naas-audit-123456789012/AWSLogs/x.json.gz"))
                .isEqualTo(EXPLICIT_DENY);
        assertThat(decide(identity, null, "s3:PutObject", BUCKET + "/.pulumi/stacks/naas/dev.json"))
                .as("pulumi preview takes no lock and writes no state").isNotEqualTo(ALLOW);
    }

    @Test
    void aPreviewNeverReadsASecretValue() {
        for (String stack : List.of("dev", "prod")) {
            var denial = statement(inlinePolicy("naas-" + stack + "-preview"), "NoSecretValues");
            assertThat(denial.path("Effect").asText()).isEqualTo("Deny");
            assertThat(decide(List.of((String) inlinePolicy("naas-" + stack + "-preview")), null,
                    "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-3:" + ACCOUNT + ":secret:rds!db-1"))
                    .isEqualTo(EXPLICIT_DENY);
        }
    }

    // --- deploy roles and their boundaries ---

    @Test
    void eachDeployRoleCarriesItsOwnStacksBoundary() {
        for (String stack : List.of("dev", "prod")) {
            var role = plan.resource(ROLE, "naas-" + stack + "-deploy");
            var boundary = plan.resource("aws:iam/policy:Policy", "naas-" + stack + "-boundary");
            assertThat(boundary.requireInput("name")).isEqualTo("naas-" + stack + "-boundary");
            assertThat(role.requireInput("permissionsBoundary")).isEqualTo(boundary.output("arn").orElseThrow());
            assertThat(boundary.output("arn").orElseThrow())
                    .isEqualTo("arn:aws:iam::" + ACCOUNT + ":policy/naas-" + stack + "-boundary");
            assertThat(managedPolicies("naas-" + stack + "-deploy"))
                    .containsExactly("arn:aws:iam::aws:policy/AdministratorAccess");
        }
        assertThat(plan.outputs().get("permissionsBoundaryArns")).isEqualTo(Map.of(
                "dev", "arn:aws:iam::" + ACCOUNT + ":policy/naas-dev-boundary",
                "prod", "arn:aws:iam::" + ACCOUNT + ":policy/naas-prod-boundary"));
    }

    @Test
    void aDeployRoleUsesItsOwnStacksStateAndKeyOnly() {
        assertThat(deploy("dev", "s3:PutObject", BUCKET + "/.pulumi/locks/organization/naas/dev/1f2e.json")).isEqualTo(ALLOW);
        assertThat(deploy("dev", "s3:PutObject", BUCKET + "/.pulumi/stacks/naas/dev.json")).isEqualTo(ALLOW);
        assertThat(deploy("dev", "s3:DeleteObject", BUCKET + "/.pulumi/history/naas/dev/dev-1.history.json")).isEqualTo(ALLOW);
        assertThat(deploy("dev", "s3:GetObject", BUCKET + "/.pulumi/meta.yaml")).isEqualTo(ALLOW);
        assertThat(deploy("dev", "s3:PutObject", BUCKET + "/.pulumi/meta.yaml")).isNotEqualTo(ALLOW);
        for (String key : List.of(".pulumi/stacks/naas/prod.json", ".pulumi/locks/organization/naas/prod/a.json",
                ".pulumi/stacks/naas-bootstrap/main-account.json")) {
            assertThat(deploy("dev", "s3:GetObject", BUCKET + "/" + key)).as(key).isNotEqualTo(ALLOW);
            assertThat(deploy("dev", "s3:PutObject", BUCKET + "/" + key)).as(key).isNotEqualTo(ALLOW);
        }
        assertThat(deploy("dev", "kms:Decrypt", key("dev"))).isEqualTo(ALLOW);
        assertThat(deploy("dev", "kms:Decrypt", key("prod"))).isEqualTo(EXPLICIT_DENY);
        assertThat(deploy("prod", "kms:Decrypt", key("dev"))).isEqualTo(EXPLICIT_DENY);
        assertThat(deploy("dev", "ec2:CreateVpc", "*")).as("the rest of AdministratorAccess stays").isEqualTo(ALLOW);
    }

    @Test
    void theBoundaryProtectsTheBootstrapsRolesBoundariesProviderBucketAndKeys() {
        String iam = "arn:aws:iam::" + ACCOUNT + ":";
        for (String stack : List.of("dev", "prod")) {
            assertThat(deploy("dev", "iam:CreatePolicyVersion", iam + "policy/naas-" + stack + "-boundary")).isEqualTo(EXPLICIT_DENY);
            assertThat(deploy("dev", "iam:DeletePolicy", iam + "policy/naas-" + stack + "-boundary")).isEqualTo(EXPLICIT_DENY);
            assertThat(deploy("dev", "iam:SetDefaultPolicyVersion", iam + "policy/naas-" + stack + "-boundary")).isEqualTo(EXPLICIT_DENY);
            for (String role : List.of("naas-" + stack + "-deploy", "naas-" + stack + "-preview")) {
                for (String action : List.of("iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
                        "iam:UpdateAssumeRolePolicy", "iam:DeleteRole", "iam:TagRole", "iam:PassRole", "sts:AssumeRole")) {
                    assertThat(deploy("dev", action, iam + "role/" + role)).as("%s on %s", action, role).isEqualTo(EXPLICIT_DENY);
                }
            }
        }
        assertThat(deploy("dev", "iam:GetRole", iam + "role/naas-prod-deploy")).as("reading stays").isEqualTo(ALLOW);
        for (String action : List.of("iam:DeleteOpenIDConnectProvider", "iam:UpdateOpenIDConnectProviderThumbprint",
                "iam:AddClientIDToOpenIDConnectProvider")) {
            assertThat(deploy("dev", action, iam + "oidc-provider/" + ISSUER)).as(action).isEqualTo(EXPLICIT_DENY);
        }
        assertThat(deploy("dev", "iam:DeleteOpenIDConnectProvider",
                iam + "oidc-provider/oidc.eks.eu-west-3.amazonaws.com/id/ABC")).as("the cluster's own provider").isEqualTo(ALLOW);
        for (String action : List.of("s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:DeleteBucket",
                "s3:PutBucketVersioning", "s3:PutEncryptionConfiguration", "s3:PutBucketPublicAccessBlock")) {
            assertThat(deploy("dev", action, BUCKET)).as(action).isEqualTo(EXPLICIT_DENY);
        }
        assertThat(deploy("dev", "s3:DeleteObjectVersion", BUCKET + "/.pulumi/stacks/naas/dev.json"))
                .as("state history is never erased").isEqualTo(EXPLICIT_DENY);
        var keys = List.of(key("dev"), key("prod"), arnOf("aws:kms/key:Key", "naas-state-key"));
        for (String key : keys) {
            for (String action : List.of("kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:CreateGrant")) {
                assertThat(deploy("dev", action, key)).as("%s on %s", action, key).isEqualTo(EXPLICIT_DENY);
            }
        }
        assertThat(deploy("dev", "kms:UpdateAlias", "arn:aws:kms:eu-west-3:" + ACCOUNT + ":alias/naas-prod-secrets"))
                .isEqualTo(EXPLICIT_DENY);
    }

    @Test
    void theBoundaryRefusesResourcesTaggedForAnotherStack() {
        String instance = "arn:aws:ec2:eu-west-3:" + ACCOUNT + ":instance/i-0123456789abcdef0";
        String database = "arn:aws:rds:eu-west-3:" + ACCOUNT + ":db:naas-prod-db";
        assertThat(deploy("dev", "ec2:TerminateInstances", instance, Map.of("aws:ResourceTag/naas:stack", "prod")))
                .isEqualTo(EXPLICIT_DENY);
        assertThat(deploy("dev", "rds:DeleteDBInstance", database, Map.of("aws:ResourceTag/naas:stack", "prod")))
                .isEqualTo(EXPLICIT_DENY);
        assertThat(deploy("dev", "ec2:TerminateInstances", instance, Map.of("aws:ResourceTag/naas:stack", "dev")))
                .isEqualTo(ALLOW);
        assertThat(deploy("prod", "rds:ModifyDBInstance", database, Map.of("aws:ResourceTag/naas:stack", "prod")))
                .isEqualTo(ALLOW);
        assertThat(deploy("dev", "ec2:RunInstances", instance, Map.of("aws:RequestTag/naas:stack", "prod")))
                .as("nothing created in another stack's name").isEqualTo(EXPLICIT_DENY);
        assertThat(deploy("dev", "ec2:CreateTags", instance,
                Map.of("aws:ResourceTag/naas:stack", "dev", "aws:RequestTag/naas:stack", "prod")))
                .as("nor retagged into it").isEqualTo(EXPLICIT_DENY);
        assertThat(deploy("dev", "ec2:RunInstances", instance, Map.of("aws:RequestTag/naas:stack", "dev"))).isEqualTo(ALLOW);
        String nodes = "arn:aws:iam::" + ACCOUNT + ":role/naas-prod-nodes-1a2b3c";
        assertThat(deploy("dev", "iam:PassRole", nodes, Map.of("aws:ResourceTag/naas:stack", "prod"))).isEqualTo(EXPLICIT_DENY);
        assertThat(deploy("dev", "iam:PassRole", nodes, NO_CONTEXT)).as("an untagged role is no stack's").isEqualTo(EXPLICIT_DENY);
        assertThat(deploy("dev", "iam:PassRole", nodes, Map.of("aws:ResourceTag/naas:stack", "dev"))).isEqualTo(ALLOW);
    }

    @Test
    void theBoundaryLetsNoRoleOrUserOutWithoutIt() {
        String own = "arn:aws:iam::" + ACCOUNT + ":policy/naas-dev-boundary";
        String prods = "arn:aws:iam::" + ACCOUNT + ":policy/naas-prod-boundary";
        String role = "arn:aws:iam::" + ACCOUNT + ":role/escape";
        assertThat(deploy("dev", "iam:CreateRole", role, NO_CONTEXT)).as("an administrator role without a boundary")
                .isEqualTo(EXPLICIT_DENY);
        assertThat(deploy("dev", "iam:CreateRole", role, Map.of("iam:PermissionsBoundary", prods))).isEqualTo(EXPLICIT_DENY);
        assertThat(deploy("dev", "iam:CreateRole", role, Map.of("iam:PermissionsBoundary", own))).isEqualTo(ALLOW);
        assertThat(deploy("dev", "iam:PutRolePermissionsBoundary", role,
                Map.of("iam:PermissionsBoundary", "arn:aws:iam::aws:policy/AdministratorAccess"))).isEqualTo(EXPLICIT_DENY);
        assertThat(deploy("dev", "iam:DeleteRolePermissionsBoundary", role, Map.of("iam:PermissionsBoundary", own)))
                .isEqualTo(EXPLICIT_DENY);
        for (String action : List.of("iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy")) {
            assertThat(deploy("dev", action, "arn:aws:iam::" + ACCOUNT + ":role/OrganizationAccountAccessRole", NO_CONTEXT))
                    .as("%s on a role without the boundary", action).isEqualTo(EXPLICIT_DENY);
            assertThat(deploy("dev", action, role, Map.of("iam:PermissionsBoundary", own))).as(action).isEqualTo(ALLOW);
        }
        String user = "arn:aws:iam::" + ACCOUNT + ":user/escape";
        assertThat(deploy("dev", "iam:CreateUser", user, NO_CONTEXT)).isEqualTo(EXPLICIT_DENY);
        assertThat(deploy("dev", "iam:AttachUserPolicy", user, NO_CONTEXT)).isEqualTo(EXPLICIT_DENY);
        assertThat(deploy("dev", "iam:DeleteUserPermissionsBoundary", user, Map.of("iam:PermissionsBoundary", own)))
                .isEqualTo(EXPLICIT_DENY);
    }

    @Test
    void everyConditionKeyAndActionIsOneAwsDocuments() throws Exception {
        JsonNode reference = JSON.readTree(getClass().getResourceAsStream("/iam-service-authorization-excerpt.json"))
                .path("conditionKeysByAction");
        for (String action : CiRoles.BOUNDED_IAM_ACTIONS) {
            assertThat(texts(reference.path(action))).as(action + " is filtered by iam:PermissionsBoundary")
                    .contains("iam:PermissionsBoundary");
        }
        assertThat(texts(reference.path("iam:PassRole"))).contains("aws:ResourceTag/${TagKey}");
        var used = new TreeSet<String>();
        var policies = new ArrayList<Object>();
        for (String stack : List.of("dev", "prod")) {
            policies.add(plan.resource("aws:iam/policy:Policy", "naas-" + stack + "-boundary").requireInput("policy"));
            policies.add(inlinePolicy("naas-" + stack + "-preview"));
            policies.add(inlinePolicy("naas-" + stack + "-deploy"));
        }
        for (Object policy : policies) {
            for (JsonNode s : statements(policy)) {
                used.addAll(texts(s.path("Action")));
                used.addAll(texts(s.path("NotAction")));
                for (var iam : texts(s.path("Action"))) {
                    if (iam.startsWith("iam:") && s.path("Condition").toString().contains("iam:PermissionsBoundary")) {
                        assertThat(texts(reference.path(iam))).as(iam).contains("iam:PermissionsBoundary");
                    }
                }
            }
        }
        // The IAM action for S3's ListObjects(V2) is s3:ListBucket, and GetObject with a version id is s3:GetObjectVersion.
        var s3Actions = Map.of("s3:ListBucket", "ListObjectsV2", "s3:GetObjectVersion", "GetObject");
        for (String action : used) {
            if (action.contains("*")) {
                continue;
            }
            String service = action.substring(0, action.indexOf(':'));
            String operation = s3Actions.getOrDefault(action, action.substring(action.indexOf(':') + 1));
            if (service.equals("iam")) {
                assertThat(reference.has(action) || operations("iam").contains(operation)).as(action).isTrue();
            } else {
                assertThat(operations(service)).as(action + " is an operation of " + service + "'s API model")
                        .contains(operation);
            }
        }
    }

    @Test
    void thePreviewJobAssumesEachStacksPreviewRoleAndPullRequestsPreviewOnlyWhatTheAccountAllows() throws Exception {
        var workflow = new YAMLMapper().readTree(Files.readString(Path.of("../../.github/workflows/stacks.yml")));
        var preview = workflow.path("jobs").path("preview");
        var configure = new ArrayList<JsonNode>();
        preview.path("steps").forEach(s -> {
            if (s.path("uses").asText().startsWith("aws-actions/configure-aws-credentials")) {
                configure.add(s);
            }
        });
        assertThat(configure).hasSize(1);
        assertThat(configure.get(0).path("with").path("role-to-assume").asText())
                .endsWith(":role/naas-${{ matrix.stack }}-preview");
        String matrix = preview.path("strategy").path("matrix").path("stack").asText();
        var m = Pattern.compile("github\\.event_name == 'pull_request' && '(\\[.*?])' \\|\\| '(\\[.*?])'").matcher(matrix);
        assertThat(m.find()).as(matrix).isTrue();
        var account = new YAMLMapper().readTree(Files.readString(Path.of("Pulumi.main-account.yaml")))
                .path("config").path(BootstrapSettings.ACCOUNT_KEY);
        var settings = JSON.treeToValue(account, AccountSettings.class);
        var pullRequests = settings.stacks().stream().filter(settings::pullRequestPreview).toList();
        assertThat(JSON.readValue(m.group(1), List.class)).as("stacks pull requests preview").isEqualTo(pullRequests);
        assertThat(JSON.readValue(m.group(2), List.class)).as("stacks main previews").isEqualTo(settings.stacks());
    }

    @Test
    void theStacksProjectIsTheOneWhoseStateTheRolesRead() throws Exception {
        var project = new YAMLMapper().readTree(Files.readString(Path.of("../Pulumi.yaml"))).path("name").asText();
        assertThat(project).isEqualTo(CiRoles.STACKS_PROJECT);
    }

    // --- helpers ---

    private Decision deploy(String stack, String action, String resource) {
        return deploy(stack, action, resource, NO_CONTEXT);
    }

    /** What {@code naas-<stack>-deploy} may do: AdministratorAccess and its inline policy, under its boundary. */
    private Decision deploy(String stack, String action, String resource, Map<String, String> context) {
        var identity = List.of(PolicyEvaluator.ADMINISTRATOR_ACCESS, (String) inlinePolicy("naas-" + stack + "-deploy"));
        var boundary = (String) plan.resource("aws:iam/policy:Policy", "naas-" + stack + "-boundary").requireInput("policy");
        return PolicyEvaluator.evaluate(identity, boundary, action, resource, context);
    }

    private static Decision decide(List<String> identity, String boundary, String action, String resource) {
        return PolicyEvaluator.evaluate(identity, boundary, action, resource, NO_CONTEXT);
    }

    private List<String> subjects(String role) throws Exception {
        var trust = JSON.readTree((String) plan.resource(ROLE, role).requireInput("assumeRolePolicy"));
        return texts(trust.path("Statement").get(0).path("Condition").path("StringEquals").path(ISSUER + ":sub"));
    }

    private Object inlinePolicy(String role) {
        var policies = plan.ofType("aws:iam/rolePolicy:RolePolicy").stream()
                .filter(p -> role.equals(p.requireInput("role"))).toList();
        assertThat(policies).hasSize(1);
        return policies.get(0).requireInput("policy");
    }

    private List<Object> managedPolicies(String role) {
        return plan.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
                .filter(a -> role.equals(a.requireInput("role"))).map(a -> a.requireInput("policyArn")).toList();
    }

    private String key(String stack) {
        return arnOf("aws:kms/key:Key", "naas-" + stack + "-secrets");
    }

    private String arnOf(String type, String name) {
        return (String) plan.resource(type, name).output("arn").orElseThrow();
    }

    /** The operation names of a service's newest botocore API model (python3-botocore). */
    private static Set<String> operations(String service) throws Exception {
        Path dir = Path.of("/usr/lib/python3/dist-packages/botocore/data", service);
        Path newest;
        try (var versions = Files.list(dir)) {
            newest = versions.filter(Files::isDirectory).max(Path::compareTo).orElseThrow();
        }
        Path plain = newest.resolve("service-2.json");
        JsonNode model = Files.exists(plain) ? JSON.readTree(plain.toFile())
                : JSON.readTree(new GZIPInputStream(Files.newInputStream(newest.resolve("service-2.json.gz"))));
        var names = new TreeSet<String>();
        model.path("operations").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
