package ai.naas.aws.tools;

import ai.naas.aws.tools.policy.BaselineRules;
import ai.naas.aws.tools.policy.Violation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
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

    @Option(names = "--stack", required = true, description = "The stack to check.")
    String stack;

    @Option(names = "--stack-file", description = "Read the stack's config from this file instead of environments/Pulumi.<stack>.yaml.")
    Path stackFile;

    @Option(names = "--environments", description = "The environments/ folder. Default: found above the current directory.")
    Path environments;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var dir = environments != null ? environments : StackPlanner.findEnvironments(Path.of(""));
        var plan = new StackPlanner(dir).plan(stack, stackFile);
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
