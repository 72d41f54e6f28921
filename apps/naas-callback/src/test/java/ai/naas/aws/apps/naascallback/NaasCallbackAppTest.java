package ai.naas.aws.apps.naascallback;

import ai.naas.aws.platform.AppHarness;
import ai.naas.aws.apps.naasservice.ChartLocation;
import ai.naas.aws.apps.naasservice.NaasServiceApp;
import ai.naas.aws.apps.naasservice.NaasServiceAppContract;
import ai.naas.aws.platform.spi.NaasApp;
import ai.naas.aws.platform.spi.Need;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** naas-callback: the shared contract, and what is the callback service's own. */
class NaasCallbackAppTest extends NaasServiceAppContract<CallbackSettings> {

    @Override
    protected NaasServiceApp<CallbackSettings> app() {
        return new NaasCallbackApp();
    }

    @Override
    protected String config() {
        return "{}";
    }

    @Override
    protected String expectedImage() {
        return "jupyternaas/callback:1.8.4";
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
    void listensOn3004AndAsksTheHubWhoCallersAre() {
        // Without PORT the image listens on 3003, the notifications port.
        assertThat(plainEnvironment()).isEqualTo(Map.of(
                "HUB_HOST", "hub." + AppHarness.DOMAIN,
                "NODE_EXTRA_CA_CERTS", "/etc/naas/rds-ca/rds-ca-bundle.pem",
                "PGSSLMODE", "verify-full",
                "PORT", "3004"));
    }

    @Test
    void takesCallbacksFromOutsideOnItsHost() {
        assertThat(manifests.single("Ingress").at("/spec/rules/0/host").asText()).isEqualTo("callback." + AppHarness.DOMAIN);
    }

    @Test
    void isFoundByTheServiceLoader() {
        List<Class<?>> apps = ServiceLoader.load(NaasApp.class).stream().<Class<?>>map(ServiceLoader.Provider::type).toList();
        assertThat(apps).contains(NaasCallbackApp.class);
    }
}
