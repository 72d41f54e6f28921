package ai.naas.aws.platform.addons;

import ai.naas.aws.infra.cluster.ClusterSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which chart and image versions the add-ons install, and that an unknown Kubernetes minor is refused. */
class PinnedVersionsTest {

    @Test
    void everyKubernetesMinorTheClusterAcceptsHasAPinnedAutoscalerAndIngressController() {
        IntStream.rangeClosed(ClusterSettings.OLDEST_MINOR, ClusterSettings.NEWEST_MINOR).forEach(minor -> {
            assertThatCode(() -> ClusterAutoscaler.versionFor(minor)).as("1." + minor).doesNotThrowAnyException();
            assertThatCode(() -> IngressController.chart(minor)).as("1." + minor).doesNotThrowAnyException();
            assertThat(VpcCni.versionFor(minor)).as("vpc-cni for 1." + minor + ": 1.14+ has the network policy agent")
                    .matches("v1\\.(1[4-9]|[2-9]\\d)\\.\\d+-eksbuild\\.\\d+");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {29, 30, 31, 32, 33, 34})
    void theAutoscalerImageIsOfTheClustersOwnMinor(int minor) {
        assertThat(ClusterAutoscaler.versionFor(minor).imageTag()).matches("v1\\." + minor + "\\.\\d+");
    }

    @Test
    void autoscalerChartsGrowWithTheMinorAnd133GetsAtLeast947() {
        var previous = new int[] {0, 0, 0};
        for (int minor = 29; minor <= 34; minor++) {
            int[] version = parse(ClusterAutoscaler.versionFor(minor).chartVersion());
            assertThat(compare(version, previous)).as("1." + minor).isPositive();
            previous = version;
        }
        assertThat(compare(parse(ClusterAutoscaler.versionFor(33).chartVersion()), new int[] {9, 47, 0})).isNotNegative();
        assertThat(ClusterAutoscaler.chart(ClusterAutoscaler.versionFor(33)))
                .isEqualTo(new HelmChart("cluster-autoscaler", "https://kubernetes.github.io/autoscaler", "9.51.0"));
    }

    @Test
    void anUnknownMinorIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> ClusterAutoscaler.versionFor(28))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cluster-autoscaler has no pinned version for Kubernetes 1.28; "
                        + "pinned minors are 1.29, 1.30, 1.31, 1.32, 1.33, 1.34.")
                .hasMessageContaining("ClusterAutoscaler.VERSIONS");
        assertThatThrownBy(() -> IngressController.chart(35))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ingress-nginx has no pinned chart for Kubernetes 1.35");
        assertThatThrownBy(() -> VpcCni.versionFor(28))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("vpc-cni has no pinned version for Kubernetes 1.28");
        assertThatThrownBy(() -> AddOnSupport.minor("1.33.2"))
                .hasMessage("Kubernetes version must look like 1.33, got '1.33.2'");
    }

    @Test
    void chartsArePinnedExactlyAndFetchedOverHttps() {
        assertThatThrownBy(() -> new HelmChart("x", "https://example.com", "9.x"))
                .hasMessage("chart version must be exact (major.minor.patch), got 9.x");
        assertThatThrownBy(() -> new HelmChart("x", "http://example.com", "1.0.0"))
                .hasMessage("chart repository must be an https URL, got http://example.com");
        assertThat(MetricsServer.CHART.version()).isEqualTo("3.13.0");
        assertThat(IngressController.chart(33).version()).isEqualTo("4.14.1");
        assertThat(IngressController.chart(29).version()).as("4.14 is not tested on 1.29").isEqualTo("4.13.5");
    }

    private static int[] parse(String version) {
        String[] parts = version.split("\\.");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
