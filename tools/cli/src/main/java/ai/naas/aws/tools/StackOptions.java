package ai.naas.aws.tools;

import ai.naas.aws.environments.StackPlanner;
import ai.naas.aws.plan.Plan;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options that pick a program, a stack and its config, shared by the commands that plan it. */
final class StackOptions {

    /** The Pulumi programs of this repository. */
    enum Program {
        stack, bootstrap;

        /** The program's folder (its Pulumi.yaml and stack files) under {@code environments/}. */
        Path folder(Path environments) {
            return this == bootstrap ? environments.resolve("bootstrap") : environments;
        }

        /** The offline plan of {@code stack} of this program; {@code stackFile} null for the folder's own. */
        Plan plan(Path environments, String stack, Path stackFile) {
            return switch (this) {
                case stack -> new StackPlanner(environments).plan(stack, stackFile);
                case bootstrap -> new BootstrapPlanner(folder(environments)).plan(stack, stackFile);
            };
        }
    }

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
        return program.plan(environments.directory(), stack, stackFile);
    }
}
