package ai.naas.aws.tools;

import ai.naas.aws.environments.StackPlanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static ai.naas.aws.tools.PlanCommandTest.naas;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code naas} command as people expect a command line tool: help, completion, "did you mean", exit codes. */
class NaasCommandTest {

    @Test
    void helpListsTheCommandsAndTheDocumentedExitCodes() {
        var run = naas("help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("plan", "policy", "new-app", "completion", "import-secrets")
                .containsPattern("Exit codes:\\s+0\\s+ok")
                .containsPattern("2\\s+bad input").containsPattern("3\\s+a policy rule is broken")
                .containsPattern("1\\s+the program failed, or \\(with --exit-code\\) there are changes");
        assertThat(naas("help", "policy").out()).contains("--waivers", "--format", "--list");
    }

    @Test
    void completionIsABashScriptThatCompletesEverySubcommand(@TempDir Path dir) throws Exception {
        var run = naas("completion");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_naas", "new-app", "--waivers");
        var script = dir.resolve("naas-completion.bash");
        Files.writeString(script, run.out());
        var bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        assertThat(bash.waitFor()).as(new String(bash.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void aMistypedSubcommandOrOptionGetsTheClosestOneAndExitCode2() {
        var subcommand = naas("polcy", "--stack", "dev");
        assertThat(subcommand.exitCode()).isEqualTo(2);
        assertThat(subcommand.err()).contains("did you mean: policy").doesNotContain("\tat ");

        var option = naas("policy", "--stack", "dev", "--formt", "json");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).contains("did you mean: --format").contains("see: naas policy --help");
    }

    private static final Path ENVIRONMENTS = StackPlanner.findEnvironments(Path.of(""));

    private static String devWith(String from, String to) throws Exception {
        var text = Files.readString(ENVIRONMENTS.resolve("Pulumi.dev.yaml"));
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    @Test
    void aMistypedKeyFieldOrAppNamesTheClosestValidOne(@TempDir Path dir) throws Exception {
        var file = dir.resolve("Pulumi.dev.yaml");
        Files.writeString(file, devWith("naas:apps: [jupyterhub,", "naas:apps: [jupyterhab,"));
        var app = naas("plan", "--stack", "dev", "--stack-file", file.toString());
        assertThat(app.exitCode()).isEqualTo(2);
        assertThat(app.err()).startsWith("error: naas:apps[0]: unknown app 'jupyterhab'; did you mean 'jupyterhub'?").hasLineCount(1);

        Files.writeString(file, devWith("  naas:sftp:", "  naas:sfpt:"));
        var key = naas("plan", "--stack", "dev", "--stack-file", file.toString());
        assertThat(key.err()).startsWith("error: naas:sfpt: unknown setting; did you mean 'naas:sftp'?");

        Files.writeString(file, devWith("instanceTypes: [t3.large]", "instanceTypes: [t3.large]\n      instanceType: t3.large"));
        var field = naas("plan", "--stack", "dev", "--stack-file", file.toString());
        assertThat(field.exitCode()).isEqualTo(2);
        assertThat(field.err()).contains("unknown setting; did you mean 'instanceTypes'?").hasLineCount(1);
    }

    @Test
    void brokenYamlInAStackFileIsReportedWithItsLineAndColumn(@TempDir Path dir) throws Exception {
        var file = dir.resolve("Pulumi.dev.yaml");
        Files.writeString(file, "secretsprovider: awskms://alias/naas-dev-secrets?region=eu-west-3\nconfig:\n  aws:region: eu-west-3\n"
                + "  naas:sftp: {allowedCidrs: [1.2.3.4/32}\n");
        var run = naas("plan", "--stack", "dev", "--stack-file", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: stack file: is not valid YAML: " + file + ":4:").hasLineCount(1);
    }
}
