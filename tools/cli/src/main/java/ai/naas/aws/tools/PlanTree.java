package ai.naas.aws.tools;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan for people: one line per resource, indented under its parent, then a count.
 */
final class PlanTree {

    private PlanTree() {
    }

    static String render(Plan plan) {
        Map<String, List<PlannedResource>> children = new LinkedHashMap<>();
        var roots = new ArrayList<PlannedResource>();
        for (var r : plan.resources()) {
            if (r.parent() == null) {
                roots.add(r);
            } else {
                children.computeIfAbsent(r.parent(), k -> new ArrayList<>()).add(r);
            }
        }
        var out = new StringBuilder();
        for (var root : roots) {
            line(out, "", root);
            walk(out, root, children, "");
        }
        long custom = plan.resources().stream().filter(PlannedResource::custom).count();
        long protectedCount = plan.resources().stream().filter(PlannedResource::protect).count();
        out.append('\n').append(plan.resources().size()).append(" resources in stack ").append(plan.stack())
                .append(": ").append(custom).append(" cloud resources, ")
                .append(plan.resources().size() - custom).append(" components; ")
                .append(protectedCount).append(" protected\n");
        return out.toString();
    }

    private static void walk(StringBuilder out, PlannedResource parent, Map<String, List<PlannedResource>> children,
                             String indent) {
        var kids = children.getOrDefault(parent.urn(), List.of());
        for (int i = 0; i < kids.size(); i++) {
            boolean last = i == kids.size() - 1;
            line(out, indent + (last ? "└─ " : "├─ "), kids.get(i));
            walk(out, kids.get(i), children, indent + (last ? "   " : "│  "));
        }
    }

    private static void line(StringBuilder out, String prefix, PlannedResource r) {
        out.append(prefix).append(r.name()).append("  ").append(r.type());
        if (r.id() != null) {
            out.append("  id=").append(r.id());
        }
        if (r.protect()) {
            out.append("  [protected]");
        }
        out.append('\n');
    }
}
