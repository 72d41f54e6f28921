package ai.naas.aws.tools.policy;

import ai.naas.aws.plan.Plan;

import java.util.List;

/**
 * A rule every stack's desired state must keep, checked on the offline plan before any preview: what
 * CrossGuard policies would check, without the Pulumi service.
 */
public interface PlanRule {

    /** A short, stable name, e.g. {@code stateful-resources-protected}. */
    String name();

    /** Why the rule exists, for {@code naas policy --list}. */
    String description();

    /** The resources of {@code plan} that break the rule. */
    List<Violation> check(Plan plan);
}
