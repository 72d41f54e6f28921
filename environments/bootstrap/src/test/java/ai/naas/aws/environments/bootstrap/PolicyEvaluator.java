package ai.naas.aws.environments.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * IAM's evaluation of identity policies and a permissions boundary for one request, as AWS documents it
 * ("Policy evaluation logic", "Permissions boundaries"), for the subset of the grammar the bootstrap writes:
 * Action/NotAction and Resource/NotResource with {@code *} and {@code ?} wildcards (actions case-insensitive),
 * and the condition operators StringEquals, StringNotEquals, StringLike, Null and Bool, several operators
 * and keys ANDed, several values ORed (for a negated operator: none of them matches), a negated operator
 * matching when the key is absent from the request.
 *
 * <p>An explicit deny in any policy wins; otherwise the request needs an allow in the identity policies and,
 * when there is a boundary, an allow in the boundary too.
 */
final class PolicyEvaluator {

    /** The outcome for one request. */
    enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    /** {@code AdministratorAccess}, as AWS publishes it: allow everything. */
    static final String ADMINISTRATOR_ACCESS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    private PolicyEvaluator() {
    }

    /**
     * @param identityPolicies the principal's policies (JSON texts)
     * @param boundary         its permissions boundary (JSON text), or null
     * @param context          the request's condition keys ({@code aws:ResourceTag/naas:stack} to {@code prod})
     */
    static Decision evaluate(List<String> identityPolicies, String boundary, String action, String resource,
                             Map<String, String> context) {
        var all = new ArrayList<>(identityPolicies);
        if (boundary != null) {
            all.add(boundary);
        }
        for (String policy : all) {
            for (JsonNode statement : BootstrapPlans.statements(policy)) {
                if (statement.path("Effect").asText().equals("Deny") && applies(statement, action, resource, context)) {
                    return Decision.EXPLICIT_DENY;
                }
            }
        }
        boolean identityAllows = identityPolicies.stream().anyMatch(p -> allows(p, action, resource, context));
        boolean boundaryAllows = boundary == null || allows(boundary, action, resource, context);
        return identityAllows && boundaryAllows ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    private static boolean allows(String policy, String action, String resource, Map<String, String> context) {
        return BootstrapPlans.statements(policy).stream()
                .anyMatch(s -> s.path("Effect").asText().equals("Allow") && applies(s, action, resource, context));
    }

    static boolean applies(JsonNode statement, String action, String resource, Map<String, String> context) {
        boolean actionMatches = statement.has("NotAction")
                ? BootstrapPlans.texts(statement.path("NotAction")).stream().noneMatch(p -> glob(p, action, true))
                : BootstrapPlans.texts(statement.path("Action")).stream().anyMatch(p -> glob(p, action, true));
        boolean resourceMatches = statement.has("NotResource")
                ? BootstrapPlans.texts(statement.path("NotResource")).stream().noneMatch(p -> glob(p, resource, false))
                : BootstrapPlans.texts(statement.path("Resource")).stream().anyMatch(p -> glob(p, resource, false));
        return actionMatches && resourceMatches && conditionsHold(statement.path("Condition"), context);
    }

    private static boolean conditionsHold(JsonNode conditions, Map<String, String> context) {
        for (Iterator<Map.Entry<String, JsonNode>> ops = conditions.fields(); ops.hasNext(); ) {
            var op = ops.next();
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                var key = keys.next();
                String actual = context.get(key.getKey());
                List<String> expected = BootstrapPlans.texts(key.getValue());
                boolean holds = switch (op.getKey()) {
                    case "StringEquals" -> actual != null && expected.contains(actual);
                    case "StringNotEquals" -> actual == null || !expected.contains(actual);
                    case "StringLike" -> actual != null && expected.stream().anyMatch(p -> glob(p, actual, false));
                    case "Bool" -> actual != null && expected.contains(actual);
                    case "Null" -> expected.contains(actual == null ? "true" : "false");
                    default -> throw new IllegalArgumentException("operator not modelled: " + op.getKey());
                };
                if (!holds) {
                    return false;
                }
            }
        }
        return true;
    }

    /** IAM's wildcards: {@code *} any run of characters, {@code ?} one character. */
    static boolean glob(String pattern, String value, boolean ignoreCase) {
        var regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
    }
}
