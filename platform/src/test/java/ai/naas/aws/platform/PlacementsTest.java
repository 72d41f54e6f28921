package ai.naas.aws.platform;

import ai.naas.aws.platform.spi.Pool;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SPI's pools land on the cluster's node groups: the jupyter pool tolerates exactly its group's taint.
 */
class PlacementsTest {

    @Test
    void placementOnTheJupyterPoolToleratesExactlyItsTaint() {
        var placement = Placements.all().get(Pool.JUPYTER);
        assertThat(placement.nodeSelector()).isEqualTo(Map.of("hub.jupyter.org/node-purpose", "user"));
        assertThat(placement.tolerations()).containsExactly(Map.of("key", "hub.jupyter.org/dedicated",
                "operator", "Equal", "value", "user", "effect", "NoSchedule"));
    }

    @Test
    void placementOnTheNaasPoolSelectsCoreNodesAndToleratesNothing() {
        var placement = Placements.all().get(Pool.NAAS);
        assertThat(placement.nodeSelector()).isEqualTo(Map.of("hub.jupyter.org/node-purpose", "core"));
        assertThat(placement.tolerations()).isEmpty();
    }

    @Test
    void everyPoolOfTheSpiHasAPlacement() {
        assertThat(Placements.all()).containsOnlyKeys(Pool.values());
    }
}
