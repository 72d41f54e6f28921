package ai.naas.aws.tools.policy;

import ai.naas.aws.plan.PlannedResource;

/**
 * A resource of a plan that breaks a rule.
 *
 * @param rule     the rule's name
 * @param resource the resource's URN
 * @param problem  what is wrong, in a few words
 */
public record Violation(String rule, String resource, String problem) {

    static Violation of(PlanRule rule, PlannedResource resource, String problem) {
        return new Violation(rule.name(), resource.urn(), problem);
    }

    @Override
    public String toString() {
        return rule + ": " + resource + ": " + problem;
    }
}
