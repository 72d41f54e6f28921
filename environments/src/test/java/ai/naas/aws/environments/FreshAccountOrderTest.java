package ai.naas.aws.environments;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import ai.naas.aws.plan.PlausibleCloud;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stacks can be applied to a fresh account in one {@code pulumi up}. KMS refuses a key policy, and IAM a
 * trust policy, that names a principal which does not exist yet ("MalformedPolicyDocumentException: Policy
 * contains a statement with one or more invalid principals"); EKS refuses an access entry for a missing role.
 * So every principal such a policy or entry names must be one of: the account root, an AWS service, a
 * resource of the same plan that the policy's resource waits for (directly or transitively), or a config value
 * checked by preflight: a role ARN that the plan's own {@code iam:GetRole} lookup answered with (that the access
 * entries wait for the lookup, and are not created when it fails, is {@link PreflightTest}'s).
 */
class FreshAccountOrderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Resource type to the input that names principals, and whether it holds a policy document. */
    private static final Map<String, String> POLICY_INPUTS = Map.of(
            "aws:kms/key:Key", "policy",
            "aws:iam/role:Role", "assumeRolePolicy");
    private static final Map<String, String> PRINCIPAL_INPUTS = Map.of(
            "aws:eks/accessEntry:AccessEntry", "principalArn",
            "aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "principalArn");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPrincipalAPolicyOrAccessEntryNamesExistsBeforeIt(String stack) throws IOException {
        var answers = new AccountAnswers();
        var plan = StackPlans.of(stack, Map.of(), answers::around);
        var checked = checkedByPreflight(answers);
        assertThat(checked).as("roles preflight looked up").isNotEmpty();
        var problems = new ArrayList<String>();
        int seen = 0;
        for (var resource : plan.resources()) {
            var principals = new ArrayList<String>();
            Optional.ofNullable(POLICY_INPUTS.get(resource.type())).flatMap(resource::input)
                    .ifPresent(policy -> principals.addAll(awsPrincipals((String) policy)));
            Optional.ofNullable(PRINCIPAL_INPUTS.get(resource.type())).flatMap(resource::input)
                    .ifPresent(arn -> principals.add((String) arn));
            for (String principal : principals) {
                seen++;
                if (!isAccountRoot(principal) && !principal.equals("*") && !checked.contains(principal)
                        && !createdBefore(plan, resource, principal)) {
                    problems.add(resource.type() + " " + resource.name() + " names " + principal
                            + ", which is neither the account, a resource it waits for, nor a role preflight checked");
                }
            }
        }
        assertThat(seen).as("principals checked").isGreaterThan(10);
        assertThat(problems).isEmpty();
    }

    /** The stacks' disk key names Auto Scaling's service-linked role: the stack must create it first. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theDiskKeyWaitsForAutoScalingsServiceLinkedRole(String stack) throws IOException {
        var plan = StackPlans.of(stack);
        var slr = plan.ofType("aws:iam/serviceLinkedRole:ServiceLinkedRole").stream()
                .filter(r -> "autoscaling.amazonaws.com".equals(r.requireInput("awsServiceName"))).findFirst().orElseThrow();
        var disks = plan.ofType("aws:kms/key:Key").stream().filter(k -> k.name().endsWith("-disks")).findFirst().orElseThrow();
        assertThat(awsPrincipals((String) disks.requireInput("policy"))).contains((String) slr.output("arn").orElseThrow());
        assertThat(plan.waitsFor(disks, slr)).isTrue();
    }

    /** Whether a resource that {@code resource} waits for has {@code arn} as its ARN or id. */
    private static boolean createdBefore(Plan plan, PlannedResource resource, String arn) {
        return plan.resources().stream()
                .filter(r -> r != resource && r.custom())
                .filter(r -> arn.equals(r.id()) || r.output("arn").map(arn::equals).orElse(false))
                .anyMatch(r -> plan.waitsFor(resource, r));
    }

    private static boolean isAccountRoot(String principal) {
        return principal.equals(PlausibleCloud.ACCOUNT)
                || principal.matches("arn:aws[a-z-]*:iam::" + PlausibleCloud.ACCOUNT + ":root");
    }

    /**
     * The principals of every statement except AWS services (which always exist): {@code AWS} and
     * {@code Federated} values.
     */
    private static List<String> awsPrincipals(String policy) {
        try {
            var names = new ArrayList<String>();
            JsonNode statements = JSON.readTree(policy).path("Statement");
            for (JsonNode statement : statements.isArray() ? statements : JSON.createArrayNode().add(statements)) {
                JsonNode principal = statement.path("Principal");
                if (principal.isTextual()) {
                    names.add(principal.asText());
                }
                for (String type : List.of("AWS", "Federated")) {
                    JsonNode value = principal.path(type);
                    if (value.isArray()) {
                        value.forEach(v -> names.add(v.asText()));
                    } else if (value.isTextual()) {
                        names.add(value.asText());
                    }
                }
            }
            return names;
        } catch (IOException e) {
            throw new AssertionError("not a policy document: " + policy, e);
        }
    }

    /** The role ARNs the plan's {@code iam:GetRole} lookups were answered with: the roles preflight found. */
    private static Set<String> checkedByPreflight(AccountAnswers answers) {
        var set = new HashSet<String>();
        answers.calls(AccountAnswers.GET_ROLE).stream().filter(c -> c.failure() == null)
                .forEach(c -> set.add((String) c.answer().get("arn")));
        return set;
    }
}
