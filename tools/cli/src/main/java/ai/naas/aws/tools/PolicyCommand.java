package ai.naas.aws.tools;

import ai.naas.aws.tools.policy.PolicyReport;
import ai.naas.aws.tools.policy.PolicyRules;
import ai.naas.aws.tools.policy.Violation;
import ai.naas.aws.tools.policy.Waivers;
import ai.naas.aws.tools.policy.WorkloadRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Callable;

/**
 * {@code naas policy}: checks a stack's offline plan against the rules of {@link PolicyRules} after the stack's
 * waivers ({@code environments/policy-waivers.<stack>.yaml}); CI runs it for every stack before
 * {@code pulumi preview} and uploads its SARIF to code scanning.
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Checks a stack's offline plan against the policy rules (protected state, rotating keys, IMDSv2,",
                "hardened workloads, ...), after the waivers in environments/policy-waivers.<stack>.yaml."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no violation (waived ones aside)", "2:bad input: stack config, waiver file, option",
                "3:a rule is broken", "1:the program failed for another reason"})
final class PolicyCommand implements Callable<Integer> {

    /** Exit code when a rule is broken. */
    static final int VIOLATIONS = 3;

    /** How the outcome is written. */
    enum Format { text, json, sarif }

    @Mixin
    StackOptions stack;

    // help = true: --list needs no --stack (picocli skips required options when a help option is given).
    @Option(names = "--list", help = true, description = "List the rules (id and what each checks), and the allow-list.")
    boolean list;

    @Option(names = "--format", defaultValue = "text", description = "text, json or sarif (SARIF 2.1.0 for GitHub code scanning). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--waivers", description = "The waiver file. Default: environments/policy-waivers.<stack>.yaml when it exists.")
    Path waivers;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (list) {
            out.print(listing());
            out.flush();
            return 0;
        }
        var plan = stack.plan();
        var rules = PolicyRules.all();
        var violations = new ArrayList<Violation>();
        rules.forEach(rule -> violations.addAll(rule.check(plan)));
        var file = waivers != null ? waivers : stack.environments.directory().resolve("policy-waivers." + stack.stack + ".yaml");
        var waiverList = waivers != null || Files.exists(file) ? Waivers.read(file, plan, rules) : Waivers.none();
        var outcome = waiverList.apply(violations, plan);
        var report = new PolicyReport(plan, rules, outcome, artifact());
        out.print(switch (format) {
            case text -> report.text();
            case json -> report.json();
            case sarif -> report.sarif();
        });
        out.flush();
        if (format != Format.text) {
            spec.commandLine().getErr().println(report.summary());
        }
        return outcome.violations().isEmpty() ? 0 : VIOLATIONS;
    }

    /** Every rule id with what it checks, then the containers allowed to break a rule and why. */
    static String listing() {
        var text = new StringBuilder();
        var rules = PolicyRules.all();
        int width = rules.stream().mapToInt(r -> r.name().length()).max().orElse(0);
        rules.forEach(r -> text.append(String.format("%-" + width + "s  %s%n", r.name(), r.description())));
        text.append(String.format("%nallow-list (containers that may break a rule, in every stack):%n"));
        WorkloadRules.ALLOW_LIST.forEach(a -> text.append(String.format("  %s: %s %s: %s%n", a.rule(), a.resource(), a.path(), a.reason())));
        return text.toString();
    }

    /** The stack file, relative to the repository root: where code scanning shows the results. */
    private String artifact() {
        var environments = stack.environments.directory().toAbsolutePath().normalize();
        var file = (stack.stackFile != null ? stack.stackFile : environments.resolve("Pulumi." + stack.stack + ".yaml"))
                .toAbsolutePath().normalize();
        var root = environments.getParent();
        return (root != null && file.startsWith(root) ? root.relativize(file) : file.getFileName()).toString().replace('\\', '/');
    }
}
