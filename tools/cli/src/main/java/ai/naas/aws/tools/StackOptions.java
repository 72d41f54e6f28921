package ai.naas.aws.tools;

import ai.naas.aws.plan.Plan;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options that pick a stack and its config, shared by the commands that plan it. */
final class StackOptions {

    @Option(names = "--stack", required = true, description = "The stack, e.g. dev or prod.")
    String stack;

    @Option(names = "--stack-file", description = "Read the stack's config from this file instead of environments/Pulumi.<stack>.yaml.")
    Path stackFile;

    @Mixin
    EnvironmentsOption environments;

    /** The stack's offline plan. */
    Plan plan() {
        return new StackPlanner(environments.directory()).plan(stack, stackFile);
    }
}
