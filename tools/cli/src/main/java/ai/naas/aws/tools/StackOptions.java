package ai.naas.aws.tools;

import ai.naas.aws.environments.StackPlanner;
import ai.naas.aws.plan.Plan;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options that pick a program, a stack and its config, shared by the commands that plan it. */
final class StackOptions {

    /** The Pulumi programs of this repository. */
    enum Program { stack, bootstrap }

    @Option(names = "--program", defaultValue = "stack", description = "stack (a naas stack: environments/, "
            + "Pulumi.<stack>.yaml) or bootstrap (the account's program: environments/bootstrap/, "
            + "Pulumi.<stack>.yaml there). Default: ${DEFAULT-VALUE}.")
    Program program;

    @Option(names = "--stack", required = true, description = "The stack, e.g. dev or prod (main-account with --program bootstrap).")
    String stack;

    @Option(names = "--stack-file", description = "Read the stack's config from this file instead of Pulumi.<stack>.yaml in the program's folder.")
    Path stackFile;

    @Mixin
    EnvironmentsOption environments;

    /** The stack's offline plan. */
    Plan plan() {
        return switch (program) {
            case stack -> new StackPlanner(environments.directory()).plan(stack, stackFile);
            case bootstrap -> new BootstrapPlanner(environments.directory().resolve("bootstrap")).plan(stack, stackFile);
        };
    }
}
