package ai.naas.aws.apps.jupyterhub;

import ai.naas.aws.infra.config.MapConfigSource;
import ai.naas.aws.infra.config.ConfigReader;
import ai.naas.aws.infra.config.ConfigSource;
import ai.naas.aws.infra.config.Secret;
import ai.naas.aws.plan.OfflineEngine;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlausibleCloud;
import ai.naas.aws.platform.spi.AppContext;
import ai.naas.aws.platform.spi.DatabaseConnection;
import ai.naas.aws.platform.spi.Endpoint;
import ai.naas.aws.platform.spi.IngressHosts;
import ai.naas.aws.platform.spi.SharedHomes;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.CustomResourceOptions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JupyterHub app deployed the way the platform deploys it, with a hand-built {@link AppContext}, planned
 * under the offline engine. Settings and secrets go through the real {@link ConfigReader}.
 */
final class JupyterHubFixture {

    static final String KEY = "naas:jupyterhub";
    static final String OAUTH_CLIENT_SECRET = "oauth-client-s3cret-never-printed";
    static final String SENTRY_DSN = "https://sentry-key-never-printed@o1.ingest.sentry.io/42";
    static final String DB_HOST = "naas-test.c0ffee123456.eu-west-3.rds.amazonaws.com";
    static final String DB_SECRET = "jupyterhub-database";
    /** The resource the database host comes from. */
    static final String DATABASE_RESOURCE = "naas-test-database";
    static final String CLAIM = "naas-homes";
    static final String DOMAIN = "naas.example.com";

    /** The smallest valid section: OAuth only. */
    static final String MINIMAL = """
            {"oauth": {"clientId": "naas-hub",
                       "authorizeUrl": "https://login.example.com/oauth2/authorize",
                       "tokenUrl": "https://login.example.com/oauth2/token",
                       "userdataUrl": "https://login.example.com/oauth2/userinfo",
                       "adminUsers": ["admin@example.com"]}}""";

    /** Every Naas service enabled, in the namespaces and ports their apps serve at. */
    static final Map<String, Endpoint> ALL_NAAS_SERVICES = Map.of(
            "naas-proxy", new Endpoint("naas", "naas-proxy", 3002).withPublicUrl("https://public.naas.example.com"),
            "naas-notifications", new Endpoint("naas", "naas-notifications", 3003),
            "naas-callback", new Endpoint("naas", "naas-callback", 3004).withPublicUrl("https://callback.naas.example.com"),
            "naas-screenshot", new Endpoint("naas", "naas-screenshot", 9000));

    private JupyterHubFixture() {
    }

    /** A config source of full keys to raw JSON values; {@code secretKeys} were set with --secret. */
    static ConfigSource source(Map<String, String> values, Set<String> secretKeys) {
        return new MapConfigSource(values, secretKeys);
    }

    /** {@code naas:jupyterhub} read as the platform reads it. */
    static JupyterHubSettings settings(String json) {
        var values = json == null ? Map.<String, String>of() : Map.of(KEY, json);
        var app = new JupyterHubApp();
        return new ConfigReader(source(values, Set.of())).optional(KEY, JupyterHubSettings.class, app::defaultSettings);
    }

    /** The app's secrets read from config: the OAuth client secret, and the Sentry DSN if {@code sentry}. */
    static Map<String, Secret> secrets(boolean sentry) {
        var values = new HashMap<String, String>();
        values.put(KEY + "." + JupyterHubApp.OAUTH_CLIENT_SECRET, OAUTH_CLIENT_SECRET);
        if (sentry) {
            values.put(KEY + "." + JupyterHubApp.SENTRY_DSN, SENTRY_DSN);
        }
        var reader = new ConfigReader(source(values, values.keySet()));
        var secrets = new HashMap<String, Secret>();
        secrets.put(JupyterHubApp.OAUTH_CLIENT_SECRET, reader.requiredSecret(KEY + "." + JupyterHubApp.OAUTH_CLIENT_SECRET));
        reader.optionalSecret(KEY + "." + JupyterHubApp.SENTRY_DSN).ifPresent(s -> secrets.put(JupyterHubApp.SENTRY_DSN, s));
        return secrets;
    }

    /** Plans the app with these settings, secrets and enabled Naas services. */
    static Plan plan(JupyterHubSettings settings, Map<String, Secret> secrets, Map<String, Endpoint> naasServices) {
        return new OfflineEngine(new PlausibleCloud("eu-west-3")).run("naas", "test", Map.of(), Set.of(), ctx -> {
            var provider = new Provider("k8s", ProviderArgs.builder().kubeconfig("{}").build());
            var parent = new ComponentResource("naas:app:App", JupyterHubApp.NAME);
            // What the platform makes the app wait for; here, its namespace.
            var namespace = new Namespace("jupyterhub-namespace", NamespaceArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name(JupyterHubApp.NAMESPACE).build()).build(),
                    CustomResourceOptions.builder().provider(provider).build());
            // Stands for the RDS instance: the host is an output of a resource, as the platform passes it.
            var database = new ConfigMap(DATABASE_RESOURCE, ConfigMapArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name("database-endpoint").namespace("default").build())
                    .data(Map.of("host", DB_HOST)).build(), CustomResourceOptions.builder().provider(provider).build());
            var context = new AppContext<>(JupyterHubApp.NAME, settings, JupyterHubApp.NAMESPACE, provider, parent,
                    List.of(namespace),
                    Optional.of(new SharedHomes(CLAIM, Output.of("fs-0123456789abcdef0"), "home/{username}", 21, 21)),
                    Optional.of(new DatabaseConnection(database.data().applyValue(data -> data.get("host")), Output.of(5432),
                            "jupyterhub", "jupyterhub", DB_SECRET)),
                    Optional.of(new IngressHosts(DOMAIN, "nginx")),
                    secrets, naasServices);
            new JupyterHubApp().deploy(context);
        });
    }
}
