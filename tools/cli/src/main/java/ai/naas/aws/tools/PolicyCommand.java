package ai.naas.aws.tools;

import ai.naas.aws.tools.policy.BaselineRules;
import ai.naas.aws.tools.policy.Violation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.concurrent.Callable;

/**
 * {@code naas policy}: checks a stack's offline plan against the baseline rules; CI runs it for every
 * stack before {@code pulumi preview}.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Checks a stack's offline plan against the baseline rules (protected state, rotating keys, IMDSv2, ...).")
final class PolicyCommand implements Callable<Integer> {

    /** Exit code when a rule is broken. */
    static final int VIOLATIONS = 3;

    @Mixin
    StackOptions stack;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var plan = stack.plan();
        var violations = new ArrayList<Violation>();
        var rules = BaselineRules.all();
        rules.forEach(rule -> violations.addAll(rule.check(plan)));
        var out = spec.commandLine().getOut();
        violations.forEach(v -> out.println("violation: " + v));
        out.println(rules.size() + " rules, " + plan.resources().size() + " resources, " + violations.size() + " violations");
        out.flush();
        return violations.isEmpty() ? 0 : VIOLATIONS;
    }
}
