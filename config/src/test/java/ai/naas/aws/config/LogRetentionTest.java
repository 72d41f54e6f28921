package ai.naas.aws.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Log retentions CloudWatch Logs refuses are refused at plan time, naming the field and the closest values. */
class LogRetentionTest {

    @Test
    void aValueCloudWatchLogsAcceptsPasses() {
        assertThat(LogRetention.days("flowLogRetentionDays", 90)).isEqualTo(90);
        assertThat(LogRetention.days("flowLogRetentionDays", 1096)).as("valid, though some lists omit it").isEqualTo(1096);
    }

    @Test
    void aValueBetweenTwoAllowedOnesNamesBoth() {
        assertThatThrownBy(() -> LogRetention.days("flowLogRetentionDays", 45))
                .isInstanceOfSatisfying(InvalidSetting.class, e -> {
                    assertThat(e.field()).isEqualTo("flowLogRetentionDays");
                    assertThat(e.problem()).contains("1, 3, 5, 7, 14, 30, 60").endsWith("closest is 30 or 60, got 45");
                });
    }

    @Test
    void aValueOutsideTheRangeNamesTheNearestEnd() {
        assertThatThrownBy(() -> LogRetention.days("logRetentionDays", 0)).hasMessageEndingWith("closest is 1, got 0");
        assertThatThrownBy(() -> LogRetention.days("logRetentionDays", 4000)).hasMessageEndingWith("closest is 3653, got 4000");
    }
}
