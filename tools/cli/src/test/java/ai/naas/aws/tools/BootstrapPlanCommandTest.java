package ai.naas.aws.tools;

import ai.naas.aws.environments.StackPlanner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;

import static ai.naas.aws.tools.PlanCommandTest.naas;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code naas plan --program bootstrap}: the account's bootstrap program planned offline from its own stack
 * file, with the same outputs, errors and exit codes as a stack's plan, and checked by {@code naas policy}.
 */
class BootstrapPlanCommandTest {

    private static final Path BOOTSTRAP = StackPlanner.findEnvironments(Path.of("")).resolve("bootstrap");
    private static final List<String> FIELDS = List.of("urn", "type", "name", "custom", "parent", "provider",
            "dependsOn", "protect", "id", "inputs", "outputs");

    @Test
    void theJsonPlanOfTheExampleAccountHoldsEveryResourceWithEveryFieldAndReferencesResolve(@TempDir Path dir)
            throws Exception {
        var file = dir.resolve("main-account.json");
        var run = naas("plan", "--program", "bootstrap", "--stack", "main-account", "--format", "json", "--out", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode plan = new ObjectMapper().readTree(file.toFile());
        assertThat(plan.path("project").asText()).as("from environments/bootstrap/Pulumi.yaml").isEqualTo("naas-bootstrap");
        assertThat(plan.path("stack").asText()).isEqualTo("main-account");
        var urns = new HashSet<String>();
        var types = new HashSet<String>();
        for (JsonNode resource : plan.path("resources")) {
            assertThat(resource.fieldNames()).toIterable().containsExactlyElementsOf(FIELDS);
            urns.add(resource.path("urn").asText());
            types.add(resource.path("type").asText());
        }
        for (JsonNode resource : plan.path("resources")) {
            if (!resource.path("parent").isNull()) {
                assertThat(urns).contains(resource.path("parent").asText());
            }
            if (!resource.path("provider").isNull()) {
                assertThat(urns).contains(resource.path("provider").asText());
            }
            resource.path("dependsOn").forEach(d -> assertThat(urns).contains(d.asText()));
        }
        assertThat(types).contains("aws:s3/bucketV2:BucketV2", "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
                "aws:iam/group:Group", "aws:cloudtrail/trail:Trail", "aws:cloudwatch/metricAlarm:MetricAlarm",
                "aws:guardduty/detector:Detector", "aws:accessanalyzer/analyzer:Analyzer",
                "aws:ebs/encryptionByDefault:EncryptionByDefault", "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
                "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults");
        assertThat(plan.path("outputs").path("stateBackendUrl").asText()).startsWith("s3://");
    }

    @Test
    void theTreeAndMermaidViewsWorkForTheBootstrapToo() {
        var tree = naas("plan", "--program", "bootstrap", "--stack", "main-account");
        assertThat(tree.exitCode()).as(tree.err()).isZero();
        assertThat(tree.out().lines().findFirst().orElseThrow()).startsWith("naas-bootstrap-main-account  pulumi:pulumi:Stack");
        assertThat(tree.out()).contains("naas:bootstrap:AccountSecurity");
        var mermaid = naas("plan", "--program", "bootstrap", "--stack", "main-account", "--format", "mermaid");
        assertThat(mermaid.exitCode()).as(mermaid.err()).isZero();
        assertThat(mermaid.out()).startsWith("flowchart LR");
    }

    @Test
    void theExampleAccountsPlanKeepsEveryBaselineRule() {
        var run = naas("policy", "--program", "bootstrap", "--stack", "main-account");
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).doesNotContain("violation:").contains(" 0 violations");
    }

    @Test
    void aWrongSettingIsOneLineNamingTheKeyWithTheBadInputExitCode(@TempDir Path dir) throws Exception {
        var stackFile = dir.resolve("Pulumi.main-account.yaml");
        Files.writeString(stackFile, Files.readString(BOOTSTRAP.resolve("Pulumi.main-account.yaml"))
                .replace("stacks: [dev, prod]", "stacks: [dev, Prod]"));
        var run = naas("plan", "--program", "bootstrap", "--stack", "main-account", "--stack-file", stackFile.toString());
        assertThat(run.exitCode()).isEqualTo(NaasCommand.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("error: naas-bootstrap:account.stacks[1]: ").doesNotContain("Exception", "\tat ");
    }

    @Test
    void anUnknownSettingASecretsProviderAndASecretAreRefused(@TempDir Path dir) throws Exception {
        var original = Files.readString(BOOTSTRAP.resolve("Pulumi.main-account.yaml"));
        var unknown = dir.resolve("unknown.yaml");
        Files.writeString(unknown, original.replace("config:\n", "config:\n  naas-bootstrap:acount: {}\n"));
        var run = naas("plan", "--program", "bootstrap", "--stack", "main-account", "--stack-file", unknown.toString());
        assertThat(run.exitCode()).isEqualTo(NaasCommand.BAD_INPUT);
        assertThat(run.err()).startsWith("error: naas-bootstrap:acount: unknown setting");

        var provider = dir.resolve("provider.yaml");
        Files.writeString(provider, "secretsprovider: awskms://alias/x?region=eu-west-3\n" + original);
        assertThat(naas("plan", "--program", "bootstrap", "--stack", "main-account", "--stack-file", provider.toString()).err())
                .startsWith("error: secretsprovider: the bootstrap holds no secrets");

        var secret = dir.resolve("secret.yaml");
        Files.writeString(secret, original.replace("config:\n", "config:\n  aws:secretKey:\n    secure: v1:abc\n"));
        assertThat(naas("plan", "--program", "bootstrap", "--stack", "main-account", "--stack-file", secret.toString()).err())
                .startsWith("error: aws:secretKey: the bootstrap holds no secrets");
    }

    @Test
    void aMissingBootstrapStackFileIsOneLine() {
        var run = naas("plan", "--program", "bootstrap", "--stack", "other-account");
        assertThat(run.exitCode()).isEqualTo(NaasCommand.BAD_INPUT);
        assertThat(run.err().strip()).startsWith("error: stack file: not found").contains("bootstrap").doesNotContain("\n");
    }
}
