package ai.naas.aws.tools;

import ai.naas.aws.config.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The git checkout the stacks live in: revisions, what changed since one, and files as they were. */
final class GitCheckout {

    private final Path root;

    GitCheckout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The commit a revision names. */
    String commit(String revision) {
        return run("rev-parse", "--verify", "--quiet", revision + "^{commit}")
                .orElseThrow(() -> new ConfigException("--base", "not a commit in " + root + ": " + revision)).strip();
    }

    /** The merge base of HEAD and the main branch: what a pull request is compared with. */
    String mergeBaseWithMain() {
        for (String main : List.of("main", "origin/main")) {
            var found = run("merge-base", "HEAD", main);
            if (found.isPresent()) {
                return found.get().strip();
            }
        }
        throw new ConfigException("--base", "no merge base of HEAD with main or origin/main in " + root
                + "; name the base with --base");
    }

    /** Files changed between {@code commit} and the working tree, tracked or not yet (paths from the root). */
    List<String> changedSince(String commit) {
        var changed = new ArrayList<String>();
        run("diff", "--name-only", "--no-renames", commit, "--").ifPresent(s -> changed.addAll(s.lines().toList()));
        run("ls-files", "--others", "--exclude-standard").ifPresent(s -> changed.addAll(s.lines().toList()));
        return changed;
    }

    /** A file as it is in {@code commit}, if it is there. */
    Optional<byte[]> show(String commit, String path) {
        return runBytes("show", commit + ":" + path);
    }

    /** Runs git; empty when it fails. */
    Optional<String> run(String... args) {
        return runBytes(args).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    private Optional<byte[]> runBytes(String... args) {
        var command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        try {
            var process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            throw new ConfigException("git", "cannot run git in " + root + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git", e);
        }
    }
}
