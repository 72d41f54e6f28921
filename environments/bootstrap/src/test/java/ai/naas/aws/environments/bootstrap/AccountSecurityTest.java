package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static ai.naas.aws.environments.bootstrap.BootstrapPlans.JSON;
import static ai.naas.aws.environments.bootstrap.BootstrapPlans.statement;
import static ai.naas.aws.environments.bootstrap.BootstrapPlans.statements;
import static ai.naas.aws.environments.bootstrap.BootstrapPlans.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account's IAM: one password policy and the MFA-enforcing team groups, created by the bootstrap (they
 * moved here from the stacks, whose plans no longer hold them: {@code DataAndSecurityLayerTest}).
 */
class AccountSecurityTest {

    private static final String POLICY = "aws:iam/policy:Policy";
    private final Plan plan = BootstrapPlans.example();

    @Test
    void thePasswordPolicyFollowsAwsBestPractices() {
        var policy = plan.ofType("aws:iam/accountPasswordPolicy:AccountPasswordPolicy").get(0);
        assertThat((Long) policy.requireInput("minimumPasswordLength")).isGreaterThanOrEqualTo(14L);
        assertThat(policy.requireInput("passwordReusePrevention")).isEqualTo(24L);
        assertThat(policy.requireInput("maxPasswordAge")).isEqualTo(90L);
        for (String rule : List.of("requireLowercaseCharacters", "requireUppercaseCharacters", "requireNumbers", "requireSymbols")) {
            assertThat(policy.requireInput(rule)).as(rule).isEqualTo(true);
        }
    }

    @Test
    void theAccountHasExactlyOnePasswordPolicyAndItsNumbersComeFromConfig() {
        assertThat(plan.ofType("aws:iam/accountPasswordPolicy:AccountPasswordPolicy")).hasSize(1);
        var stricter = BootstrapPlans.of(Map.of(BootstrapSettings.ACCOUNT_SECURITY_KEY,
                "{\"minimumPasswordLength\":20,\"maxPasswordAgeDays\":30}"));
        var policy = stricter.ofType("aws:iam/accountPasswordPolicy:AccountPasswordPolicy").get(0);
        assertThat(policy.requireInput("minimumPasswordLength")).isEqualTo(20L);
        assertThat(policy.requireInput("maxPasswordAge")).isEqualTo(30L);
        assertThat(policy.requireInput("passwordReusePrevention")).as("the default").isEqualTo(24L);
    }

    @Test
    void everyTeamGroupDeniesAllButMfaSelfServiceWithoutMfa() {
        var policy = plan.resource(POLICY, "naas-account-security-require-mfa");
        JsonNode deny = statements(policy.requireInput("policy")).stream()
                .filter(s -> s.path("Effect").asText().equals("Deny")).findFirst().orElseThrow();
        assertThat(deny.path("Condition").path("BoolIfExists").path("aws:MultiFactorAuthPresent").asText()).isEqualTo("false");
        assertThat(deny.path("NotAction").toString()).contains("iam:EnableMFADevice", "sts:GetSessionToken")
                .doesNotContain("iam:CreateUser", "sts:AssumeRole\"");
        var attachments = plan.ofType("aws:iam/groupPolicyAttachment:GroupPolicyAttachment").stream()
                .filter(a -> a.requireInput("policyArn").equals(policy.output("arn").orElseThrow()))
                .map(a -> a.requireInput("group")).collect(Collectors.toSet());
        assertThat(attachments).containsExactlyInAnyOrder("naas-admins", "naas-developers", "naas-read-only");
        assertThat(plan.ofType("aws:iam/group:Group")).extracting(g -> g.requireInput("name"))
                .containsExactlyInAnyOrder("naas-admins", "naas-developers", "naas-read-only");
    }

