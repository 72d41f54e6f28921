package ai.naas.aws.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static ai.naas.aws.tools.PlanCommandTest.naas;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code naas cost} as people run it. */
class CostCommandTest {

    @Test
    void printsFloorAndCeilingPerLayerAndListsWhatItDoesNotKnow() throws Exception {
        var run = naas("cost", "--stack", "dev");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("stack dev (eu-west-3)", "per layer:", "total", "usage-based, not in the totals:",
                "unknown prices (their lines are not in the totals):", "prices used but not verified");

        var json = new ObjectMapper().readTree(naas("cost", "--stack", "prod", "--format", "json").out());
        assertThat(json.path("stack").asText()).isEqualTo("prod");
        assertThat(json.path("total").path("ceiling").asDouble()).isGreaterThan(json.path("total").path("floor").asDouble());
        assertThat(json.path("unknownPrices")).isNotEmpty();
    }

    @Test
    void anUnknownStackIsBadInput() {
        var run = naas("cost", "--stack", "staging");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: stack file: not found").hasLineCount(1);
    }
}
