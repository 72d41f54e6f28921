package ai.naas.aws.environments;

import ai.naas.aws.plan.Plan;
import com.pulumi.test.Mocks;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The repository's stacks, planned offline from their stack files (cached: a plan is immutable). */
final class StackPlans {

    private static final Map<String, Plan> PLANS = new HashMap<>();
    /** Maven runs the tests in the module's folder: this one, with Pulumi.yaml and the stack files. */
    private static final StackPlanner PLANNER = new StackPlanner(Path.of(""));

    private StackPlans() {
    }

    static synchronized Plan of(String stack) {
        return PLANS.computeIfAbsent(stack, s -> of(s, Map.of()));
    }

    /** The stack with some config values replaced (full key to raw value, as the Pulumi CLI passes them). */
    static Plan of(String stack, Map<String, String> overrides) {
        return PLANNER.plan(stack, null, overrides);
    }

    /**
     * The stack planned against an account that answers some calls its own way (e.g. a role that does not
     * exist): {@code account} wraps the offline cloud.
     */
    static Plan of(String stack, Map<String, String> overrides, UnaryOperator<Mocks> account) {
        return PLANNER.plan(stack, null, overrides, account);
    }
}
