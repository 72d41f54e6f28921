package ai.naas.aws.platform;

import ai.naas.aws.infra.cluster.NodePool;
import ai.naas.aws.platform.spi.Placement;
import ai.naas.aws.platform.spi.Pool;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The SPI's pools on the cluster's node groups: each pool's labels as a node selector and, for a tainted
 * pool, the toleration of exactly its taint.
 */
public final class Placements {

    private Placements() {
    }

    /** The placement on {@code pool}. */
    public static Placement on(NodePool pool) {
        return new Placement(pool.labels(), pool.taint().map(t -> List.of(Map.of(
                "key", t.key(), "operator", "Equal", "value", t.value(), "effect", t.effect()))).orElse(List.of()));
    }

    /**
     * Every SPI pool's placement with what its nodes offer, from each pool's instance types (unknown types are
     * left out; see {@link NodeCapacities}).
     */
    public static Map<Pool, Placement> of(Map<NodePool, List<String>> instanceTypes) {
        var placements = new EnumMap<Pool, Placement>(Pool.class);
        placements.put(Pool.NAAS, on(NodePool.NAAS, instanceTypes.getOrDefault(NodePool.NAAS, List.of())));
        placements.put(Pool.JUPYTER, on(NodePool.JUPYTER, instanceTypes.getOrDefault(NodePool.JUPYTER, List.of())));
        return placements;
    }

    private static Placement on(NodePool pool, List<String> instanceTypes) {
        var placement = on(pool);
        return new Placement(placement.nodeSelector(), placement.tolerations(),
                instanceTypes.stream().flatMap(type -> NodeCapacities.of(type).stream()).toList());
    }

    /** Every SPI pool's placement, what each app's context carries. */
    public static Map<Pool, Placement> all() {
        var placements = new EnumMap<Pool, Placement>(Pool.class);
        placements.put(Pool.NAAS, on(NodePool.NAAS));
        placements.put(Pool.JUPYTER, on(NodePool.JUPYTER));
        return placements;
    }
}
