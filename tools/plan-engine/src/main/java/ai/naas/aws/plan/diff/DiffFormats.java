package ai.naas.aws.plan.diff;

import ai.naas.aws.support.Json;
import ai.naas.aws.plan.diff.PlanDiff.Change;
import ai.naas.aws.plan.diff.PlanDiff.Op;
import ai.naas.aws.plan.diff.PlanDiff.PathChange;

import java.util.List;
import java.util.Map;

/**
 * A {@link PlanDiff} for people (text, a terminal), for a pull request comment (markdown, grouped by layer)
 * and for programs (json). Created and deleted resources list no inputs in text and markdown (every input
 * is new or gone); updates and replaces list each changed path, old -> new, the ones forcing a replacement
 * marked.
 */
public final class DiffFormats {

    /** Longer values are cut: a user-data script or a policy document would drown the diff. */
    private static final int MAX_VALUE = 100;
    private static final Map<Op, String> SIGNS = Map.of(Op.create, "+", Op.update, "~", Op.replace, "+-", Op.delete, "-");

    private DiffFormats() {
    }

    public static String text(PlanDiff diff) {
        var out = new StringBuilder();
        for (Change c : diff.endangered()) {
            out.append("WARNING: ").append(c.op()).append(" of protected ").append(c.type()).append(' ')
                    .append(c.name()).append(": pulumi up refuses it until the resource is unprotected\n");
        }
        for (Change c : diff.changes()) {
            out.append(String.format("%-2s %-7s %s %s%n", SIGNS.get(c.op()), c.op(), c.type(), c.name()));
            out.append("        ").append(c.urn()).append('\n');
            if (c.op() == Op.update || c.op() == Op.replace) {
                for (PathChange p : c.paths()) {
                    out.append("        ").append(p.path()).append(": ").append(value(p.old())).append(" -> ")
                            .append(value(p.next())).append(p.forcesReplacement() ? "  (forces replacement)" : "")
                            .append('\n');
                }
            }
        }
        out.append(summaryLine(diff)).append('\n');
        return out.toString();
    }

    public static String markdown(PlanDiff diff) {
        var out = new StringBuilder("### Offline diff of stack `").append(diff.stack()).append("`\n\n");
        for (Change c : diff.endangered()) {
            out.append("> **Warning:** ").append(c.op()).append(" of protected `").append(c.type()).append("` `")
                    .append(c.name()).append("`: `pulumi up` refuses it until the resource is unprotected.\n");
        }
        if (!diff.endangered().isEmpty()) {
            out.append('\n');
        }
        out.append(summaryLine(diff)).append("\n");
        for (String layer : List.of("infra", "platform", "apps", "stack")) {
            var changes = diff.changes().stream().filter(c -> c.layer().equals(layer)).toList();
            if (changes.isEmpty()) {
                continue;
            }
            out.append("\n#### ").append(layer).append(" (").append(changes.size()).append(")\n\n")
                    .append("| op | type | name | changed inputs |\n|---|---|---|---|\n");
            for (Change c : changes) {
                out.append("| ").append(c.op()).append(" | `").append(c.type()).append("` | `").append(c.name())
                        .append("` | ").append(c.op() == Op.update || c.op() == Op.replace ? cells(c.paths()) : "")
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    public static String json(PlanDiff diff) {
        return Json.report(diff);
    }

    private static String summaryLine(PlanDiff diff) {
        if (diff.isEmpty()) {
            return "No changes.";
        }
        var s = diff.summary();
        return "%d to create, %d to update, %d to replace, %d to delete.".formatted(
                s.get("create"), s.get("update"), s.get("replace"), s.get("delete"));
    }

    private static String cells(List<PathChange> paths) {
        var out = new StringBuilder();
        for (PathChange p : paths) {
            if (!out.isEmpty()) {
                out.append("<br>");
            }
            out.append('`').append(p.path()).append("`: ").append(cell(p.old())).append(" → ").append(cell(p.next()))
                    .append(p.forcesReplacement() ? " **(forces replacement)**" : "");
        }
        return out.toString();
    }

    private static String cell(String json) {
        return "`" + value(json).replace("|", "\\|").replace("`", "'") + "`";
    }

    private static String value(String json) {
        if (json == null) {
            return "(none)";
        }
        return json.length() <= MAX_VALUE ? json : json.substring(0, MAX_VALUE) + "…(" + json.length() + " chars)";
    }
}
