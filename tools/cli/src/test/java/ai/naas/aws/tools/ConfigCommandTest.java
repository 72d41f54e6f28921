package ai.naas.aws.tools;

import ai.naas.aws.environments.StackSettings;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static ai.naas.aws.tools.PlanCommandTest.naas;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code naas config}: every field of every section, its effective value, whether it is set, its documentation. */
class ConfigCommandTest {

    @Test
    void printsEveryFieldOfEverySectionWithItsValueAndItsDocumentation() {
        var run = naas("config", "--stack", "dev");
        assertThat(run.exitCode()).as(run.err()).isZero();
        var out = run.out();
        for (var component : StackSettings.class.getRecordComponents()) {
            if (component.getType().isRecord()) {
                assertThat(out).contains("\nnaas:" + component.getName() + ":   # " + component.getType().getSimpleName());
                Arrays.stream(component.getType().getRecordComponents())
                        .forEach(field -> assertThat(out).contains("\n  " + field.getName() + ": "));
            }
        }
        assertThat(out).contains("\nnaas:jupyterhub:   # JupyterHubSettings", "\nnaas:naas-proxy:   # ProxySettings");
        // Set in Pulumi.dev.yaml, and left to its default, with the record's own words.
        assertThat(out).contains("  cidr: \"10.10.0.0/16\"  [set]\n      the VPC's IPv4 block");
        assertThat(out).containsPattern("  privateSubnetCidrs: \\[[^\\n]*]  \\[default]\\n      the private subnets, one per zone");
        assertThat(out).doesNotContain("no documentation found");
    }

    @Test
    void aWrongStackIsOneLineAndExitCode2() {
        var run = naas("config", "--stack", "qa");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: stack file: not found").hasLineCount(1);
    }
}
