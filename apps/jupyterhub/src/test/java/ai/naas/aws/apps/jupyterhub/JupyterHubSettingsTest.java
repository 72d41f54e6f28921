package ai.naas.aws.apps.jupyterhub;

import ai.naas.aws.config.ConfigException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code naas:jupyterhub} read through the real ConfigReader: defaults, and bad values refused by full key. */
class JupyterHubSettingsTest {

    private static final String OAUTH = """
            "oauth": {"clientId": "naas-hub", "authorizeUrl": "https://login.example.com/authorize",
                      "tokenUrl": "https://login.example.com/token", "userdataUrl": "https://login.example.com/userinfo",
                      "allowAll": true}""";

    /** The section with OAuth and {@code extra} fields (JSON, without braces). */
    private static String with(String extra) {
        return "{" + OAUTH + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    private static String errorOf(String json) {
        try {
            JupyterHubFixture.settings(json);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void everythingButOAuthHasADocumentedDefault() {
        var settings = JupyterHubFixture.settings(with(""));
        assertThat(settings.chartVersion()).isEqualTo("4.4.0");
        assertThat(settings.hubHost()).isEqualTo("hub");
        assertThat(settings.cullTimeoutSeconds()).isEqualTo(3600);
        assertThat(settings.cullIdleServers()).isFalse();
        assertThat(settings.startTimeoutSeconds()).isEqualTo(900);
        assertThat(settings.naasImage().reference()).isEqualTo("jupyternaas/naas:2.6.3");
        assertThat(settings.placeholders()).isZero();
        assertThat(settings.userResources()).isEqualTo(new UserResources(500, 2000, 1024, 4096));
        assertThat(settings.oauth().usernameClaim()).isEqualTo("preferred_username");
        assertThat(settings.oauth().scopes()).isEqualTo(List.of("openid", "email", "profile"));
    }

    @Test
    void withoutItsSectionTheAppRefusesToRunAndSaysOAuthIsMissing() {
        assertThatThrownBy(() -> JupyterHubFixture.settings(null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("naas:jupyterhub.oauth: is required but not set");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"naasImage\": {\"name\": \"JupyterNaas/Naas\"}        | naas:jupyterhub.naasImage.name: must be an image name like",
            "\"naasImage\": {\"name\": \"jupyternaas/naas:2.6.3\"}  | naas:jupyterhub.naasImage.name: must be an image name without a tag",
            "\"naasImage\": {\"name\": \"jupyternaas//naas\"}       | naas:jupyterhub.naasImage.name: must be an image name like",
            "\"naasImage\": {\"tag\": \"latest\"}                   | naas:jupyterhub.naasImage.tag: must be a pinned version, not",
            "\"naasImage\": {\"tag\": \"-2.6\"}                     | naas:jupyterhub.naasImage.tag: must be an image tag like 2.6.3",
            "\"cullTimeoutSeconds\": 299                           | naas:jupyterhub.cullTimeoutSeconds: must be between 300 and 604800, got 299",
            "\"cullTimeoutSeconds\": 604801                        | naas:jupyterhub.cullTimeoutSeconds: must be between 300 and 604800, got 604801",
            "\"startTimeoutSeconds\": 120                          | naas:jupyterhub.startTimeoutSeconds: must be between 300 and 3600, got 120",
            "\"placeholders\": 51                                  | naas:jupyterhub.placeholders: must be between 0 and 50, got 51",
            "\"placeholders\": -1                                  | naas:jupyterhub.placeholders: must be between 0 and 50, got -1",
            "\"chartVersion\": \"^4.4\"                            | naas:jupyterhub.chartVersion: must be an exact chart version like 4.4.0",
            "\"hubHost\": \"hub.naas\"                             | naas:jupyterhub.hubHost: must be one DNS label",
            "\"userResources\": {\"memoryLimitMiB\": 512}          | naas:jupyterhub.userResources.memoryLimitMiB: must be at least memoryGuaranteeMiB (1024), got 512",
            "\"userResources\": {\"cpuGuaranteeMillicores\": 0}    | naas:jupyterhub.userResources.cpuGuaranteeMillicores: must be between 10 and 64000, got 0",
            "\"cullTimeoutSeconds\": \"3600\"                      | naas:jupyterhub.cullTimeoutSeconds: must be a whole number",
            "\"replicas\": 2                                       | naas:jupyterhub.replicas: unknown setting",
    })
    void badSettingsAreRefusedNamingTheFullKey(String field, String message) {
        assertThat(errorOf(with(field))).startsWith(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tokenUrl | http://login.example.com/token | naas:jupyterhub.oauth.tokenUrl: must be an https:// URL, got",
            "clientId | naas hub                       | naas:jupyterhub.oauth.clientId: must be 1 to 256 characters without spaces",
            "allowAll | false                          | naas:jupyterhub.oauth.allowedUsers: must name at least one user",
            "adminUsers | jane.doe                     | naas:jupyterhub.oauth.adminUsers[0]: must be a platform user name",
            "allowedUsers | jane@example.com           | naas:jupyterhub.oauth.allowedUsers[0]: must be a platform user name",
    })
    void badOAuthSettingsAreRefusedNamingTheFullKey(String field, String value, String message) throws Exception {
        var oauth = new LinkedHashMap<String, Object>(Map.of("clientId", "naas-hub",
                "authorizeUrl", "https://login.example.com/authorize", "tokenUrl", "https://login.example.com/token",
                "userdataUrl", "https://login.example.com/userinfo", "allowAll", true));
        oauth.put(field, field.equals("allowAll") ? (Object) Boolean.valueOf(value)
                : field.endsWith("Users") ? List.of(value) : value);
        assertThat(errorOf(new ObjectMapper().writeValueAsString(Map.of("oauth", oauth)))).startsWith(message);
    }

    @Test
    void aGuaranteeNoJupyterNodeCanHoldIsRefusedNamingTheKeyAndTheInstanceType() {
        // The harness's jupyter pool is r6i.xlarge (32 GiB, 4 vCPUs), as the infra fixture's.
        var tooMuchMemory = JupyterHubFixture.hub(with("\"userResources\": {\"memoryGuaranteeMiB\": 32768, \"memoryLimitMiB\": 32768}"), false);
        assertThatThrownBy(() -> tooMuchMemory.plan())
                .hasStackTraceContaining("naas:jupyterhub.userResources.memoryGuaranteeMiB: must fit on a jupyter node:"
                        + " r6i.xlarge leaves about");
        var tooMuchCpu = JupyterHubFixture.hub(with("\"userResources\": {\"cpuGuaranteeMillicores\": 4000, \"cpuLimitMillicores\": 4000}"), false);
        assertThatThrownBy(() -> tooMuchCpu.plan())
                .hasStackTraceContaining("naas:jupyterhub.userResources.cpuGuaranteeMillicores: must fit on a jupyter node");
        var fits = JupyterHubFixture.hub(with("\"userResources\": {\"memoryGuaranteeMiB\": 16384, \"memoryLimitMiB\": 16384}"), false);
        assertThat(fits.plan().plan().ofType("kubernetes:helm.sh/v3:Release")).hasSize(1);
    }

    @Test
    void aMissingOAuthEndpointIsNamed() {
        assertThat(errorOf("{\"oauth\": {\"clientId\": \"naas-hub\", \"allowAll\": true}}"))
                .isEqualTo("naas:jupyterhub.oauth.authorizeUrl: is required but not set");
    }

    @Test
    void imagesFromOtherRegistriesAreAccepted() {
        var settings = JupyterHubFixture.settings(with(
                "\"naasImage\": {\"name\": \"123456789012.dkr.ecr.eu-west-3.amazonaws.com/naas/notebook\", \"tag\": \"2.14.6-r1\"}"));
        assertThat(settings.naasImage().reference())
                .isEqualTo("123456789012.dkr.ecr.eu-west-3.amazonaws.com/naas/notebook:2.14.6-r1");
        assertThat(JupyterHubFixture.settings(with("\"naasImage\": {\"name\": \"localhost:5000/naas\"}")).naasImage().name())
                .isEqualTo("localhost:5000/naas");
    }
}
