package ai.naas.aws.apps.jupyterhub;

import ai.naas.aws.platform.AppHarness;
import ai.naas.aws.platform.spi.Endpoint;

import java.util.Map;

/**
 * The hub's configurations the specification uses, on the platform's {@link AppHarness}: the settings go
 * through the platform's real config reader, the secrets are set as stack secrets.
 */
final class JupyterHubFixture {

    static final String OAUTH_CLIENT_SECRET = "oauth-client-s3cret-never-printed";
    static final String SENTRY_DSN = "https://sentry-key-never-printed@o1.ingest.sentry.io/42";
    static final String METRICS_TOKEN = "metrics-token-never-printed-0123456789abcdef";

    /** The smallest valid section: OAuth only. */
    static final String MINIMAL = """
            {"oauth": {"clientId": "naas-hub",
                       "authorizeUrl": "https://login.example.com/oauth2/authorize",
                       "tokenUrl": "https://login.example.com/oauth2/token",
                       "userdataUrl": "https://login.example.com/oauth2/userinfo",
                       "adminUsers": ["admin"]}}""";

    /** Every Naas service enabled, in the namespaces and ports their apps serve at. */
    static final Map<String, Endpoint> ALL_NAAS_SERVICES = Map.of(
            "naas-proxy", new Endpoint("naas", "naas-proxy", 3002).withPublicUrl("https://public.naas.example.com"),
            "naas-notifications", new Endpoint("naas", "naas-notifications", 3003),
            "naas-callback", new Endpoint("naas", "naas-callback", 3004).withPublicUrl("https://callback.naas.example.com"),
            "naas-screenshot", new Endpoint("naas", "naas-screenshot", 9000));

    private JupyterHubFixture() {
    }

    /**
     * The hub with {@code naas:jupyterhub} set to {@code json} ({@code null}: not set), its OAuth client
     * secret, and the optional secrets (the Sentry DSN, the metrics token) when {@code optional}.
     */
    static AppHarness<JupyterHubSettings> hub(String json, boolean optional) {
        var harness = AppHarness.of(new JupyterHubApp()).secret(JupyterHubApp.OAUTH_CLIENT_SECRET, OAUTH_CLIENT_SECRET);
        if (json != null) {
            harness.settings(json);
        }
        if (optional) {
            harness.secret(JupyterHubApp.SENTRY_DSN, SENTRY_DSN);
            harness.secret(JupyterHubApp.METRICS_TOKEN, METRICS_TOKEN);
        }
        return harness;
    }

    /** {@code naas:jupyterhub} read as the platform reads it. */
    static JupyterHubSettings settings(String json) {
        return hub(json, false).readSettings();
    }
}
