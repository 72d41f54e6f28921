package ai.naas.aws.apps.naasnotifications;

import ai.naas.aws.apps.naasservice.NaasServiceApp;
import ai.naas.aws.apps.naasservice.NaasServiceAppContract;
import ai.naas.aws.apps.naasservice.SecretVariable;
import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.platform.spi.NaasApp;
import ai.naas.aws.platform.spi.Need;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** naas-notifications: the shared contract, and what is the notifications service's own. */
class NaasNotificationsAppTest extends NaasServiceAppContract<NotificationsSettings> {

    private static final String CONFIG = """
            {"hubHost": "hub.naas.example.com",
             "email": {"host": "email-smtp.eu-west-3.amazonaws.com:465", "user": "AKIAEXAMPLE7"}}""";

    @Override
    protected NaasServiceApp<NotificationsSettings> app() {
        return new NaasNotificationsApp();
    }

    @Override
    protected String config() {
        return CONFIG;
    }

    @Override
    protected Map<String, String> secrets() {
        // An SES SMTP password has '/' and '+' in it.
        return Map.of("emailPassword", "BPx/u+y8Qm2SeCrEt", "adminToken", "4dm1n-t0k3n-9f1c27");
    }

    @Override
    protected String expectedImage() {
        return "jupyternaas/notifications:1.3.0";
    }

    @Test
    void needsItsDatabaseTwoSecretsAndConfiguration() {
        assertThat(app().needs()).containsExactly(Need.DATABASE);
        assertThat(app().secretNames()).containsExactly("emailPassword", "adminToken");
        assertThatThrownBy(() -> app().defaultSettings())
                .isInstanceOf(InvalidSetting.class).hasMessageStartingWith("email: is required");
        assertThatThrownBy(() -> parse("{\"hubHost\": \"hub.naas.example.com\"}"))
                .isInstanceOf(ConfigException.class).hasMessage("naas:naas-notifications.email: is required but not set");
        assertThatThrownBy(() -> parse("{\"hubHost\": \"hub.naas.example.com\", \"email\": {\"host\": \"smtp.example.com\"}}"))
                .isInstanceOf(ConfigException.class).hasMessage("naas:naas-notifications.email.user: is required but not set");
        assertThatThrownBy(() -> parse(configWith("{\"email\": {\"host\": \"smtps://smtp.example.com\"}}")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("naas:naas-notifications.email.host: ");
        assertThatThrownBy(() -> parse(configWith("{\"email\": {\"from\": \"nobody\"}}")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("naas:naas-notifications.email.from: ");
    }

    @Test
    void sendsThroughItsSmtpServerOverTls() {
        assertThat(plainEnvironment()).isEqualTo(Map.of(
                "HUB_HOST", "hub.naas.example.com",
                "EMAIL_HOST", "email-smtp.eu-west-3.amazonaws.com:465",
                "EMAIL_USER", "AKIAEXAMPLE7",
                "EMAIL_SECURE", "true",
                "NODE_EXTRA_CA_CERTS", "/etc/naas/rds-ca/rds-ca-bundle.pem",
                "PGSSLMODE", "verify-full",
                "PORT", "3003"));
    }

    @Test
    void takesTheSmtpPasswordAndTheAdminTokenFromItsSecret() {
        for (var expected : Map.of("EMAIL_PASSWORD", "emailPassword", "ADMIN_TOKEN", "adminToken").entrySet()) {
            JsonNode ref = variable(expected.getKey()).at("/valueFrom/secretKeyRef");
            assertThat(ref.path("name").asText()).isEqualTo("naas-notifications-secrets");
            assertThat(ref.path("key").asText()).isEqualTo(expected.getValue());
        }
    }

    @Test
    void theSmtpUserAndPasswordArePercentEncodedForTheUrlTheServiceBuilds() {
        // emails.js: `${secure ? 'smtps' : 'smtp'}://${EMAIL_USER}:${EMAIL_PASSWORD}@${EMAIL_HOST}`, parsed by Node's
        // url.parse, which percent-decodes the user info: '/' in a password would otherwise end the host.
        SecretVariable password = new NaasNotificationsApp().secretVariables().get(0);
        assertThat(password.secret()).isEqualTo("emailPassword");
        assertThat(password.encoding().apply("BPx/u+y8Qm2SeCrEt")).isEqualTo("BPx%2Fu%2By8Qm2SeCrEt");
        assertThat(new NaasNotificationsApp().secretVariables().get(1).encoding().apply("a/b")).isEqualTo("a/b");

        NotificationsSettings gmail = parse(configWith("{\"email\": {\"user\": \"naas@example.com\", \"secure\": false, "
                + "\"from\": \"Naas <naas@example.com>\"}}"));
        Map<?, ?> env = (Map<?, ?>) app().values(gmail, wiring("sha256:x")).get("env");
        assertThat(env.get("EMAIL_USER")).isEqualTo("naas%40example.com");
        // The service tests EMAIL_SECURE for being set at all: "false" would mean true.
        assertThat(env.containsKey("EMAIL_SECURE")).isFalse();
        assertThat(env.get("emailFrom")).isEqualTo("Naas <naas@example.com>");
    }

    @Test
    void isInternal() {
        assertThat(manifests.ofKind("Ingress")).isEmpty();
    }

    @Test
    void isFoundByTheServiceLoader() {
        List<Class<?>> apps = ServiceLoader.load(NaasApp.class).stream().<Class<?>>map(ServiceLoader.Provider::type).toList();
        assertThat(apps).contains(NaasNotificationsApp.class);
    }
}
