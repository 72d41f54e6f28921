package ai.naas.aws.infra.cluster;

import java.util.Map;
import java.util.Optional;

/**
 * The two worker pools and how pods are steered onto them. The labels and taint follow JupyterHub's own
 * conventions, so the chart's user pods tolerate the jupyter pool's taint by default.
 */
public enum NodePool {
    /** Platform add-ons, the hub and proxy, and the Naas services. */
    NAAS("naas", Map.of("hub.jupyter.org/node-purpose", "core"), Optional.empty()),
    /** Single-user Jupyter servers only: tainted so nothing else lands there. */
    JUPYTER("jupyter", Map.of("hub.jupyter.org/node-purpose", "user"),
            Optional.of(new Taint("hub.jupyter.org/dedicated", "user", "NoSchedule")));

    private final String poolName;
    private final Map<String, String> labels;
    private final Optional<Taint> taint;

    NodePool(String poolName, Map<String, String> labels, Optional<Taint> taint) {
        this.poolName = poolName;
        this.labels = labels;
        this.taint = taint;
    }

    /** The pool's name, used in resource names and the node group name. */
    public String poolName() {
        return poolName;
    }

    /** Node labels: what a pod's nodeSelector matches. */
    public Map<String, String> labels() {
        return labels;
    }

    /** The taint, if the pool keeps other pods away. */
    public Optional<Taint> taint() {
        return taint;
    }

    /**
     * A Kubernetes node taint.
     *
     * @param key    the taint key
     * @param value  the taint value
     * @param effect Kubernetes' spelling, e.g. {@code NoSchedule}
     */
    public record Taint(String key, String value, String effect) {

        /** The EKS API's spelling of the effect, e.g. {@code NO_SCHEDULE}. */
        public String eksEffect() {
            return effect.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase();
        }
    }
}
