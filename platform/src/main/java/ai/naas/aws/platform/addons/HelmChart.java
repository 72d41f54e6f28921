package ai.naas.aws.platform.addons;

import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Helm chart pinned to one version: what a {@code helm.v3.Release} installs. Versions are exact
 * (no ranges), so that a preview shows every chart change as a change of this program.
 *
 * @param name       the chart's name in its repository, e.g. {@code cluster-autoscaler}
 * @param repository the chart repository's URL, e.g. {@code https://kubernetes.github.io/autoscaler}
 * @param version    the exact chart version, e.g. {@code 9.51.0}
 */
public record HelmChart(String name, String repository, String version) {

    private static final Pattern EXACT_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

    public HelmChart {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(version, "version");
        if (!repository.startsWith("https://")) {
            throw new IllegalArgumentException("chart repository must be an https URL, got " + repository);
        }
        if (!EXACT_VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("chart version must be exact (major.minor.patch), got " + version);
        }
    }

    /**
     * The release arguments every add-on shares: this chart at this version, a fixed release name (so that
     * the objects the chart names after the release are predictable), atomic install and upgrade (a
     * failed upgrade rolls back rather than leaving a half-applied release) and a bounded history.
     */
    ReleaseArgs.Builder release(String releaseName, String namespace) {
        return ReleaseArgs.builder()
                .name(releaseName)
                .namespace(namespace)
                .chart(name)
                .version(version)
                .repositoryOpts(RepositoryOptsArgs.builder().repo(repository).build())
                .atomic(true)
                .cleanupOnFail(true)
                .timeout(600)
                .maxHistory(10);
    }
}
