package ai.naas.aws.infra.iam;

import ai.naas.aws.support.Json;
import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An IAM policy document (identity, resource or trust policy) rendered to JSON. Values may be plain
 * strings or {@link Output}s (ARNs of resources not created yet); the JSON is ready when they are.
 */
public final class PolicyDocument {


    private final List<Statement> statements;

    private PolicyDocument(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    /** A document of these statements. */
    public static PolicyDocument of(Statement... statements) {
        return new PolicyDocument(List.of(statements));
    }

    /** A document of these statements. */
    public static PolicyDocument of(List<Statement> statements) {
        return new PolicyDocument(statements);
    }

    /** The document as JSON, once every Output in it is known. */
    public Output<String> toJson() {
        var tree = new LinkedHashMap<String, Object>();
        tree.put("Version", "2012-10-17");
        tree.put("Statement", statements.stream().map(Statement::toTree).toList());
        var leaves = new ArrayList<Output<Object>>();
        collect(tree, leaves);
        if (leaves.isEmpty()) {
            return Output.of(write(tree));
        }
        return Output.all(leaves).applyValue(values -> write(substitute(tree, new ArrayList<>(values))));
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, List<Output<Object>> leaves) {
        if (node instanceof Output<?> output) {
            leaves.add((Output<Object>) output);
        } else if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, leaves));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collect(v, leaves));
        }
    }

    /** Replaces Output leaves by their values, in the order {@link #collect} met them. */
    private static Object substitute(Object node, List<Object> values) {
        if (node instanceof Output<?>) {
            return values.remove(0);
        } else if (node instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<Object, Object>();
            map.forEach((k, v) -> copy.put(k, substitute(v, values)));
            return copy;
        } else if (node instanceof List<?> list) {
            var copy = new ArrayList<>();
            list.forEach(v -> copy.add(substitute(v, values)));
            return copy;
        }
        return node;
    }

    /** In the order built: {@code Version} first, and each statement's elements as AWS documents them. */
    private static String write(Object tree) {
        return Json.writeInOrder(tree);
    }
}
