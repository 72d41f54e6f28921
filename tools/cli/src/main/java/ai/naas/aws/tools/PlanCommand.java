package ai.naas.aws.tools;

import ai.naas.aws.support.Json;
import ai.naas.aws.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code naas plan}: the desired state of a stack, offline, as {@code cdk synth} is to CDK.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Runs a stack's program under Pulumi's mock engine (no cloud, no Pulumi CLI) and prints",
                "every resource with its type, parent, provider, dependencies, protect flag and inputs.",
                "Secrets print as [secret]."})
final class PlanCommand implements Callable<Integer> {

    enum Format { tree, json, mermaid }

    @Mixin
    StackOptions stack;

    @Option(names = "--format", defaultValue = "tree", description = "tree (for people), json, or mermaid (a graph of parents and dependencies). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--out", description = "Write the plan to this file instead of standard output.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var plan = stack.plan();
        String text = switch (format) {
            case json -> json(plan);
            case tree -> PlanTree.render(plan);
            case mermaid -> PlanGraph.render(plan);
        };
        if (out == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            try {
                Files.writeString(out, text);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out, e);
            }
 spec.commandLine().getErr().println("wrote " + plan.resources().size() + " resources to " + out);
        }
        return 0;
    }

    static String json(Plan plan) {
        return Json.report(plan);
    }
}
