package ai.naas.aws.platform.spi;

import java.util.List;
import java.util.Map;

/**
 * How to put pods on a node pool: its labels as a node selector and, for a tainted pool, the matching
 * toleration, in the shape Helm values and pod specs use.
 *
 * @param nodeSelector label to value
 * @param tolerations  Kubernetes tolerations ({@code key}, {@code operator}, {@code value}, {@code effect})
 * @param nodes        what each instance type of the pool offers, for the types the platform knows; empty when
 *                     unknown
 */
public record Placement(Map<String, String> nodeSelector, List<Map<String, String>> tolerations, List<NodeCapacity> nodes) {

    public Placement {
        nodeSelector = Map.copyOf(nodeSelector);
        tolerations = List.copyOf(tolerations);
        nodes = List.copyOf(nodes);
    }

    /** A placement without knowledge of the pool's nodes. */
    public Placement(Map<String, String> nodeSelector, List<Map<String, String>> tolerations) {
        this(nodeSelector, tolerations, List.of());
    }
}
