package ai.naas.aws.tools.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every rule {@code naas policy} checks, in the order {@code naas policy --list} shows them. */
public final class PolicyRules {

    private PolicyRules() {
    }

    /** The baseline rules, then the workload rules. */
    public static List<PlanRule> all() {
        var rules = new ArrayList<>(BaselineRules.all());
        rules.addAll(WorkloadRules.all());
        return List.copyOf(rules);
    }

    /** The rule with this id. */
    public static Optional<PlanRule> byName(String name) {
        return all().stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
