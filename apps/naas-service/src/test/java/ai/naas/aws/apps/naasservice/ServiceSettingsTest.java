package ai.naas.aws.apps.naasservice;

import ai.naas.aws.config.InvalidSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared part of every service's settings, and the chart's location. */
class ServiceSettingsTest {

    private static final ServiceDefaults PROXY = ServiceDefaults.of("jupyternaas/proxy", "1.2.4",
            ResourceSettings.of("100m", "128Mi", "500m", "256Mi"));

    @Test
    void leftOutEverythingIsTheServicesDefaults() {
        assertThat(PROXY.image(null)).isEqualTo(new ImageSettings("jupyternaas/proxy", "1.2.4"));
        assertThat(PROXY.replicas(null)).isEqualTo(2);
        assertThat(PROXY.resources(null)).isEqualTo(ResourceSettings.of("100m", "128Mi", "500m", "256Mi"));
        assertThat(PROXY.autoscaling(null, 3)).isEqualTo(new AutoscalingSettings(false, 3, 5, 75));
        assertThat(PROXY.autoscaling(null, 7)).isEqualTo(new AutoscalingSettings(false, 7, 7, 75));
    }

    @Test
    void aPartlyGivenValueIsCompletedFieldByField() {
        assertThat(PROXY.image(new ImageSettings(null, "1.2.3"))).isEqualTo(new ImageSettings("jupyternaas/proxy", "1.2.3"));
        assertThat(PROXY.image(new ImageSettings("registry.example.com:5000/mirror/proxy", "1.2.4-r1")).reference())
                .isEqualTo("registry.example.com:5000/mirror/proxy:1.2.4-r1");
        assertThat(PROXY.resources(new ResourceSettings(null, new ResourceSettings.Amounts(null, "1Gi"))))
                .isEqualTo(ResourceSettings.of("100m", "128Mi", "500m", "1Gi"));
    }

    @Test
    void anotherRepositoryNeedsItsOwnTagAndAnUntaggedServiceNeedsOneAlways() {
        assertThatThrownBy(() -> PROXY.image(new ImageSettings("ghcr.io/me/proxy", null)))
                .isInstanceOf(InvalidSetting.class).hasMessageStartingWith("image.tag: is required when image.repository");
        ServiceDefaults untagged = ServiceDefaults.untagged("jupyternaas/screenshot", ResourceSettings.of("1", "1Gi", "1", "1Gi"));
        assertThatThrownBy(() -> untagged.image(null))
                .isInstanceOf(InvalidSetting.class).hasMessageContaining("image.tag: is required: no tag of jupyternaas/screenshot");
    }

    @ParameterizedTest
    @CsvSource({
            "jupyternaas/proxy, true", "localhost:5000/proxy, true", "123456789012.dkr.ecr.eu-west-3.amazonaws.com/naas/proxy, true",
            "a__b/c-d.e, true", "proxy, true",
            "Jupyternaas/proxy, false", "jupyternaas/proxy:1.0, false", "jupyternaas/proxy@sha256:ab, false",
            "/proxy, false", "jupyternaas//proxy, false", "jupyternaas/proxy/, false", "-bad.example.com/proxy, false"})
    void repositories(String repository, boolean valid) {
        if (valid) {
            ServiceDefaults.checkRepository("image.repository", repository);
        } else {
            assertThatThrownBy(() -> ServiceDefaults.checkRepository("image.repository", repository))
                    .isInstanceOf(InvalidSetting.class).hasMessageStartingWith("image.repository: ");
        }
    }

    @ParameterizedTest
    @CsvSource({"1.2.4, true", "v1_2-rc.1, true", "LATEST, false", "latest, false", ".1, false", "-1, false", "1 2, false", "1:2, false"})
    void tags(String tag, boolean valid) {
        if (valid) {
            ServiceDefaults.checkTag("image.tag", tag);
        } else {
            assertThatThrownBy(() -> ServiceDefaults.checkTag("image.tag", tag)).isInstanceOf(InvalidSetting.class);
        }
        assertThatThrownBy(() -> ServiceDefaults.checkTag("image.tag", "a".repeat(129))).isInstanceOf(InvalidSetting.class);
    }

    @ParameterizedTest
    @CsvSource({"250m, 250", "1, 1000", "0.5, 500", "1.125, 1125", "32, 32000"})
    void cpuQuantities(String quantity, long millis) {
        assertThat(Quantities.cpuMillis("cpu", quantity)).isEqualByComparingTo(BigDecimal.valueOf(millis));
    }

