package ai.naas.aws.infra.iam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Collections;
import java.util.TreeMap;

/**
 * One statement of an IAM policy. Build with {@link #allow} or {@link #deny}, then narrow it.
 * Values (resources, principals, condition values) are strings or {@code Output<String>}.
 *
 * @param sid        optional statement id, for readers of the policy
 * @param effect     {@code Allow} or {@code Deny}
 * @param principals principal type ({@code Service}, {@code AWS}, {@code Federated}) to values; empty for identity policies
 * @param actions    the actions
 * @param notActions actions excluded (for deny-all-but statements)
 * @param resources  resource ARNs; empty for trust policies
 * @param notResources resource ARNs excluded: the statement applies to every other resource (never with {@code resources})
 * @param conditions operator ({@code StringEquals}) to key to value(s)
 */
public record Statement(
        String sid,
        String effect,
        Map<String, Object> principals,
        List<String> actions,
        List<String> notActions,
        List<Object> resources,
        List<Object> notResources,
        Map<String, Map<String, Object>> conditions) {

    public Statement {
        principals = Map.copyOf(principals);
        actions = List.copyOf(actions);
        notActions = List.copyOf(notActions);
        resources = List.copyOf(resources);
        notResources = List.copyOf(notResources);
        if (!resources.isEmpty() && !notResources.isEmpty()) {
            throw new IllegalArgumentException("IAM takes Resource or NotResource in a statement, not both");
        }
        conditions = Collections.unmodifiableMap(copy(conditions));
    }

    /** A statement allowing {@code actions}. */
    public static Statement allow(String... actions) {
        return new Statement(null, "Allow", Map.of(), List.of(actions), List.of(), List.of(), List.of(), Map.of());
    }

    /** A statement denying {@code actions}. */
    public static Statement deny(String... actions) {
        return new Statement(null, "Deny", Map.of(), List.of(actions), List.of(), List.of(), List.of(), Map.of());
    }

    /** A statement denying every action except {@code actions}. */
    public static Statement denyAllExcept(String... actions) {
        return new Statement(null, "Deny", Map.of(), List.of(), List.of(actions), List.of(), List.of(), Map.of());
    }

    public Statement withSid(String newSid) {
        return new Statement(newSid, effect, principals, actions, notActions, resources, notResources, conditions);
    }

    /** Limits the statement to these resources (strings or {@code Output<String>}). */
    public Statement on(Object... newResources) {
        return new Statement(sid, effect, principals, actions, notActions, List.of(newResources), notResources, conditions);
    }

    /**
     * Applies the statement to every resource but these (IAM's {@code NotResource}): e.g. a permissions boundary
     * that allows everything outside the state bucket's objects.
     */
    public Statement notOn(Object... excluded) {
        return new Statement(sid, effect, principals, actions, notActions, resources, List.of(excluded), conditions);
    }

    /** Adds a principal: {@code by("Service", "eks.amazonaws.com")}. */
    public Statement by(String type, Object principal) {
        var merged = new LinkedHashMap<>(principals);
        merged.put(type, principal);
        return new Statement(sid, effect, merged, actions, notActions, resources, notResources, conditions);
    }

    /** Adds a condition: {@code when("StringEquals", "aws:SourceAccount", accountId)}. */
    public Statement when(String operator, String key, Object value) {
        var merged = copy(conditions);
        var block = new LinkedHashMap<>(merged.getOrDefault(operator, Map.of()));
        block.put(key, value);
        merged.put(operator, Map.copyOf(block));
        return new Statement(sid, effect, principals, actions, notActions, resources, notResources, merged);
    }

    Map<String, Object> toTree() {
        var tree = new LinkedHashMap<String, Object>();
        if (sid != null) {
            tree.put("Sid", sid);
        }
        tree.put("Effect", effect);
        if (!principals.isEmpty()) {
            tree.put("Principal", new TreeMap<>(principals));
        }
        if (!actions.isEmpty()) {
            tree.put("Action", actions.size() == 1 ? actions.get(0) : actions);
        }
        if (!notActions.isEmpty()) {
            tree.put("NotAction", notActions);
        }
        if (!resources.isEmpty()) {
            tree.put("Resource", resources.size() == 1 ? resources.get(0) : resources);
        }
        if (!notResources.isEmpty()) {
            tree.put("NotResource", notResources.size() == 1 ? notResources.get(0) : notResources);
        }
        if (!conditions.isEmpty()) {
            var sorted = new TreeMap<String, Object>();
            conditions.forEach((op, block) -> sorted.put(op, new TreeMap<>(block)));
            tree.put("Condition", sorted);
        }
        return tree;
    }

    private static Map<String, Map<String, Object>> copy(Map<String, Map<String, Object>> conditions) {
        var copy = new LinkedHashMap<String, Map<String, Object>>();
        conditions.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        return copy;
    }
}
