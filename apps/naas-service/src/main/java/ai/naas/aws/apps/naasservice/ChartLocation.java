package ai.naas.aws.apps.naasservice;

import ai.naas.aws.support.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a chart of this repository ({@code charts/<name>}) is, as a {@code helm.v3.Release} must name it, and a
 * digest of its files.
 *
 * <p><b>The path.</b> The chart is found by walking up from the working directory to the first directory holding
 * {@code charts/<name>/Chart.yaml}: {@code pulumi up} runs the program in {@code environments/} (where
 * {@code Pulumi.yaml} is), {@code naas plan} and the tests run it elsewhere in the repository. The path is given
 * <em>relative to the working directory</em> ({@code ../charts/naas-service} under {@code pulumi up}), which is
 * also the directory Pulumi starts the Kubernetes provider in: an absolute path would differ between a laptop and
 * CI and show as a change to every release in each {@code pulumi preview}.
 *
 * <p><b>The digest.</b> The Kubernetes provider this repository pins (4.0.0) does not notice that the files of a
 * local chart changed: only a change of the release's inputs makes it upgrade. So the values carry this digest
 * (see {@link NaasServiceApp#values}); a changed template then shows in {@code pulumi preview} and is rolled out.
 *
 * @param path      the chart directory relative to the working directory, with {@code /} separators
 * @param directory the chart directory, absolute
 * @param digest    {@code sha256:<hex>} over the names and contents of the chart's files, except {@code ci/}
 *                  (which {@code .helmignore} leaves out of the chart too)
 */
public record ChartLocation(String path, Path directory, String digest) {

    /**
     * The system property naming the directory the program runs in, when that is not the JVM's working directory:
     * {@code naas plan} sets it to {@code environments/}, where {@code pulumi up} runs the program, so that a plan
     * names the chart as {@code pulumi up} will, from whatever directory it is made.
     */
    public static final String PROGRAM_DIRECTORY = "naas.programDirectory";

    /** The chart {@code charts/<name>} of the repository around the program's directory. */
    public static ChartLocation find(String name) {
        return find(name, Paths.get(System.getProperty(PROGRAM_DIRECTORY, "")).toAbsolutePath());
    }

    /**
     * The chart {@code charts/<name>} of the repository around {@code workingDirectory}.
     *
     * @throws IllegalStateException if neither {@code workingDirectory} nor a parent holds {@code charts/<name>/Chart.yaml}
     */
    public static ChartLocation find(String name, Path workingDirectory) {
        Path start = workingDirectory.toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path chart = dir.resolve("charts").resolve(name);
            if (Files.isRegularFile(chart.resolve("Chart.yaml"))) {
                String relative = start.relativize(chart).toString().replace('\\', '/');
                return new ChartLocation(relative, chart, digest(chart));
            }
        }
        throw new IllegalStateException("the chart charts/" + name + " is not in " + start + " or any directory above it;"
                + " run the program from inside the repository (pulumi runs it in environments/)");
    }

    private static String digest(Path chart) {
        try (Stream<Path> walk = Files.walk(chart)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(f -> !chart.relativize(f).startsWith("ci"))
                    .sorted((a, b) -> name(chart, a).compareTo(name(chart, b)))
                    .toList();
            MessageDigest sha = Digests.newSha256();
            for (Path file : files) {
                sha.update(name(chart, file).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(file));
                sha.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(Path chart, Path file) {
        return chart.relativize(file).toString().replace('\\', '/');
    }
}
