package ai.naas.aws.tools;

import ai.naas.aws.config.JvmTuning;
import ai.naas.aws.config.ConfigException;
import ai.naas.aws.plan.ProgramFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The {@code naas} command: offline tools for the stacks in this repository.
 */
@Command(name = "naas", mixinStandardHelpOptions = true, version = "naas 0.1.0",
        description = "Offline tools for Naas on AWS stacks.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:the program failed, or (with --exit-code) there are changes",
                "2:bad input: a wrong option, config value, stack file or waiver", "3:a policy rule is broken"},
        subcommands = {PlanCommand.class, DiffCommand.class, DeployCommand.class, PolicyCommand.class, ImportSecretsCommand.class, SyntheticPlanCommand.class,
                NewAppCommand.class, CostCommand.class, ConfigCommand.class, CommandLine.HelpCommand.class, CompletionCommand.class})
public final class NaasCommand {

    /** Exit code for bad input: a wrong config value, a missing stack file. */
    static final int BAD_INPUT = 2;
    /** Exit code for a program that failed for another reason. */
    static final int FAILED = 1;

    private NaasCommand() {
    }

    public static void main(String[] args) {
        JvmTuning.apply();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line; errors are one line on {@code err}, never a stack trace. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        var cli = new CommandLine(NaasCommand.class);
        cli.setOut(out).setErr(err);
        // A mistyped option or subcommand: one line, picocli's closest matches, where to look; exit 2.
        cli.setParameterExceptionHandler((e, arguments) -> {
            err.println("error: " + e.getMessage());
            if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
                err.println("did you mean: " + String.join(", ", unmatched.getSuggestions()) + "?");
            }
            err.println("see: naas " + (e.getCommandLine().getParent() == null ? "" : e.getCommandLine().getCommandName() + " ") + "--help");
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            var config = configProblem(e);
            if (config != null) {
                err.println("error: " + config.getMessage());
                return BAD_INPUT;
            }
            if (e instanceof UncheckedIOException io) {
                err.println("error: " + io.getMessage() + ": " + io.getCause().getMessage());
                return FAILED;
            }
            err.println(e instanceof ProgramFailedException ? "error: the program failed: " + e.getMessage()
                    : "error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return FAILED;
        });
        return cli.execute(args);
    }

    private static ConfigException configProblem(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ConfigException config) {
                return config;
            }
        }
        return null;
    }
}