    @ParameterizedTest
    @CsvSource({"128Mi, 134217728", "1Gi, 1073741824", "500M, 500000000", "1.5Gi, 1610612736", "16777216, 16777216"})
    void memoryQuantities(String quantity, long bytes) {
        assertThat(Quantities.memoryBytes("memory", quantity)).isEqualByComparingTo(BigDecimal.valueOf(bytes));
    }

    @Test
    void quantitiesNobodyMeansAreRefused() {
        assertThatThrownBy(() -> Quantities.memoryBytes("resources.limits.memory", "512m"))
                .hasMessage("resources.limits.memory: is in millibytes ('m'); write Mi for mebibytes, e.g. '512Mi', got '512m'");
        assertThatThrownBy(() -> Quantities.memoryBytes("m", "512")).hasMessageContaining("(bytes: write Mi or Gi)");
        assertThatThrownBy(() -> Quantities.cpuMillis("c", "0m")).hasMessageContaining("between 1m and 32 cores");
        assertThatThrownBy(() -> Quantities.cpuMillis("c", "0.0001")).hasMessageContaining("CPU quantity");
        assertThatThrownBy(() -> Quantities.cpuMillis("c", "-1")).hasMessageContaining("CPU quantity");
    }

    @Test
    void aRequestAboveItsLimitIsRefusedNamingTheRequest() {
        assertThatThrownBy(() -> PROXY.resources(ResourceSettings.of("600m", null, null, null)))
                .hasMessage("resources.requests.cpu: must not exceed resources.limits.cpu (500m), got 600m");
        // Comparable across units: 300Mi is above 0.25Gi.
        assertThatThrownBy(() -> PROXY.resources(ResourceSettings.of(null, "300Mi", null, "0.25Gi")))
                .hasMessageStartingWith("resources.requests.memory: must not exceed");
    }

    @Test
    void hostsAndLabels() {
        assertThat(Hosts.host("h", "smtp.example.com:465")).isEqualTo("smtp.example.com:465");
        assertThatThrownBy(() -> Hosts.host("hubHost", "https://hub.example.com")).hasMessageContaining("without scheme");
        assertThatThrownBy(() -> Hosts.host("hubHost", "Hub.example.com")).hasMessageStartingWith("hubHost: ");
        assertThatThrownBy(() -> Hosts.host("hubHost", "hub.example.com:99999")).hasMessageStartingWith("hubHost: ");
        assertThatThrownBy(() -> Hosts.label("hostName", "public.naas")).hasMessageStartingWith("hostName: ");
    }

    @Test
    void percentEncodingLeavesOnlyUnreservedCharacters() {
        assertThat(UrlText.percentEncode("AKIA09azAZ-._~")).isEqualTo("AKIA09azAZ-._~");
        assertThat(UrlText.percentEncode("a/b+c d@e:f%é")).isEqualTo("a%2Fb%2Bc%20d%40e%3Af%25%C3%A9");
    }

    @Test
    void theChartIsFoundFromAnyDirectoryOfTheRepositoryAndNamedRelativeToIt(@TempDir Path tmp) throws IOException {
        ChartLocation here = ChartLocation.find("naas-service");
        assertThat(here.path()).isEqualTo("../../charts/naas-service"); // Maven runs the tests in apps/naas-service
        assertThat(here.directory().resolve("Chart.yaml")).isRegularFile();

        Path root = here.directory().getParent().getParent();
        assertThat(ChartLocation.find("naas-service", root.resolve("environments")).path()).isEqualTo("../charts/naas-service");
        assertThat(ChartLocation.find("naas-service", root).path()).isEqualTo("charts/naas-service");
        assertThat(ChartLocation.find("naas-service", root).digest()).isEqualTo(here.digest()).matches("sha256:[0-9a-f]{64}");
        assertThatThrownBy(() -> ChartLocation.find("naas-service", tmp))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("charts/naas-service");
    }

    @Test
    void theDigestFollowsTheChartButNotItsExampleValues(@TempDir Path tmp) throws IOException {
        Path chart = Files.createDirectories(tmp.resolve("charts/demo/templates"));
        Files.writeString(tmp.resolve("charts/demo/Chart.yaml"), "name: demo\n");
        Files.writeString(chart.resolve("a.yaml"), "kind: A\n");
        String before = ChartLocation.find("demo", tmp).digest();

        Files.createDirectories(tmp.resolve("charts/demo/ci"));
        Files.writeString(tmp.resolve("charts/demo/ci/x-values.yaml"), "x: 1\n");
        assertThat(ChartLocation.find("demo", tmp).digest()).isEqualTo(before);

        Files.writeString(chart.resolve("a.yaml"), "kind: B\n");
        assertThat(ChartLocation.find("demo", tmp).digest()).isNotEqualTo(before);
    }
}
