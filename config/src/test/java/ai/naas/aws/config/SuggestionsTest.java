package ai.naas.aws.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** "Did you mean": the nearest known name by edit distance, only when it is near. */
class SuggestionsTest {

    private static final List<String> KEYS = List.of("naas:network", "naas:nodeGroups", "naas:database", "naas:sftp");

    @Test
    void theEditDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("netwrok", "network")).isEqualTo(2);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }

    @Test
    void aTypoGetsTheClosestNameAndSomethingUnrelatedGetsNone() {
        assertThat(Suggestions.didYouMean("naas:netwrok", KEYS)).isEqualTo("; did you mean 'naas:network'?");
        assertThat(Suggestions.didYouMean("naas:NodeGroups", KEYS)).isEqualTo("; did you mean 'naas:nodeGroups'?");
        assertThat(Suggestions.didYouMean("naas:grafana", KEYS)).isEmpty();
        assertThat(Suggestions.closest("x", List.of())).isEmpty();
    }
}
