package ai.naas.aws.tools;

import ai.naas.aws.support.Json;
import ai.naas.aws.config.ConfigException;
import ai.naas.aws.environments.StackPlanner;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.diff.DiffFormats;
import ai.naas.aws.plan.diff.PlanDiff;
import ai.naas.aws.tools.cost.CostChange;
import ai.naas.aws.tools.cost.PriceTable;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code naas diff}: the offline {@code pulumi preview --diff}. It needs no cloud credentials and no Pulumi
 * state, so forks and reviewers get it too: it compares two plans, either saved ones or the plans of a
 * stack at the working tree and at a base commit.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compares two offline plans: what would be created, updated, replaced or deleted, with the",
                "inputs that change (old -> new, secrets masked). Either two saved plans:",
                "  naas diff OLD.json NEW.json",
                "or a stack at the working tree against a base commit (default: the merge base with main):",
                "  naas diff --stack dev [--base REF]",
                "  naas diff --program bootstrap --stack main-account [--base REF]",
                "When something changes, it also shows how the stack's monthly on-demand cost moves (naas cost)."})
final class DiffCommand implements Callable<Integer> {

    enum Format { text, markdown, json }

    /** Exit code of {@code --exit-code} when something changes. */
    static final int CHANGES = 1;

    @Parameters(arity = "0..2", paramLabel = "PLAN.json", description = "Two plans written by naas plan --format json: the old one, then the new one.")
    List<Path> plans = List.of();

    @Option(names = "--stack", description = "Plan this stack at the working tree and at --base, and compare them.")
    String stack;

    @Option(names = "--program", defaultValue = "stack", description = "With --stack: stack (environments/) or "
            + "bootstrap (the account's program, environments/bootstrap/). Default: ${DEFAULT-VALUE}.")
    StackOptions.Program program;

    @Option(names = "--base", description = "The git revision to compare with. Default: the merge base of HEAD and main (or origin/main).")
    String base;

    @Mixin
    EnvironmentsOption environments;

    @Option(names = "--format", defaultValue = "text", description = "text, markdown (a pull request comment, grouped by layer) or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--exit-code", description = "Exit 1 when there are changes (0 when none).")
    boolean exitCode;

    @Spec
    CommandSpec spec;

    private Plan before;
    private Plan after;

    @Override
    public Integer call() {
        if (stack != null) {
            if (!plans.isEmpty()) {
                throw new ConfigException("diff", "give either two plan files or --stack, not both");
            }
            stackAgainstBase();
        } else {
            if (plans.size() != 2) {
                throw new ConfigException("diff", "give two plan files (OLD.json NEW.json) or --stack S [--base REF]");
            }
            if (base != null) {
                throw new ConfigException("--base", "goes with --stack, not with plan files");
            }
            before = read(plans.get(0));
            after = read(plans.get(1));
        }
        PlanDiff diff = PlanDiff.between(before, after);
        var out = spec.commandLine().getOut();
        // The cost moves only when something changes; an empty diff stays one line.
        Optional<CostChange> cost = diff.isEmpty() ? Optional.empty() : CostChange.between(before, after, PriceTable.bundled());
        out.print(switch (format) {
            case text -> DiffFormats.text(diff) + cost.map(CostChange::text).orElse("");
            case markdown -> DiffFormats.markdown(diff) + cost.map(CostChange::markdown).orElse("");
            case json -> json(diff, cost);
        });
        out.flush();
        return exitCode && !diff.isEmpty() ? CHANGES : 0;
    }

    /** Sets {@link #before} to the stack's plan at the base, {@link #after} to its plan at the working tree. */
    private void stackAgainstBase() {
        var dir = environments.directory().toAbsolutePath().normalize();
        var stacks = new StackPlanner(program.folder(dir)).stacks();
        if (!stacks.contains(stack)) {
            throw new ConfigException("--stack", "unknown stack " + stack + "; the stacks are " + String.join(", ", stacks));
        }
        var git = new GitCheckout(dir.getParent());
        String revision = base != null ? git.commit(base) : git.mergeBaseWithMain();
        var err = spec.commandLine().getErr();
        before = new BasePlans(git, err).plan(revision, dir, program, stack);
        after = program.plan(dir, stack, null);
    }

    /** The diff's JSON with {@code cost} added when it is known. */
    private static String json(PlanDiff diff, Optional<CostChange> cost) {
        if (cost.isEmpty()) {
            return DiffFormats.json(diff);
        }
        try {
            var root = (ObjectNode) Json.mapper().readTree(DiffFormats.json(diff));
            cost.get().writeTo(root.putObject("cost"));
            return Json.report(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Plan read(Path file) {
        try {
            return Json.mapper().readValue(Files.readString(file), Plan.class);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "is not a plan written by naas plan --format json: "
                    + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
