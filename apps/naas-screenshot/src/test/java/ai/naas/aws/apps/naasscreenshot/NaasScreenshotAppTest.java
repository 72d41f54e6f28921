package ai.naas.aws.apps.naasscreenshot;

import ai.naas.aws.apps.naasservice.NaasServiceApp;
import ai.naas.aws.apps.naasservice.NaasServiceAppContract;
import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.platform.spi.NaasApp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** naas-screenshot: the shared contract, and what is the screenshot service's own. */
class NaasScreenshotAppTest extends NaasServiceAppContract<ScreenshotSettings> {

    @Override
    protected NaasServiceApp<ScreenshotSettings> app() {
        return new NaasScreenshotApp();
    }

    @Override
    protected String config() {
        return "{\"image\": {\"tag\": \"1.0.0\"}}";
    }

    @Override
    protected String expectedImage() {
        return "jupyternaas/screenshot:1.0.0";
    }

    @Test
    void needsNothingButAPinnedTag() {
        assertThat(app().needs()).isEmpty();
        assertThat(app().secretNames()).isEmpty();
        assertThatThrownBy(() -> app().defaultSettings())
                .isInstanceOf(InvalidSetting.class).hasMessageStartingWith("image.tag: is required");
        assertThatThrownBy(() -> parse("{}"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("naas:naas-screenshot.image.tag: is required");
    }

    @Test
    void answersPlainHttpFromInsideTheClusterAndKeepsAWritableRoot() {
        assertThat(plainEnvironment()).isEqualTo(Map.of("ALLOW_HTTP", "true", "PORT", "9000"));
        assertThat(container().at("/securityContext/readOnlyRootFilesystem").asBoolean(true)).isFalse();
        assertThat(container().at("/resources/limits/memory").asText()).isEqualTo("1Gi");
    }

    @Test
    void isFoundByTheServiceLoader() {
        List<Class<?>> apps = ServiceLoader.load(NaasApp.class).stream().<Class<?>>map(ServiceLoader.Provider::type).toList();
        assertThat(apps).contains(NaasScreenshotApp.class);
    }
}
