package ai.naas.aws.tools;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.environments.StackPlanner;
import ai.naas.aws.plan.PlannedResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code naas deploy}: rolls out one app, what {@code skaffold deploy -p jupyter} did. It runs
 * {@code pulumi up} on the stack limited to the app's subtree (its component and every resource below it,
 * found in the offline plan) and whatever depends on it ({@code --target-dependents}), so that nothing else
 * of the stack changes.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Runs, in environments/, pulumi up --stack S with one --target per resource of the app's",
                "subtree (from the offline plan) and --target-dependents. --dry-run prints the command instead."})
final class DeployCommand implements Callable<Integer> {

    /** The component type each app is deployed under (see Platform). */
    static final String APP_TYPE = "naas:apps:App";

    @Option(names = "--stack", required = true, description = "The stack, e.g. dev or prod.")
    String stack;

    @Option(names = "--app", required = true, description = "The app to roll out, as listed in the stack's naas:apps.")
    String app;

    @Option(names = "--dry-run", description = "Print the pulumi command and run nothing.")
    boolean dryRun;

    @Mixin
    EnvironmentsOption environments;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var dir = environments.directory();
        var planner = new StackPlanner(dir);
        if (!planner.stacks().contains(stack)) {
            throw new ConfigException("--stack", "unknown stack " + stack + "; the stacks are "
                    + String.join(", ", planner.stacks()));
        }
        var plan = planner.plan(stack);
        var apps = plan.ofType(APP_TYPE);
        var component = apps.stream().filter(a -> a.name().equals(app)).findFirst().orElseThrow(() ->
                new ConfigException("--app", "unknown app " + app + " in stack " + stack + "; its apps are "
                        + apps.stream().map(PlannedResource::name).sorted().collect(Collectors.joining(", "))));
        var command = new ArrayList<>(List.of("pulumi", "up", "--stack", stack));
        command.add("--target");
        command.add(component.urn());
        for (var r : plan.descendantsOf(component)) {
            command.add("--target");
            command.add(r.urn());
        }
        command.add("--target-dependents");

        var out = spec.commandLine().getOut();
        if (dryRun) {
            out.println("cd " + quote(dir.toAbsolutePath().normalize().toString()) + " && " + shell(command));
            out.flush();
            return 0;
        }
        int targets = (command.size() - 5) / 2;
        out.println("naas deploy: " + app + " on stack " + stack + ", " + targets + " targets and their dependents");
        out.flush();
        try {
            var process = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
            return process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run pulumi: is the Pulumi CLI installed?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NaasCommand.FAILED;
        }
    }

    /** The command as a shell would take it: URNs hold {@code $}, so each argument that needs it is quoted. */
    static String shell(List<String> command) {
        return command.stream().map(DeployCommand::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String arg) {
        return arg.matches("[A-Za-z0-9_./:=@%+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
