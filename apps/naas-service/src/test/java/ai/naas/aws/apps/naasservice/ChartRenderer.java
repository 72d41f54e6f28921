package ai.naas.aws.apps.naasservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Lints and renders a chart of this repository with Helm itself (the Helm library inside helm-java): no helm
 * binary, no cluster. Values come as values files, applied in order like {@code helm template -f a.yaml -f b.yaml}.
 *
 * <p>A chart rendered this way must not call {@code lookup}: helm-java's would query whatever cluster the local
 * kubeconfig names.
 */
public final class ChartRenderer {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path chartDirectory;
    private final String namespace;
    private final String kubeVersion;

    private ChartRenderer(Path chartDirectory, String namespace, String kubeVersion) {
        this.chartDirectory = chartDirectory;
        this.namespace = namespace;
        this.kubeVersion = kubeVersion;
    }

    /**
     * The chart {@code charts/<name>} of this repository, found by walking up from the working directory: a
     * module directory under Maven, the repository root in an IDE.
     *
     * @param name the chart's directory name under {@code charts/}
     * @return a renderer for that chart with Helm's defaults: no namespace, Helm's own Kubernetes version
     * @throws IllegalStateException if no parent of the working directory holds {@code charts/<name>/Chart.yaml}
     */
    public static ChartRenderer forChart(String name) {
        Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path chart = dir.resolve("charts").resolve(name);
            if (Files.isRegularFile(chart.resolve("Chart.yaml"))) {
                return new ChartRenderer(chart, null, null);
            }
        }
        throw new IllegalStateException("no charts/" + name + "/Chart.yaml in " + start + " or any parent");
    }

    /**
     * Renders into a namespace ({@code helm template --namespace}); without one, Helm leaves
     * {@code .Release.Namespace} empty.
     *
     * @param namespace the release namespace
     * @return a renderer like this one, in that namespace
     */
    public ChartRenderer inNamespace(String namespace) {
        return new ChartRenderer(chartDirectory, namespace, kubeVersion);
    }

    /**
     * Renders for a cluster of this Kubernetes version ({@code helm template --kube-version}), which is what
     * templates see as {@code .Capabilities.KubeVersion} and what Chart.yaml's {@code kubeVersion} is checked
     * against. Without it Helm assumes v1.20.0.
     *
     * @param version a version such as {@code 1.33.0} or {@code v1.33.0}
     * @return a renderer like this one, for that Kubernetes version
     */
    public ChartRenderer forKubernetes(String version) {
        return new ChartRenderer(chartDirectory, namespace, version);
    }

    /** @return the chart's directory */
    public Path chartDirectory() {
        return chartDirectory;
    }

    /**
     * {@code helm lint --strict} as if run with {@code -f} for each values file. helm-java's lint takes no
     * values, so this lints a temporary copy of the chart whose values.yaml is the chart's own with the given
     * files coalesced over it the way Helm coalesces them.
     *
     * @param valuesFiles values files, later ones winning
     * @return Helm's verdict and messages
     */
    public LintResult lint(List<Path> valuesFiles) {
        Path copyRoot = null;
        try {
            ObjectNode values = (ObjectNode) YAML.readTree(chartDirectory.resolve("values.yaml").toFile());
            for (Path file : valuesFiles) {
                coalesce(values, YAML.readTree(file.toFile()));
            }
            copyRoot = Files.createTempDirectory("chart-lint");
            // Helm's lint wants the directory named like the chart.
            Path copy = copyRoot.resolve(chartDirectory.getFileName().toString());
            copyTree(chartDirectory, copy);
            YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(copyRoot);
        }
    }

    /**
     * {@code helm template <releaseName> <chart> -f ...}, with this renderer's namespace and Kubernetes version.
     *
     * @param releaseName the release name, {@code .Release.Name}
     * @param valuesFiles values files, later ones winning
     * @return the rendered objects, in Helm's output order
     * @throws IllegalStateException with Helm's message when rendering fails: schema violations, {@code required}
     *     and {@code fail} in templates, an incompatible Kubernetes version
     */
    public Manifests template(String releaseName, List<Path> valuesFiles) {
        TemplateCommand command = new Helm(chartDirectory).template().withName(releaseName);
        if (namespace != null) {
            command = command.withNamespace(namespace);
        }
        if (kubeVersion != null) {
            command = command.withKubeVersion(kubeVersion);
        }
        for (Path file : valuesFiles) {
            command = command.withValuesFile(file);
        }
        String output = command.call();
        try {
            List<ObjectNode> objects = YAML.readerFor(ObjectNode.class).<ObjectNode>readValues(output).readAll();
            return new Manifests(output, objects.stream().filter(Objects::nonNull).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code helm lint --strict} with these values, as one values file: for values a program builds.
     *
     * @param values the values, as a Pulumi {@code helm.v3.Release} would pass them
     * @return Helm's verdict and messages
     */
    public LintResult lint(Map<String, Object> values) {
        return withValuesFile(values, file -> lint(List.of(file)));
    }

    /**
     * {@code helm template <releaseName> <chart> -f values.yaml} with these values, as one values file: for values a
     * program builds, rendered as the Release that carries them would be.
     *
     * @param releaseName the release name, {@code .Release.Name}
     * @param values      the values, as a Pulumi {@code helm.v3.Release} would pass them
     * @return the rendered objects, in Helm's output order
     */
    public Manifests template(String releaseName, Map<String, Object> values) {
        return withValuesFile(values, file -> template(releaseName, List.of(file)));
    }

    private static <T> T withValuesFile(Map<String, Object> values, java.util.function.Function<Path, T> use) {
        Path file = null;
        try {
            file = Files.createTempFile("values", ".yaml");
            YAML.writeValue(file.toFile(), values);
            return use.apply(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left behind is no reason to fail a test
                }
            }
        }
    }

    /**
     * Helm's coalescing of user values over the chart's: maps merge key by key; a null removes the chart's
     * value (a null where the chart has none stays, for the schema to judge); anything else replaces.
     */
    private static void coalesce(ObjectNode target, JsonNode overrides) {
        if (overrides.isMissingNode()) {
            return; // an empty values file
        }
        if (!overrides.isObject()) {
            throw new IllegalArgumentException("a values file must hold a map, not " + overrides.getNodeType());
        }
        for (Map.Entry<String, JsonNode> entry : overrides.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            JsonNode current = target.get(key);
            if (value.isNull() && current != null) {
                target.remove(key);
            } else if (value.isObject() && current != null && current.isObject()) {
                coalesce((ObjectNode) current, value);
            } else {
                target.set(key, value);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Files.copy(source, to.resolve(from.relativize(source).toString()));
            }
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What {@code helm template} rendered.
     *
     * @param text the output as Helm wrote it, for assertions on the text as a whole
     * @param objects the Kubernetes objects, parsed
     */
    public record Manifests(String text, List<ObjectNode> objects) {

        /**
         * @param kind a Kubernetes kind such as {@code Deployment}
         * @return the objects of that kind
         */
        public List<ObjectNode> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
        }

        /**
         * @param kind a Kubernetes kind such as {@code Deployment}
         * @return the one object of that kind
         * @throws IllegalStateException unless exactly one object is of that kind
         */
        public ObjectNode single(String kind) {
            List<ObjectNode> matches = ofKind(kind);
            if (matches.size() != 1) {
                throw new IllegalStateException("expected one " + kind + ", rendered " + matches.size());
            }
            return matches.get(0);
        }
    }
}
