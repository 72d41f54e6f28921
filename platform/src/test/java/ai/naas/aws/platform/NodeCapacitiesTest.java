package ai.naas.aws.platform;

import ai.naas.aws.infra.cluster.NodePool;
import ai.naas.aws.platform.spi.NodeCapacity;
import ai.naas.aws.platform.spi.Pool;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the jupyter pool's nodes leave for user servers, as apps receive it in their placements. */
class NodeCapacitiesTest {

    @Test
    void anR6i2xlargeLeavesItsMemoryLessTheEksReservationsAndTheNodeDaemons() {
        // 64 GiB less 4% = 62914 MiB; kube-reserved 255 + 11 x 58 pods = 893; eviction 100; daemons 256.
        assertThat(NodeCapacities.of("r6i.2xlarge")).contains(new NodeCapacity("r6i.2xlarge", 61_665, 7_760));
        assertThat(NodeCapacities.of("t3.large").orElseThrow().allocatableMemoryMiB()).isLessThan(8 * 1024);
        assertThat(NodeCapacities.of("x9.unknown")).isEmpty();
    }

    @Test
    void placementsCarryTheCapacityOfEveryKnownInstanceTypeOfTheirPool() {
        var placements = Placements.of(Map.of(NodePool.JUPYTER, List.of("r6i.2xlarge", "r5.2xlarge", "x9.unknown")));
        assertThat(placements.get(Pool.JUPYTER).nodes()).extracting(NodeCapacity::instanceType)
                .containsExactly("r6i.2xlarge", "r5.2xlarge");
        assertThat(placements.get(Pool.NAAS).nodes()).isEmpty();
        assertThat(placements.get(Pool.JUPYTER).nodeSelector()).isEqualTo(Placements.all().get(Pool.JUPYTER).nodeSelector());
    }
}
