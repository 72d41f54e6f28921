package ai.naas.aws.tools;

import ai.naas.aws.environments.StackPlanner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Same commit, same stack file, same bytes: the plan of each stack, and so every input the program gives
 * Pulumi, is identical from one JVM to the next, whatever directory it is made in. Two JVMs, because what changes between runs (hash seeds of
 * {@code Map.of}, thread timing of dependency sets) is fixed within one.
 */
class ReproduciblePlanTest {

    private static final Path ENVIRONMENTS = StackPlanner.findEnvironments(Path.of(""));

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void twoJvmsPlanningTheSameStackWriteTheSameBytes(String stack, @TempDir Path dir) throws Exception {
        assertThat(new StackPlanner(ENVIRONMENTS).stacks()).contains(stack);
        // The second from another working directory too: a plan must not depend on where it is made.
        byte[] first = planInItsOwnJvm(stack, dir.resolve("first.json"), Path.of("").toAbsolutePath());
        byte[] second = planInItsOwnJvm(stack, dir.resolve("second.json"), dir);

        assertThat(first.length).isGreaterThan(10_000);
        assertThat(firstDifference(first, second)).as("the lines where the second JVM's plan of %s differs", stack)
                .isEmpty();
        assertThat(second).isEqualTo(first);
    }

    /** The first line that differs, from both plans (a whole plan is too long to read in a failure). */
    private static String firstDifference(byte[] first, byte[] second) {
        var a = new String(first).lines().toList();
        var b = new String(second).lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "(end)";
            String y = i < b.size() ? b.get(i) : "(end)";
            if (!x.equals(y)) {
                return "line " + (i + 1) + ":\n  first:  " + x + "\n  second: " + y;
            }
        }
        return "";
    }

    /** {@code naas plan --format json} in a new JVM on this test's class path. */
    private static byte[] planInItsOwnJvm(String stack, Path out, Path workingDirectory)
            throws IOException, InterruptedException {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                NaasCommand.class.getName(), "plan", "--stack", stack, "--format", "json",
                "--environments", ENVIRONMENTS.toString(), "--out", out.toString()))
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String log = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("plan finished").isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        return Files.readAllBytes(out);
    }
}
