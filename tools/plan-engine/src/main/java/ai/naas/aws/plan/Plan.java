package ai.naas.aws.plan;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The desired state of one stack, as the offline engine recorded it: every resource in registration
 * order, and the stack's outputs. This is what {@code naas plan} prints and what the tests read.
 *
 * @param project   the Pulumi project name
 * @param stack     the stack name
 * @param resources every registered resource, the stack resource first
 * @param outputs   the stack outputs; secret values read {@value WireValues#SECRET}
 */
@JsonPropertyOrder({"project", "stack", "resources", "outputs"})
public record Plan(String project, String stack, List<PlannedResource> resources, Map<String, Object> outputs) {

    public Plan {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(stack, "stack");
        resources = List.copyOf(resources);
        outputs = WireValues.unmodifiable(outputs);
    }

    /** Every resource of a type token, in registration order. */
    public List<PlannedResource> ofType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    /** The one resource of a type with this logical name. */
    public PlannedResource resource(String type, String name) {
        return find(type, name).orElseThrow(() -> new IllegalArgumentException(
                "no %s named %s; there are: %s".formatted(type, name,
                        ofType(type).stream().map(PlannedResource::name).toList())));
    }

    /** The resource of a type with this logical name, if registered. */
    public Optional<PlannedResource> find(String type, String name) {
        return resources.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst();
    }

    /** The resource with this URN. */
    public PlannedResource byUrn(String urn) {
        return resources.stream().filter(r -> r.urn().equals(urn)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no resource " + urn));
    }

    /** The resource whose engine-assigned id is this one, if any: follows an input back to its source. */
    public Optional<PlannedResource> byId(String id) {
        return resources.stream().filter(r -> id.equals(r.id())).findFirst();
    }

    /**
     * Whether {@code resource} waits for {@code dependency}, directly or through other resources, counting
     * a parent's dependencies as its children's (Pulumi orders children after what their parent waits for).
     */
    public boolean waitsFor(PlannedResource resource, PlannedResource dependency) {
        Map<String, PlannedResource> byUrn = resources.stream()
                .collect(Collectors.toMap(PlannedResource::urn, Function.identity()));
        var seen = new HashSet<String>();
        var queue = new ArrayDeque<String>();
        queue.add(resource.urn());
        while (!queue.isEmpty()) {
            var current = byUrn.get(queue.poll());
            if (current == null || !seen.add(current.urn())) {
                continue;
            }
            for (String urn : current.dependsOn()) {
                if (urn.equals(dependency.urn()) || isDescendant(byUrn, dependency.urn(), urn)) {
                    return true;
                }
                queue.add(urn);
            }
            if (current.parent() != null) {
                queue.add(current.parent());
            }
        }
        return false;
    }

    /** Every resource below {@code ancestor} in the parent tree. */
    public List<PlannedResource> descendantsOf(PlannedResource ancestor) {
        Map<String, PlannedResource> byUrn = resources.stream()
                .collect(Collectors.toMap(PlannedResource::urn, Function.identity()));
        return resources.stream()
                .filter(r -> !r.urn().equals(ancestor.urn()) && isDescendant(byUrn, r.urn(), ancestor.urn()))
                .toList();
    }

    /** Whether {@code urn} is {@code ancestorUrn} or sits below it (depending on a component means on all of it). */
    private static boolean isDescendant(Map<String, PlannedResource> byUrn, String urn, String ancestorUrn) {
        for (var r = byUrn.get(urn); r != null; r = r.parent() == null ? null : byUrn.get(r.parent())) {
            if (r.urn().equals(ancestorUrn)) {
                return true;
            }
        }
        return false;
    }
}
