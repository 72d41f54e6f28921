package ai.naas.aws.plan.diff;

import ai.naas.aws.support.Json;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What applying {@code after} over {@code before} would do, resource by resource: the offline
 * {@code pulumi preview --diff}. Resources are matched by URN; unchanged ones are not listed.
 *
 * @param stack   the stack both plans are of
 * @param changes every created, updated, replaced or deleted resource, in the order of the plan it is in
 */
@JsonPropertyOrder({"stack", "summary", "changes"})
public record PlanDiff(String stack, List<Change> changes) {


    public PlanDiff {
        Objects.requireNonNull(stack, "stack");
        changes = List.copyOf(changes);
    }

    /** What happens to one resource. */
    public enum Op { create, update, replace, delete }

    /**
     * One input that changes: its dotted path ({@code a.b[0].c}) and its values before and after as JSON
     * text, null when absent. Secrets read {@code "[secret]"} on both sides, as in the plan.
     */
    @JsonPropertyOrder({"path", "old", "new", "forcesReplacement"})
    public record PathChange(String path, String old, String next, boolean forcesReplacement) {
        @com.fasterxml.jackson.annotation.JsonProperty("new")
        public String next() {
            return next;
        }
    }

    /**
     * One resource that is created, updated, replaced or deleted.
     *
     * @param protect whether the resource as it is now is protected: a replace or delete of it fails in
     *                {@code pulumi up} until someone unprotects it
     */
    @JsonPropertyOrder({"urn", "type", "name", "op", "protect", "paths"})
    public record Change(String urn, String type, String name, Op op, boolean protect, List<PathChange> paths) {
        public Change {
            paths = List.copyOf(paths);
        }

        /** A replace or delete of a protected resource: what a reviewer must see first. */
        @JsonIgnore
        public boolean endangersProtected() {
            return protect && (op == Op.replace || op == Op.delete);
        }

        /** The layer the resource belongs to: {@code apps}, {@code platform}, {@code infra} or {@code stack}. */
        @JsonIgnore
        public String layer() {
            String types = urn.contains("::") ? urn.substring(0, urn.lastIndexOf("::")) : urn;
            for (String layer : List.of("apps", "platform", "infra")) {
                if (types.contains("$naas:" + layer + ":") || types.contains("naas:" + layer + ":")) {
                    return layer;
                }
            }
            return "stack";
        }
    }

    /** The diff from {@code before} to {@code after}. */
    public static PlanDiff between(Plan before, Plan after) {
        Map<String, PlannedResource> old = before.resources().stream()
                .collect(Collectors.toMap(PlannedResource::urn, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Map<String, PlannedResource> now = after.resources().stream()
                .collect(Collectors.toMap(PlannedResource::urn, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        var changes = new ArrayList<Change>();
        for (var resource : after.resources()) {
            var previous = old.get(resource.urn());
            if (previous == null) {
                changes.add(new Change(resource.urn(), resource.type(), resource.name(), Op.create, resource.protect(),
                        paths(resource.type(), Map.of(), resource.inputs())));
                continue;
            }
            var paths = paths(resource.type(), previous.inputs(), resource.inputs());
            if (!paths.isEmpty()) {
                boolean replace = paths.stream().anyMatch(PathChange::forcesReplacement);
                changes.add(new Change(resource.urn(), resource.type(), resource.name(),
                        replace ? Op.replace : Op.update, previous.protect(), paths));
            }
        }
        for (var resource : before.resources()) {
            if (!now.containsKey(resource.urn())) {
                changes.add(new Change(resource.urn(), resource.type(), resource.name(), Op.delete, resource.protect(),
                        paths(resource.type(), resource.inputs(), Map.of())));
            }
        }
        return new PlanDiff(after.stack(), changes);
    }

    /** How many resources each operation touches, every operation listed. */
    @com.fasterxml.jackson.annotation.JsonProperty("summary")
    public Map<String, Integer> summary() {
        var summary = new LinkedHashMap<String, Integer>();
        for (Op op : Op.values()) {
            summary.put(op.name(), (int) changes.stream().filter(c -> c.op() == op).count());
        }
        return summary;
    }

    /** The replaces and deletes of protected resources. */
    @JsonIgnore
    public List<Change> endangered() {
        return changes.stream().filter(Change::endangersProtected).toList();
    }

    @JsonIgnore
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The leaves that differ between two input maps, sorted by path. */
    private static List<PathChange> paths(String type, Map<String, Object> before, Map<String, Object> after) {
        var old = new TreeMap<String, String>();
        var now = new TreeMap<String, String>();
        flatten("", before, old);
        flatten("", after, now);
        var all = new TreeSet<>(old.keySet());
        all.addAll(now.keySet());
        var paths = new ArrayList<PathChange>();
        for (String path : all) {
            String a = old.get(path);
            String b = now.get(path);
            if (!Objects.equals(a, b)) {
                paths.add(new PathChange(path, a, b, ReplacementRules.forcesReplacement(type, path).isPresent()));
            }
        }
        return paths;
    }

    /** Nested maps and lists as dotted paths to JSON text leaves (empty maps and lists are leaves too). */
    private static void flatten(String prefix, Object value, Map<String, String> into) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, into));
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), into);
            }
        } else if (!prefix.isEmpty()) {
            into.put(prefix, json(value));
        }
    }

    /** JSON text, so that 5 read back from a file (an int) equals 5 from the engine (a long). */
    private static String json(Object value) {
        return Json.writeInOrder(value);
    }
}
