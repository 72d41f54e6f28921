package ai.naas.aws.tools;

import ai.naas.aws.environments.StackPlanner;
import ai.naas.aws.tools.PlanCommandTest.Run;
import ai.naas.aws.tools.policy.DraftFourSchemaAccess;
import ai.naas.aws.tools.policy.PolicyRules;
import ai.naas.aws.tools.policy.PlanRule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static ai.naas.aws.tools.PlanCommandTest.naas;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code naas policy} as CI and people run it: the rule list, the three formats, the stacks' waiver files,
 * and the exit codes (0 clean, 2 bad input, 3 violations).
 */
class PolicyCommandTest {

    private static final Path ENVIRONMENTS = StackPlanner.findEnvironments(Path.of(""));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listNamesEveryRuleWithWhatItChecksWithoutAStack() {
        var run = naas("policy", "--list");
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (PlanRule rule : PolicyRules.all()) {
            assertThat(run.out()).containsPattern("(?m)^" + rule.name() + " +" + java.util.regex.Pattern.quote(rule.description()) + "$");
        }
        assertThat(run.out()).contains("workload-not-root: jupyterhub values.singleuser.initContainers[naas-home]: creates each user's home");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachStackKeepsEveryRuleWithOnlyTheWaiversItsFileGivesWithReasons(String stack) throws Exception {
        var run = naas("policy", "--stack", stack, "--format", "json");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.path("violations")).isEmpty();
        assertThat(report.path("unusedWaivers")).isEmpty();
        assertThat(report.path("rules").asInt()).isEqualTo(PolicyRules.all().size());
        // The database bootstrap Job, once waived for want of requests, now requests CPU and memory.
        assertThat(report.path("waived")).isEmpty();
        assertThat(run.err()).contains(" 0 violations, 0 waived");
    }

    @Test
    void sarifOfABrokenStackIsValidSarif210WithOneResultPerViolation(@TempDir Path dir) throws Exception {
        var stackFile = dir.resolve("Pulumi.dev.yaml");
        Files.writeString(stackFile, Files.readString(ENVIRONMENTS.resolve("Pulumi.dev.yaml"))
                .replace("allowedCidrs: [198.51.100.0/24]", "allowedCidrs: [0.0.0.0/0]"));
        var run = naas("policy", "--stack", "dev", "--stack-file", stackFile.toString(), "--format", "sarif");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(PolicyCommand.VIOLATIONS);

        JsonNode sarif = JSON.readTree(run.out());
        JsonNode schema = JSON.readTree(getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json"));
        assertThat(DraftFourSchemaAccess.errors(schema, sarif)).isEmpty();
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        JsonNode run0 = sarif.path("runs").get(0);
        assertThat(run0.path("tool").path("driver").path("rules")).hasSize(PolicyRules.all().size());
        var results = run0.path("results");
        var open = new java.util.ArrayList<JsonNode>();
        results.forEach(r -> { if (!r.has("suppressions")) open.add(r); });
        assertThat(open).singleElement().satisfies(r -> {
            assertThat(r.path("ruleId").asText()).isEqualTo("no-ssh-from-anywhere");
            assertThat(run0.path("tool").path("driver").path("rules").get(r.path("ruleIndex").asInt()).path("id").asText())
                    .isEqualTo("no-ssh-from-anywhere");
            assertThat(r.path("locations").get(0).path("logicalLocations").get(0).path("fullyQualifiedName").asText())
                    .startsWith("urn:pulumi:dev::naas::");
        });

        // Waived, the same violation stays in the log, suppressed with its reason: code scanning shows it dismissed.
        String urn = open.get(0).path("locations").get(0).path("logicalLocations").get(0).path("fullyQualifiedName").asText();
        var waivers = dir.resolve("waivers.yaml");
        Files.writeString(waivers, "waivers:\n  - rule: no-ssh-from-anywhere\n    resource: \"" + urn + "\"\n"
                + "    reason: accepted for this test\n");
        var waived = naas("policy", "--stack", "dev", "--stack-file", stackFile.toString(), "--waivers", waivers.toString(),
                "--format", "sarif");
        assertThat(waived.exitCode()).as(waived.err()).isZero();
        var waivedResults = JSON.readTree(waived.out()).path("runs").get(0).path("results");
        assertThat(waivedResults).singleElement().satisfies(r ->
                assertThat(r.path("suppressions").path(0).path("justification").asText()).isEqualTo("accepted for this test"));
    }

    @Test
    void aSchemaCheckThatCatchesABrokenSarifLog() throws Exception {
        JsonNode schema = JSON.readTree(getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json"));
        JsonNode broken = JSON.readTree("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {}}, "
                + "\"results\": [{\"ruleId\": \"x\", \"level\": \"fatal\"}]}]}");
        assertThat(DraftFourSchemaAccess.errors(schema, broken)).anyMatch(e -> e.contains("lacks required property name"))
                .anyMatch(e -> e.contains("\"fatal\" is not one of")).anyMatch(e -> e.contains("lacks required property message"));
    }

    @Test
    void aWaiverWithoutAReasonStopsTheCheckWithExitCode2(@TempDir Path dir) throws Exception {
        var waivers = dir.resolve("waivers.yaml");
        Files.writeString(waivers, "waivers:\n  - rule: workload-requests\n    resource: naas-dev-database-bootstrap\n");
        Run run = naas("policy", "--stack", "dev", "--waivers", waivers.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: " + waivers + ":2:5: waivers[0].reason: is required: a waiver names the rule,"
                + " the resource (URN or name) and the reason it is accepted");
        assertThat(run.out()).isEmpty();
    }

}
