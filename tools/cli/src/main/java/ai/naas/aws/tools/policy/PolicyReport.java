package ai.naas.aws.tools.policy;

import ai.naas.aws.support.Json;
import ai.naas.aws.plan.Plan;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The outcome of {@code naas policy} for one stack, written as text (a terminal), JSON (scripts) or SARIF 2.1.0
 * (GitHub code scanning: {@code github/codeql-action/upload-sarif}).
 *
 * @param plan     the plan checked
 * @param rules    the rules checked
 * @param outcome  what was found, after the stack's waivers
 * @param artifact the stack file, relative to the repository root: where SARIF places each result
 */
public record PolicyReport(Plan plan, List<PlanRule> rules, Waivers.Outcome outcome, String artifact) {

    /** The SARIF version written, and the schema it follows (OASIS, errata 01). */
    public static final String SARIF_VERSION = "2.1.0";
    public static final String SARIF_SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";


    /** One line per violation and waived violation, one per unused waiver, then a summary. */
    public String text() {
        var out = new StringBuilder();
        outcome.violations().forEach(v -> out.append("violation: ").append(v).append('\n'));
        outcome.waived().forEach((v, w) -> out.append("waived: ").append(v).append(" (").append(w.reason()).append(")\n"));
        outcome.unused().forEach(w -> out.append("warning: ").append(w.where()).append(": waiver of ").append(w.rule())
                .append(" for ").append(w.resource()).append(" is not needed any more\n"));
        out.append(summary()).append('\n');
        return out.toString();
    }

    /** {@code "14 rules, 147 resources, 0 violations, 1 waived"}. */
    public String summary() {
        return rules.size() + " rules, " + plan.resources().size() + " resources, " + outcome.violations().size()
                + " violations, " + outcome.waived().size() + " waived";
    }

    /** {@code {"stack", "rules", "resources", "violations": [{rule, resource, problem}], "waived": [... reason], "unusedWaivers"}}. */
    public String json() {
        var root = Json.mapper().createObjectNode();
        root.put("stack", plan.stack());
        root.put("rules", rules.size());
        root.put("resources", plan.resources().size());
        var violations = root.putArray("violations");
        outcome.violations().forEach(v -> violation(violations.addObject(), v));
        var waived = root.putArray("waived");
        outcome.waived().forEach((v, w) -> violation(waived.addObject(), v).put("reason", w.reason()));
        var unused = root.putArray("unusedWaivers");
        outcome.unused().forEach(w -> unused.addObject().put("rule", w.rule()).put("resource", w.resource()).put("where", w.where()));
        return write(root);
    }

    /**
     * A SARIF log with one run: the rules as the tool's {@code rules}, each violation a result of level
     * {@code error} located in the stack file (the plan has no source lines; the logical location is the URN),
     * waived violations as results with an external suppression carrying the reason.
     */
    public String sarif() {
        var root = Json.mapper().createObjectNode();
        root.put("$schema", SARIF_SCHEMA);
        root.put("version", SARIF_VERSION);
        var run = root.putArray("runs").addObject();
        var driver = run.putObject("tool").putObject("driver");
        driver.put("name", "naas-policy");
        driver.put("version", "0.1.0");
        var ruleList = driver.putArray("rules");
        for (var rule : rules) {
            var r = ruleList.addObject();
            r.put("id", rule.name());
            r.putObject("shortDescription").put("text", rule.description());
            r.putObject("fullDescription").put("text", rule.description());
            r.putObject("defaultConfiguration").put("level", "error");
        }
        run.putObject("automationDetails").put("id", "naas-policy/" + plan.stack() + "/");
        var results = run.putArray("results");
        outcome.violations().forEach(v -> result(results, v));
        outcome.waived().forEach((v, w) -> result(results, v).putArray("suppressions").addObject()
                .put("kind", "external").put("status", "accepted").put("justification", w.reason()));
        return write(root);
    }

    private ObjectNode result(ArrayNode results, Violation v) {
        var result = results.addObject();
        result.put("ruleId", v.rule());
        result.put("ruleIndex", ruleIndex(v.rule()));
        result.put("level", "error");
        result.putObject("message").put("text", "stack " + plan.stack() + ": " + plan.byUrn(v.resource()).name() + " ("
                + plan.byUrn(v.resource()).type() + "): " + v.problem());
        var location = result.putArray("locations").addObject();
        var physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", artifact);
        physical.putObject("region").put("startLine", 1);
        location.putArray("logicalLocations").addObject()
                .put("name", plan.byUrn(v.resource()).name())
                .put("fullyQualifiedName", v.resource())
                .put("kind", "resource");
        // Code scanning matches a result across runs by its fingerprint: the rule, the resource and the problem.
        result.putObject("partialFingerprints").put("naasPolicy/v1", v.rule() + "|" + v.resource() + "|" + v.problem());
        return result;
    }

    private int ruleIndex(String rule) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).name().equals(rule)) {
                return i;
            }
        }
        throw new IllegalStateException("a violation of a rule not checked: " + rule);
    }

    private static ObjectNode violation(ObjectNode node, Violation v) {
        return node.put("rule", v.rule()).put("resource", v.resource()).put("problem", v.problem());
    }

    private static String write(ObjectNode root) {
        return Json.report(root);
    }
}
