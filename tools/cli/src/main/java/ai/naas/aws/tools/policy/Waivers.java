package ai.naas.aws.tools.policy;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.Suggestions;
import ai.naas.aws.plan.Plan;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A stack's policy waivers, {@code environments/policy-waivers.<stack>.yaml}: each names a rule, a resource
 * (its URN, or its name in the plan) and the reason the team accepts the violation. A waiver without a reason,
 * for a rule that does not exist or for a resource the plan does not have is an error (exit 2), with the line
 * and column where it is written, so waivers cannot quietly outlive what they were written for.
 *
 * <pre>
 * waivers:
 *   - rule: workload-requests
 *     resource: naas-dev-database-bootstrap
 *     reason: the one-off bootstrap Job ...
 * </pre>
 */
public final class Waivers {

    /**
     * One accepted violation.
     *
     * @param rule     the rule's id
     * @param resource the resource's URN or name
     * @param reason   why it is accepted
     * @param where    {@code file:line:column} of the waiver
     */
    public record Waiver(String rule, String resource, String reason, String where) {

        boolean covers(Violation v, Plan plan) {
            return rule.equals(v.rule()) && (resource.equals(v.resource()) || resource.equals(plan.byUrn(v.resource()).name()));
        }
    }

    /**
     * The violations a stack keeps after its waivers, the ones waived, and the waivers nothing needed.
     */
    public record Outcome(List<Violation> violations, Map<Violation, Waiver> waived, List<Waiver> unused) {
    }

    private static final Set<String> FIELDS = Set.of("rule", "resource", "reason");

    private final List<Waiver> waivers;

    private Waivers(List<Waiver> waivers) {
        this.waivers = List.copyOf(waivers);
    }

    /** No waivers. */
    public static Waivers none() {
        return new Waivers(List.of());
    }

    /** The waivers in {@code file}; each must name a known rule and a resource of {@code plan}, with a reason. */
    public static Waivers read(Path file, Plan plan, List<PlanRule> rules) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read: " + e.getClass().getSimpleName());
        }
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new ConfigException(file + ":" + (e.getProblemMark().getLine() + 1) + ":" + (e.getProblemMark().getColumn() + 1),
                    "is not valid YAML: " + e.getProblem());
        }
        if (root == null) {
            return none();
        }
        var top = mapping(root, file, "the file");
        var list = top.get("waivers");
        if (top.size() != 1 || list == null) {
            throw error(file, root, "waivers", "the file holds one key, waivers: a list of {rule, resource, reason}");
        }
        if (!(list instanceof SequenceNode sequence)) {
            throw error(file, list, "waivers", "must be a list of {rule, resource, reason}");
        }
        var ruleNames = rules.stream().map(PlanRule::name).toList();
        var resources = new TreeSet<String>();
        plan.resources().forEach(r -> {
            resources.add(r.urn());
            resources.add(r.name());
        });
        var read = new ArrayList<Waiver>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            var item = sequence.getValue().get(i);
            String key = "waivers[" + i + "]";
            var fields = mapping(item, file, key);
            for (var field : fields.entrySet()) {
                if (!FIELDS.contains(field.getKey())) {
                    throw error(file, field.getValue(), key + "." + field.getKey(), "unknown field; a waiver has rule, resource and reason"
                            + Suggestions.didYouMean(field.getKey(), FIELDS));
                }
            }
            String rule = text(file, item, fields, key, "rule");
            String resource = text(file, item, fields, key, "resource");
            String reason = text(file, item, fields, key, "reason");
            if (!ruleNames.contains(rule)) {
                throw error(file, fields.get("rule"), key + ".rule", "no rule '" + rule + "'" + Suggestions.didYouMean(rule, ruleNames)
                        + " (naas policy --list shows them)");
            }
            if (!resources.contains(resource)) {
                throw error(file, fields.get("resource"), key + ".resource", "no resource '" + resource + "' in stack "
                        + plan.stack() + "'s plan" + Suggestions.didYouMean(resource, resources.stream().filter(n -> !n.startsWith("urn:")).toList()));
            }
            read.add(new Waiver(rule, resource, reason, where(file, item)));
        }
        return new Waivers(read);
    }

    /** Splits {@code violations} into those kept and those waived. */
    public Outcome apply(List<Violation> violations, Plan plan) {
        var kept = new ArrayList<Violation>();
        var waived = new LinkedHashMap<Violation, Waiver>();
        for (var v : violations) {
            waivers.stream().filter(w -> w.covers(v, plan)).findFirst()
                    .ifPresentOrElse(w -> waived.put(v, w), () -> kept.add(v));
        }
        var unused = waivers.stream().filter(w -> !waived.containsValue(w)).toList();
        return new Outcome(kept, waived, unused);
    }

    /** The waivers, in file order. */
    public List<Waiver> list() {
        return waivers;
    }

    private static Map<String, Node> mapping(Node node, Path file, String key) {
        if (!(node instanceof MappingNode map)) {
            throw error(file, node, key, "must be a mapping");
        }
        var fields = new LinkedHashMap<String, Node>();
        map.getValue().forEach(t -> fields.put(t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?", t.getValueNode()));
        return fields;
    }

    private static String text(Path file, Node item, Map<String, Node> fields, String key, String field) {
        var node = fields.get(field);
        if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            throw error(file, node == null ? item : node, key + "." + field, "is required: a waiver names the rule, the resource"
                    + " (URN or name) and the reason it is accepted");
        }
        return scalar.getValue().strip();
    }

    private static ConfigException error(Path file, Node node, String key, String problem) {
        return new ConfigException(where(file, node) + ": " + key, problem);
    }

    private static String where(Path file, Node node) {
        var mark = node.getStartMark();
        return file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }
}
