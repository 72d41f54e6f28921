package ai.naas.aws.apps.naasproxy;

import ai.naas.aws.platform.AppHarness;
import ai.naas.aws.apps.naasservice.ChartLocation;
import ai.naas.aws.apps.naasservice.NaasServiceApp;
import ai.naas.aws.apps.naasservice.NaasServiceAppContract;
import ai.naas.aws.config.ConfigException;
import ai.naas.aws.platform.spi.NaasApp;
import ai.naas.aws.platform.spi.Need;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** naas-proxy: the shared contract, and what is the proxy's own. */
class NaasProxyAppTest extends NaasServiceAppContract<ProxySettings> {

    @Override
    protected NaasServiceApp<ProxySettings> app() {
        return new NaasProxyApp();
    }

    @Override
    protected String config() {
        return "{}";
    }

    @Override
    protected String expectedImage() {
        return "jupyternaas/proxy:1.2.4";
    }

    @Test
    void runsWithoutConfigurationAndNeedsItsDatabaseAndAPublicHost() {
        // Listed in naas:apps, naas:<app> not set at all: the platform deploys it with the values of an empty section.
        var unconfigured = AppHarness.of(app()).endpoint(NaasServiceApp.JUPYTERHUB_APP, HUB).plan();
        assertThat(asJson(builderPart(unconfigured.single("kubernetes:helm.sh/v3:Release")))).isEqualTo(asJson(
                asDeployed(app().values(parse("{}"), app().wiring(unconfigured.context(), ChartLocation.find(NaasServiceApp.CHART).digest())))));
        assertThat(app().needs()).containsExactlyInAnyOrder(Need.DATABASE, Need.INGRESS);
        assertThat(app().secretNames()).isEmpty();
    }

    @Test
    void reachesEachUsersRunnerByNameAndAsksTheHubWhoCallers() {
        assertThat(plainEnvironment()).isEqualTo(Map.of(
                "HUB_HOST", "hub." + AppHarness.DOMAIN,
                "NAAS_PROXY_HOST", "public." + AppHarness.DOMAIN,
                "SINGLEUSER_BASE", "http://jupyter-",
                "SINGLEUSER_PATH", ".jupyter-single-user.jupyter.svc.cluster.local",
                "NAAS_PORT", "5000",
                "NODE_EXTRA_CA_CERTS", "/etc/naas/rds-ca/rds-ca-bundle.pem",
                "PGSSLMODE", "verify-full",
                "PORT", "3002"));
        // The proxy's runner URL is SINGLEUSER_BASE + user + SINGLEUSER_PATH + ":" + NAAS_PORT (src/proxy_all.js):
        // the name the hub gives each user pod through its hostname and the headless Service jupyter-single-user.
        Map<String, String> env = plainEnvironment();
        assertThat(env.get("SINGLEUSER_BASE") + "alice" + env.get("SINGLEUSER_PATH") + ":" + env.get("NAAS_PORT"))
                .isEqualTo("http://jupyter-alice.jupyter-single-user.jupyter.svc.cluster.local:5000");
    }

    @Test
    void servesThePublicUrlsOfNotebooksOnItsHost() {
        assertThat(manifests.single("Ingress").at("/spec/rules/0/host").asText()).isEqualTo("public." + AppHarness.DOMAIN);
    }

    @Test
    void itsHostAndTheHubsAreSettings() {
        ProxySettings custom = parse("{\"hostName\": \"nb\", \"hubHost\": \"jupyter.example.org:8443\"}");
        Map<?, ?> env = (Map<?, ?>) app().values(custom, wiring("sha256:x")).get("env");

        assertThat(env.get("NAAS_PROXY_HOST")).isEqualTo("nb." + AppHarness.DOMAIN);
        assertThat(env.get("HUB_HOST")).isEqualTo("jupyter.example.org:8443");
        assertThatThrownBy(() -> parse("{\"hostName\": \"nb.example.org\"}"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("naas:naas-proxy.hostName: ");
        assertThatThrownBy(() -> parse("{\"hubHost\": \"https://hub.example.org\"}"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("naas:naas-proxy.hubHost: ");
    }

    @Test
    void isFoundByTheServiceLoader() {
        List<Class<?>> apps = ServiceLoader.load(NaasApp.class).stream().<Class<?>>map(ServiceLoader.Provider::type).toList();
        assertThat(apps).contains(NaasProxyApp.class);
    }
}
