package ai.naas.aws.tools;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.Statement;
import ai.naas.aws.plan.OfflineEngine;
import ai.naas.aws.plan.PlausibleCloud;
import com.pulumi.Context;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code naas synthetic-plan}: plans a generated program of about N resources, so that {@code tools/bench}
 * can show how the offline engine's cost grows with stack size. Hidden: it exists for the benchmark.
 */
@Command(name = "synthetic-plan", hidden = true,
        description = "Plans a generated program of about N resources (for tools/bench).")
final class SyntheticPlanCommand implements Callable<Integer> {

    /** A component and the four resources below it. */
    private static final int RESOURCES_PER_UNIT = 5;

    @Option(names = "--resources", defaultValue = "2500", description = "About how many resources. Default: ${DEFAULT-VALUE}.")
    int resources;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var plan = new OfflineEngine(new PlausibleCloud("eu-west-3"))
                .run("synthetic", "bench", Map.of(), Set.of(), this::program);
        spec.commandLine().getOut().println(plan.resources().size() + " resources planned");
        return 0;
    }

    private void program(Context ctx) {
        for (int i = 0; i < Math.max(1, resources / RESOURCES_PER_UNIT); i++) {
            var unit = new Unit("unit-" + i);
            var child = CustomResourceOptions.builder().parent(unit).build();
            var logs = new LogGroup("logs-" + i, LogGroupArgs.builder().name("/bench/" + i).retentionInDays(7).build(), child);
            var role = new Role("role-" + i, RoleArgs.builder()
                    .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                            .by("Service", "ec2.amazonaws.com")).toJson())
                    .build(), child);
            new RolePolicy("policy-" + i, RolePolicyArgs.builder()
                    .role(role.id())
                    .policy(PolicyDocument.of(Statement.allow("logs:PutLogEvents").on(logs.arn())).toJson())
                    .build(), child);
            new LogGroup("audit-" + i, LogGroupArgs.builder().name(role.name().applyValue(n -> "/bench/audit/" + n))
                    .build(), CustomResourceOptions.builder().parent(unit).dependsOn(role).build());
        }
    }

    private static final class Unit extends ComponentResource {
        Unit(String name) {
            super("naas:bench:Unit", name, ComponentResourceOptions.Empty);
            registerOutputs(Map.of());
        }
    }
}