    @Test
    void adminsMayAssumeEachStacksAdminRoleAndNothingElse() {
        var assume = plan.ofType("aws:iam/groupPolicy:GroupPolicy");
        assertThat(assume).hasSize(1);
        assertThat(assume.get(0).requireInput("group")).isEqualTo("naas-admins");
        var only = statements(assume.get(0).requireInput("policy"));
        assertThat(only).hasSize(1);
        assertThat(texts(only.get(0).path("Action"))).containsExactly("sts:AssumeRole");
        assertThat(texts(only.get(0).path("Resource"))).as("the roles the dev and prod stacks create (AdminRole)")
                .containsExactly("arn:aws:iam::123456789012:role/naas-dev-admin", "arn:aws:iam::123456789012:role/naas-prod-admin");
        assertThat(managedPoliciesOf("naas-developers")).containsExactly("arn:aws:iam::aws:policy/ReadOnlyAccess");
        assertThat(managedPoliciesOf("naas-read-only")).containsExactly("arn:aws:iam::aws:policy/ReadOnlyAccess");
    }

    /**
     * AWS's "IAM: Allows IAM users to self-manage an MFA device" (the JSON in test resources, with its URL),
     * statement by statement: every Sid of AWS's is ours with the same effect, actions, resources and
     * conditions. Ours adds only the password statements and three actions to the deny's exceptions.
     */
    @Test
    void theMfaPolicyIsAwsDocumentedExampleStatementByStatement() throws Exception {
        JsonNode example;
        try (InputStream in = getClass().getResourceAsStream("/aws-iam-mfa-selfmanage.json")) {
            example = JSON.readTree(in);
        }
        assertThat(example.path("source").asText()).startsWith("https://docs.aws.amazon.com/IAM/");
        Object ours = plan.resource(POLICY, "naas-account-security-require-mfa").requireInput("policy");
        var ourSids = new HashSet<String>();
        statements(ours).forEach(s -> ourSids.add(s.path("Sid").asText()));
        for (JsonNode theirs : example.path("policy").path("Statement")) {
            String sid = theirs.path("Sid").asText();
            JsonNode mine = statement(ours, sid);
            assertThat(mine.path("Effect").asText()).as(sid).isEqualTo(theirs.path("Effect").asText());
            assertThat(texts(mine.path("Action"))).as(sid + " Action").containsExactlyInAnyOrderElementsOf(texts(theirs.path("Action")));
            assertThat(texts(mine.path("Resource"))).as(sid + " Resource").containsExactlyInAnyOrderElementsOf(texts(theirs.path("Resource")));
            assertThat(mine.path("Condition")).as(sid + " Condition").isEqualTo(theirs.path("Condition"));
            if (theirs.has("NotAction")) {
                assertThat(texts(mine.path("NotAction"))).as(sid + " NotAction: AWS's, plus the password and the CLI's MFA session")
                        .containsAll(texts(theirs.path("NotAction")))
                        .hasSize(texts(theirs.path("NotAction")).size() + 3)
                        .contains("iam:ChangePassword", "iam:GetAccountPasswordPolicy", "sts:GetSessionToken");
            } else {
                assertThat(mine.has("NotAction")).as(sid).isFalse();
            }
            ourSids.remove(sid);
        }
        assertThat(ourSids).as("our additions").containsExactlyInAnyOrder(
                "AllowUserToChangeTheirOwnPassword", "AllowUserToReadThePasswordPolicy");
        assertThat(texts(statement(ours, "AllowUserToChangeTheirOwnPassword").path("Resource")))
                .containsExactly("arn:aws:iam::*:user/${aws:username}");
    }

    /** The console asks for a device name: creating a device must not be limited to mfa/<user name>. */
    @Test
    void aUserMayNameTheirVirtualMfaDeviceAsTheConsoleAsks() {
        Object ours = plan.resource(POLICY, "naas-account-security-require-mfa").requireInput("policy");
        var creating = statements(ours).stream().filter(s -> s.path("Effect").asText().equals("Allow"))
                .filter(s -> texts(s.path("Action")).contains("iam:CreateVirtualMFADevice")).toList();
        assertThat(creating).hasSize(1);
        assertThat(texts(creating.get(0).path("Resource"))).containsExactly("arn:aws:iam::*:mfa/*");
        assertThat(ours.toString()).doesNotContain("mfa/${aws:username}");
    }

    private List<Object> managedPoliciesOf(String group) {
        return plan.ofType("aws:iam/groupPolicyAttachment:GroupPolicyAttachment").stream()
                .filter(a -> group.equals(a.requireInput("group")))
                .filter(a -> a.requireInput("policyArn").toString().startsWith("arn:aws:iam::aws:"))
                .map(PlannedResource::inputs).map(i -> i.get("policyArn")).toList();
    }
}
