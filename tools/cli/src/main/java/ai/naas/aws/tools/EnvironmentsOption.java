package ai.naas.aws.tools;

import ai.naas.aws.environments.StackPlanner;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --environments}: where the stacks are, shared by the commands that read them. */
final class EnvironmentsOption {

    @Option(names = "--environments", description = "The environments/ folder. Default: found above the current directory.")
    Path environments;

    /** The folder given, or the one above the current directory. */
    Path directory() {
        return environments != null ? environments : StackPlanner.findEnvironments(Path.of(""));
    }
}
