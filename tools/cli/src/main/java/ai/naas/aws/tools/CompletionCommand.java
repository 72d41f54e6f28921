package ai.naas.aws.tools;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code naas completion}: the bash (and zsh, via bashcompinit) completion script picocli's AutoComplete
 * generates from the commands themselves, so it never falls behind them.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints a bash completion script for naas. Use it with:",
                "  source <(tools/naas completion)    (add it to ~/.bashrc to keep it)"})
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.print(AutoComplete.bash("naas", spec.root().commandLine()));
        out.flush();
        return 0;
    }
}
