package ai.naas.aws.tools.policy;

import ai.naas.aws.plan.Plan;

import java.util.List;
import java.util.function.BiFunction;

/** A {@link PlanRule} made of its id, its description and its check. */
record Rule(String name, String description, BiFunction<PlanRule, Plan, List<Violation>> checker) implements PlanRule {

    static PlanRule of(String name, String description, BiFunction<PlanRule, Plan, List<Violation>> check) {
        return new Rule(name, description, check);
    }

    @Override
    public List<Violation> check(Plan plan) {
        return checker.apply(this, plan);
    }
}
