package ai.naas.aws.tools;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.plan.Plan;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The plan of a stack as it was at a base commit, offline.
 *
 * <p>A plan is a function of the program (the sources and poms of every module, the charts) and of the
 * stack's config (its stack file and Pulumi.yaml). When the program is the same at the base as in the
 * working tree, as for a pull request that changes a stack file, the base's stack file is planned in this
 * JVM with this program: as exact as building the base, and quick. Otherwise the base is exported
 * ({@code git archive}), built with Maven offline once (kept in {@code tools/cli/target/naas-base/<commit>}
 * for the next run) and planned in its own JVM.
 */
final class BasePlans {

    private final GitCheckout git;
    private final PrintWriter progress;

    BasePlans(GitCheckout git, PrintWriter progress) {
        this.git = git;
        this.progress = progress;
    }

    /** The plan of {@code stack} of {@code program} at {@code commit}; empty if the stack had no stack file there. */
    Plan plan(String commit, Path environments, StackOptions.Program program, String stack) {
        String env = relative(environments);
        String folder = relative(program.folder(environments));
        var programChanges = git.changedSince(commit).stream().filter(p -> changesTheProgram(p, folder)).toList();
        try {
            return programChanges.isEmpty() ? planWithThisProgram(commit, env, folder, program, stack)
                    : planWithTheBaseProgram(commit, env, folder, program, stack, programChanges);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot plan the base " + commit, e);
        }
    }

    private String relative(Path dir) {
        return git.root().relativize(dir).toString().replace('\\', '/');
    }

    /**
     * Whether a changed file (path from the repository root) can change what the program in {@code folder}
     * registers.
     */
    static boolean changesTheProgram(String path, String folder) {
        return path.equals("pom.xml") || path.endsWith("/pom.xml") || path.contains("src/main/")
                || path.startsWith("charts/") || path.equals(folder + "/Pulumi.yaml");
    }

    private Plan planWithThisProgram(String commit, String env, String folder, StackOptions.Program program,
                                     String stack) throws IOException {
        var stackFile = git.show(commit, folder + "/Pulumi." + stack + ".yaml");
        if (stackFile.isEmpty()) {
            return empty(stack);
        }
        // Pulumi.yaml is part of the program (see changesTheProgram): the same at the base as here.
        var file = Files.createTempFile("naas-base-Pulumi." + stack + "-", ".yaml");
        try {
            Files.write(file, stackFile.get());
            return program.plan(git.root().resolve(env), stack, file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private Plan planWithTheBaseProgram(String commit, String env, String folder, StackOptions.Program program,
                                        String stack, List<String> changes) throws IOException {
        var checkout = git.root().resolve("tools/cli/target/naas-base").resolve(commit);
        var jar = checkout.resolve("tools/cli/target/naas-cli.jar");
        if (!Files.isRegularFile(jar)) {
            progress.println("naas diff: the program changed since " + commit.substring(0, 12) + " (" + changes.size()
                    + " files, e.g. " + changes.get(0) + "); building the base once, offline, into " + checkout);
            progress.flush();
            delete(checkout);
            Files.createDirectories(checkout);
            var archive = checkout.resolve("base.tar");
            run(List.of("git", "-C", git.root().toString(), "archive", "--format=tar", "-o", archive.toString(), commit),
                    checkout, "git archive");
            run(List.of("tar", "-xf", archive.toString(), "-C", checkout.toString()), checkout, "tar");
            Files.delete(archive);
            run(List.of("mvn", "-B", "-o", "-q", "-f", checkout.resolve("pom.xml").toString(), "package",
                    "-DskipTests", "-pl", "tools/cli", "-am"), checkout, "building the base with Maven");
        }
        if (!Files.isRegularFile(checkout.resolve(folder).resolve("Pulumi." + stack + ".yaml"))) {
            return empty(stack);
        }
        var out = Files.createTempFile("naas-base-", ".json");
        try {
            var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            run(List.of(java, "-jar", jar.toString(), "plan", "--program", program.name(), "--stack", stack, "--format", "json",
                    "--environments", checkout.resolve(env).toString(), "--out", out.toString()), checkout.resolve(env),
                    "planning the base");   // in environments/, as pulumi up runs it (paths to local charts)
            return DiffCommand.read(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Plan empty(String stack) {
        return new Plan("", stack, List.of(), Map.of());
    }

    private void run(List<String> command, Path dir, String what) throws IOException {
        var log = Files.createTempFile("naas-base-", ".log");
        try {
            var process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                var said = Files.readAllLines(log);
                throw new ConfigException("--base", what + " failed: "
                        + String.join("\n", said.subList(Math.max(0, said.size() - 20), said.size())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            var paths = new ArrayList<>(all.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        }
    }
}
