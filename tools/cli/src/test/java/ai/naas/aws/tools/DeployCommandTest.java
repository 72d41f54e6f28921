package ai.naas.aws.tools;

import ai.naas.aws.environments.StackPlanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static ai.naas.aws.tools.PlanCommandTest.naas;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code naas deploy}: one app's subtree, and what depends on it, through {@code pulumi up --target}.
 */
class DeployCommandTest {

    private static final Path ENVIRONMENTS = StackPlanner.findEnvironments(Path.of(""));
    private static final Pattern TARGET = Pattern.compile("--target '([^']+)'");
    private static final List<String> DEV_APPS = List.of("jupyterhub", "naas-callback", "naas-notifications", "naas-proxy");

    @Test
    void eachAppTargetsItsComponentAndEverythingBelowItAndNothingElse() {
        var planned = PlanCommandTest.naas("plan", "--stack", "dev", "--format", "json").out();
        // Every resource whose URN has an app component in its type chain belongs to exactly one app.
        var underApps = new HashSet<String>();
        var urn = Pattern.compile("\"urn\" : \"([^\"]+)\"").matcher(planned);
        while (urn.find()) {
            if (urn.group(1).contains("naas:apps:App")) {
                underApps.add(urn.group(1));
            }
        }
        var targeted = new HashSet<String>();
        for (String app : DEV_APPS) {
            var run = naas("deploy", "--stack", "dev", "--app", app, "--dry-run");
            assertThat(run.exitCode()).as(run.err()).isZero();
            String command = run.out().strip();
            assertThat(command).startsWith("cd " + ENVIRONMENTS.toAbsolutePath().normalize() + " && pulumi up --stack dev --target ")
                    .endsWith(" --target-dependents");
            var targets = targets(command);
            assertThat(targets.get(0)).endsWith("naas:apps:App::" + app);
            for (String target : targets) {
                assertThat(targeted.add(target)).as("%s targeted by two apps", target).isTrue();
            }
        }
        assertThat(targeted).isEqualTo(underApps);
        var hub = targets(naas("deploy", "--stack", "dev", "--app", "jupyterhub", "--dry-run").out());
        assertThat(hub).anyMatch(t -> t.endsWith("kubernetes:helm.sh/v3:Release::jupyterhub"))
                .anyMatch(t -> t.endsWith("PersistentVolumeClaim::naas-dev-homes-jupyter"))
                .noneMatch(t -> t.contains("aws:"));
    }

    @Test
    void anUnknownStackOrAppIsOneLineNamingItAndTheValidOnes() {
        var app = naas("deploy", "--stack", "dev", "--app", "jupyter", "--dry-run");
        assertThat(app.exitCode()).isEqualTo(NaasCommand.BAD_INPUT);
        assertThat(app.err().strip()).isEqualTo("error: --app: unknown app jupyter in stack dev; its apps are "
                + String.join(", ", DEV_APPS));

        var stack = naas("deploy", "--stack", "staging", "--app", "jupyterhub");
        assertThat(stack.exitCode()).isEqualTo(NaasCommand.BAD_INPUT);
        assertThat(stack.err().strip()).isEqualTo("error: --stack: unknown stack staging; the stacks are dev, prod");
    }

    @Test
    void theRealRunStartsPulumiFromThePathInEnvironmentsWithThoseArguments(@TempDir Path bin) throws Exception {
        var calls = bin.resolve("calls.txt");
        var pulumi = bin.resolve("pulumi");
        Files.writeString(pulumi, "#!/bin/sh\npwd > '" + calls + "'\nfor a in \"$@\"; do echo \"$a\" >> '" + calls
                + "'; done\nexit 7\n");
        Files.setPosixFilePermissions(pulumi, PosixFilePermissions.fromString("rwx------"));

        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), NaasCommand.class.getName(),
                "deploy", "--stack", "dev", "--app", "naas-proxy", "--environments", ENVIRONMENTS.toString())
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        var process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(output).isEqualTo(7);   // pulumi's own exit code
        var argv = Files.readAllLines(calls);
        assertThat(Path.of(argv.get(0))).isEqualTo(ENVIRONMENTS.toRealPath());
        var expected = new ArrayList<>(List.of("up", "--stack", "dev"));
        for (String target : targets(naas("deploy", "--stack", "dev", "--app", "naas-proxy", "--dry-run").out())) {
            expected.add("--target");
            expected.add(target);
        }
        expected.add("--target-dependents");
        assertThat(argv.subList(1, argv.size())).containsExactlyElementsOf(expected);
    }

    private static List<String> targets(String command) {
        var found = new ArrayList<String>();
        var m = TARGET.matcher(command);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

}
