package ai.naas.aws.tools;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;

import java.util.HashMap;
import java.util.Map;

/**
 * The plan as a Mermaid flowchart: components as subgraphs, resources as nodes, and an arrow from each
 * resource to every resource it waits for. Paste it into a pull request to show what a change wires.
 */
final class PlanGraph {

    private PlanGraph() {
    }

    static String render(Plan plan) {
        Map<String, String> ids = new HashMap<>();
        for (int i = 0; i < plan.resources().size(); i++) {
            ids.put(plan.resources().get(i).urn(), "r" + i);
        }
        var out = new StringBuilder("flowchart LR\n");
        for (var root : plan.resources()) {
            if (root.parent() == null) {
                node(out, plan, root, ids, "  ");
            }
        }
        for (var r : plan.resources()) {
            for (String dependency : r.dependsOn()) {
                if (ids.containsKey(dependency)) {
                    out.append("  ").append(ids.get(r.urn())).append(" --> ").append(ids.get(dependency)).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static void node(StringBuilder out, Plan plan, PlannedResource r, Map<String, String> ids, String indent) {
        var children = plan.resources().stream().filter(c -> r.urn().equals(c.parent())).toList();
        String label = label(r);
        if (children.isEmpty()) {
            out.append(indent).append(ids.get(r.urn())).append("[\"").append(label).append("\"]\n");
            return;
        }
        out.append(indent).append("subgraph ").append(ids.get(r.urn())).append(" [\"").append(label).append("\"]\n");
        for (var child : children) {
            node(out, plan, child, ids, indent + "  ");
        }
        out.append(indent).append("end\n");
    }

    /** {@code name<br/>type}, with the characters Mermaid labels cannot hold replaced. */
    private static String label(PlannedResource r) {
        String type = r.type().substring(r.type().lastIndexOf(':') + 1);
        return (r.name() + "<br/>" + type + (r.protect() ? " (protected)" : "")).replace("\"", "'");
    }
}
