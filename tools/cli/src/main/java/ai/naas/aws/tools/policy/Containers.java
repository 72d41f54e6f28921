package ai.naas.aws.tools.policy;

import ai.naas.aws.plan.PlannedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The containers a planned resource runs, as the workload rules see them: the pod spec of a Kubernetes workload
 * the program registers itself (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod), or the
 * container-shaped parts of a Helm release's values. A remote chart's own defaults are not rendered (that needs
 * the chart, which an offline run does not have): for a release, the rules judge what this repository sets.
 */
final class Containers {

    static final String RELEASE = "kubernetes:helm.sh/v3:Release";

    private static final Map<String, List<String>> POD_SPEC_PATHS = Map.of(
            "kubernetes:apps/v1:Deployment", List.of("spec", "template", "spec"),
            "kubernetes:apps/v1:StatefulSet", List.of("spec", "template", "spec"),
            "kubernetes:apps/v1:DaemonSet", List.of("spec", "template", "spec"),
            "kubernetes:apps/v1:ReplicaSet", List.of("spec", "template", "spec"),
            "kubernetes:batch/v1:Job", List.of("spec", "template", "spec"),
            "kubernetes:batch/v1:CronJob", List.of("spec", "jobTemplate", "spec", "template", "spec"),
            "kubernetes:core/v1:Pod", List.of("spec"));

    private Containers() {
    }

    /**
     * One container of a workload.
     *
     * @param path     where it is in the resource's inputs, e.g. {@code spec.template.spec.containers[web]}
     * @param spec     the container's fields
     * @param podLevel the pod's {@code securityContext} (empty for release values)
     */
    record Container(String path, Map<?, ?> spec, Map<?, ?> podLevel) {

        Optional<Object> get(String... keys) {
            Object node = spec;
            for (String key : keys) {
                if (!(node instanceof Map<?, ?> map)) {
                    return Optional.empty();
                }
                node = map.get(key);
            }
            return Optional.ofNullable(node);
        }
    }

    /** Whether the rules read {@code resource}'s pod spec (a workload the program registers). */
    static boolean isWorkload(PlannedResource resource) {
        return POD_SPEC_PATHS.containsKey(resource.type());
    }

    /** Where a workload's pod spec is in its inputs, e.g. {@code spec.template.spec}. */
    static String podSpecPath(PlannedResource resource) {
        return String.join(".", POD_SPEC_PATHS.get(resource.type()));
    }

    /** The pod spec of a workload the program registers, if it has one. */
    static Optional<Map<?, ?>> podSpec(PlannedResource resource) {
        var path = POD_SPEC_PATHS.get(resource.type());
        if (path == null) {
            return Optional.empty();
        }
        Object node = resource.inputs();
        for (String key : path) {
            node = node instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return node instanceof Map<?, ?> spec ? Optional.of(spec) : Optional.empty();
    }

    /** The containers and init containers of a workload's pod spec. */
    static List<Container> ofWorkload(PlannedResource resource) {
        var found = new ArrayList<Container>();
        podSpec(resource).ifPresent(spec -> {
            var pod = spec.get("securityContext") instanceof Map<?, ?> m ? m : Map.of();
            var prefix = podSpecPath(resource);
            for (String kind : List.of("initContainers", "containers")) {
                if (spec.get(kind) instanceof List<?> list) {
                    for (int i = 0; i < list.size(); i++) {
                        if (list.get(i) instanceof Map<?, ?> c) {
                            found.add(new Container(prefix + "." + kind + "[" + label(c, i) + "]", c, pod));
                        }
                    }
                }
            }
        });
        return found;
    }

    /**
     * The containers written out in a release's values: each map with an {@code image} text and a {@code name}
     * (the shape of a Kubernetes container, as in {@code initContainers} or {@code extraContainers}).
     */
    static List<Container> ofReleaseValues(PlannedResource release) {
        var found = new ArrayList<Container>();
        walk("values", release.input("values").orElse(null), (path, node) -> {
            if (node instanceof Map<?, ?> map && map.get("image") instanceof String && map.get("name") instanceof String) {
                found.add(new Container(path, map, Map.of()));
            }
        });
        return found;
    }

    /** Visits every node under {@code node}; list items are named by their {@code name} when they have one. */
    static void walk(String path, Object node, NodeVisitor visitor) {
        visitor.visit(path, node);
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(path + "." + k, v, visitor));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(path + "[" + (list.get(i) instanceof Map<?, ?> m ? label(m, i) : String.valueOf(i)) + "]", list.get(i), visitor);
            }
        }
    }

    private static String label(Map<?, ?> item, int index) {
        return item.get("name") instanceof String name ? name : String.valueOf(index);
    }

    /** What {@link #walk} calls for each node. */
    @FunctionalInterface
    interface NodeVisitor {
        void visit(String path, Object node);
    }
}
