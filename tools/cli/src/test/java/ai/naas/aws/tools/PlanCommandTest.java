package ai.naas.aws.tools;

import ai.naas.aws.environments.StackPlanner;
import com.fasterxml.jackson.databind.JsonNode;
import ai.naas.aws.environments.StackFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code naas plan} as a user runs it, on the repository's own stack files.
 */
class PlanCommandTest {

    private static final Path ENVIRONMENTS = StackPlanner.findEnvironments(Path.of(""));
    private static final List<String> FIELDS = List.of("urn", "type", "name", "custom", "parent", "provider",
            "dependsOn", "protect", "id", "inputs", "outputs");

    record Run(int exitCode, String out, String err) {
    }

    static Run naas(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = NaasCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theJsonPlanOfEachStackHoldsEveryResourceWithEveryField(String stack, @TempDir Path dir) throws Exception {
        var file = dir.resolve(stack + ".json");
        var run = naas("plan", "--stack", stack, "--format", "json", "--out", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        JsonNode plan = new ObjectMapper().readTree(file.toFile());
        assertThat(plan.path("project").asText()).isEqualTo("naas");
        assertThat(plan.path("stack").asText()).isEqualTo(stack);
        assertThat(plan.path("resources").size()).isGreaterThan(50);
        var urns = new HashSet<String>();
        for (JsonNode resource : plan.path("resources")) {
            assertThat(resource.fieldNames()).toIterable().containsExactlyElementsOf(FIELDS);
            urns.add(resource.path("urn").asText());
        }
        for (JsonNode resource : plan.path("resources")) {
            // Every reference leads to a resource of the plan.
            if (!resource.path("parent").isNull()) {
                assertThat(urns).contains(resource.path("parent").asText());
            }
            if (!resource.path("provider").isNull()) {
                assertThat(urns).contains(resource.path("provider").asText());
            }
            resource.path("dependsOn").forEach(d -> assertThat(urns).contains(d.asText()));
        }
        assertThat(plan.path("outputs").path("clusterName").asText()).isEqualTo("naas-" + stack);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void bothStacksKeepEveryBaselineRule(String stack) {
        var run = naas("policy", "--stack", stack);
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).doesNotContain("violation:").contains(" 0 violations");
    }

    @Test
    void aStackThatBreaksARuleFailsThePolicyCheckNamingTheRuleAndResource(@TempDir Path dir) throws Exception {
        var stackFile = dir.resolve("Pulumi.dev.yaml");
        Files.writeString(stackFile, Files.readString(ENVIRONMENTS.resolve("Pulumi.dev.yaml"))
                .replace("allowedCidrs: [198.51.100.0/24]", "allowedCidrs: [0.0.0.0/0]"));
        var run = naas("policy", "--stack", "dev", "--stack-file", stackFile.toString());
        assertThat(run.exitCode()).isEqualTo(PolicyCommand.VIOLATIONS);
        assertThat(run.out()).contains("violation: no-ssh-from-anywhere: ", "sftp-from-0.0.0.0-0", "1 violations");
    }

    @Test
    void theTreeViewPrintsOneLinePerResourceAndACount() {
        var run = naas("plan", "--stack", "dev");
        assertThat(run.exitCode()).as(run.err()).isZero();
        var lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("naas-dev  pulumi:pulumi:Stack");
        assertThat(run.out()).contains("├─ naas-dev  naas:infra:Network", "aws:eks/cluster:Cluster", "[protected]");
        var count = lines.get(lines.size() - 1);
        int resources = Integer.parseInt(count.substring(0, count.indexOf(' ')));
        assertThat(lines.stream().filter(l -> l.contains("  ")).count()).isEqualTo(resources);
    }

    @Test
    void theMermaidViewDrawsEveryResourceInsideItsComponentAndEveryDependency() throws Exception {
        var run = naas("plan", "--stack", "dev", "--format", "mermaid");
        assertThat(run.exitCode()).as(run.err()).isZero();
        var json = naas("plan", "--stack", "dev", "--format", "json");
        JsonNode plan = new ObjectMapper().readTree(json.out());
        int resources = plan.path("resources").size();
        int edges = 0;
        for (JsonNode r : plan.path("resources")) {
            edges += r.path("dependsOn").size();
        }
        var lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("flowchart LR");
        assertThat(lines.stream().filter(l -> l.contains(" --> ")).count()).isEqualTo(edges);
        long nodes = lines.stream().filter(l -> l.matches("\\s*(subgraph )?r\\d+ ?\\[.*")).count();
        assertThat(nodes).isEqualTo(resources);
        assertThat(lines.stream().filter(l -> l.trim().startsWith("subgraph")).count())
                .isEqualTo(lines.stream().filter(l -> l.trim().equals("end")).count());
    }

    @Test
    void aWrongSettingStopsThePlanWithOneLineNamingTheKey(@TempDir Path dir) throws Exception {
        var stackFile = dir.resolve("Pulumi.dev.yaml");
        Files.writeString(stackFile, Files.readString(ENVIRONMENTS.resolve("Pulumi.dev.yaml"))
                .replace("cidr: 10.10.0.0/16", "cidr: 10.10.0.0/33"));
        var run = naas("plan", "--stack", "dev", "--stack-file", stackFile.toString());
        assertThat(run.exitCode()).isEqualTo(NaasCommand.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("error: naas:network.cidr: ").doesNotContain("Exception", "\tat ");
    }

    @Test
    void anUnknownSettingAndAForeignSecretsProviderAreRefused(@TempDir Path dir) throws Exception {
        var original = Files.readString(ENVIRONMENTS.resolve("Pulumi.dev.yaml"));
        var unknown = dir.resolve("unknown.yaml");
        Files.writeString(unknown, original.replace("config:\n", "config:\n  naas:netwrok: {}\n"));
        assertThat(naas("plan", "--stack", "dev", "--stack-file", unknown.toString()).err())
                .startsWith("error: naas:netwrok: unknown setting");

        var foreign = dir.resolve("foreign.yaml");
        Files.writeString(foreign, original.replace("alias/naas-dev-secrets", "alias/naas-prod-secrets"));
        var run = naas("plan", "--stack", "dev", "--stack-file", foreign.toString());
        assertThat(run.exitCode()).isEqualTo(NaasCommand.BAD_INPUT);
        assertThat(run.err()).startsWith("error: secretsprovider: must be awskms://alias/naas-dev-secrets");
    }

    @Test
    void aMissingStackFileIsOneLine() {
        var run = naas("plan", "--stack", "staging");
        assertThat(run.exitCode()).isEqualTo(NaasCommand.BAD_INPUT);
        assertThat(run.err().strip()).startsWith("error: stack file: not found").doesNotContain("\n");
    }

    @Test
    void secureValuesInTheStackFileAreNeverReadOrPrinted(@TempDir Path dir) throws Exception {
        var stackFile = dir.resolve("Pulumi.dev.yaml");
        String ciphertext = "v1:c2VjcmV0LWNpcGhlcnRleHQtdGhhdC1tdXN0LW5vdC1sZWFr";
        Files.writeString(stackFile, Files.readString(ENVIRONMENTS.resolve("Pulumi.dev.yaml"))
                .replace("config:\n", "config:\n  aws:secretKey:\n    secure: " + ciphertext + "\n"));
        var file = StackFile.read(stackFile, "dev", ai.naas.aws.environments.StackSettings.knownKeys(ai.naas.aws.platform.AppCatalog.discover()));
        assertThat(file.secretKeys()).contains("aws:secretKey", "naas:jupyterhub.oauthClientSecret");
        assertThat(file.values().get("aws:secretKey")).doesNotContain(ciphertext);
        var run = naas("plan", "--stack", "dev", "--format", "json", "--stack-file", stackFile.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain(ciphertext).doesNotContain(file.values().get("aws:secretKey"));
    }
}
