package ai.naas.aws.apps.naasservice;

import ai.naas.aws.platform.spi.DatabaseConnection;
import ai.naas.aws.platform.spi.Need;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The values of {@code charts/naas-service} for one Naas service: a pure function of what the service declares
 * ({@link NaasServiceApp}), its settings and its {@link Wiring}, with no {@link com.pulumi.core.Output} and no secret
 * in it. Tests call it (through {@link NaasServiceApp#values}) to render the chart with Helm exactly as the program
 * configures it.
 *
 * <p>Secrets are never values: a secret Output anywhere in them would make Pulumi mark all of them secret, hiding
 * every change to the release from {@code pulumi preview}. They are environment variables read from Secrets through
 * the chart's {@code secretEnv}.
 */
final class ServiceValues {

    private ServiceValues() {
    }

    /**
     * @throws IllegalStateException when the wiring lacks what the service needs (its database Secret, the public
     *                               domain of an exposed service)
     */
    static <S extends ServiceSettings> Map<String, Object> of(NaasServiceApp<S> app, S settings, Wiring wiring) {
        var values = new LinkedHashMap<String, Object>();
        values.put("nameOverride", app.service());
        values.put("image", map("repository", settings.image().repository(), "tag", settings.image().tag(),
                "pullPolicy", "IfNotPresent"));
        values.put("replicaCount", settings.replicas());
        values.put("containerPort", app.port());
        values.put("env", environment(app, settings, wiring));
        values.put("secretEnv", secretEnvironment(app, wiring));
        values.put("resources", map(
                "requests", map("cpu", settings.resources().requests().cpu(), "memory", settings.resources().requests().memory()),
                "limits", map("cpu", settings.resources().limits().cpu(), "memory", settings.resources().limits().memory())));
        values.put("securityContext", map("readOnlyRootFilesystem", app.readOnlyRootFilesystem()));
        if (app.needs().contains(Need.DATABASE)) {
            values.put("databaseCa", map("configMap", DatabaseConnection.CA_BUNDLE_CONFIG_MAP,
                    "mountPath", DatabaseConnection.CA_BUNDLE_DIR));
        }
        AutoscalingSettings autoscaling = settings.autoscaling();
        values.put("autoscaling", map("enabled", autoscaling.enabled(), "minReplicas", autoscaling.minReplicas(),
                "maxReplicas", autoscaling.maxReplicas(),
                "targetCPUUtilizationPercentage", autoscaling.targetCpuUtilizationPercentage()));
        Optional<String> publicHost = publicHost(app, settings, wiring);
        values.put("ingress", publicHost.map(host -> map("enabled", true,
                        "className", wiring.ingress().orElseThrow().className(), "host", host, "path", "/", "pathType", "Prefix"))
                .orElseGet(() -> map("enabled", false)));
        values.put("networkPolicy", map("enabled", true,
                // Only an exposed service admits the ingress controller.
                "ingressControllerNamespace", publicHost.isPresent() ? NaasServiceApp.INGRESS_CONTROLLER_NAMESPACE : "",
                "allowedNamespaces", List.of(wiring.jupyterNamespace())));
        values.put("nodeSelector", new TreeMap<>(wiring.placement().nodeSelector()));
        values.put("tolerations", wiring.placement().tolerations());
        values.put("global", map("naasChartDigest", wiring.chartDigest()));
        return values;
    }

    /**
     * {@code values} with {@code image.repository} replaced: the repository as the nodes pull it (the platform's
     * {@link ai.naas.aws.platform.spi.AppContext#image}), the rest unchanged.
     */
    static Map<String, Object> withImageRepository(Map<String, Object> values, String repository) {
        var copy = new LinkedHashMap<>(values);
        var image = new LinkedHashMap<String, Object>(castMap(values.get("image")));
        image.put("repository", repository);
        copy.put("image", image);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    /**
     * {@code PORT}; for a service with a database {@code PGSSLMODE} and {@code NODE_EXTRA_CA_CERTS}, the RDS bundle
     * the chart mounts ({@code databaseCa}); then the service's own variables.
     */
    private static <S extends ServiceSettings> Map<String, String> environment(NaasServiceApp<S> app, S settings, Wiring wiring) {
        var env = new TreeMap<String, String>();
        env.put("PORT", String.valueOf(app.port()));
        if (app.needs().contains(Need.DATABASE)) {
            env.put("PGSSLMODE", NaasServiceApp.DATABASE_SSL_MODE);
            env.put("NODE_EXTRA_CA_CERTS", DatabaseConnection.CA_BUNDLE_PATH);
        }
        env.putAll(app.environment(settings, wiring));
        return env;
    }

    /** The database URL from the platform's Secret, and each of the app's secrets from its own Secret. */
    private static Map<String, Object> secretEnvironment(NaasServiceApp<?> app, Wiring wiring) {
        var env = new TreeMap<String, Object>();
        if (app.needs().contains(Need.DATABASE)) {
            String secret = wiring.databaseSecret().orElseThrow(() -> new IllegalStateException(
                    app.name() + " needs its database, but the wiring has no database Secret"));
            env.put(NaasServiceApp.DATABASE_URL_ENV, map("secretName", secret, "key", NaasServiceApp.DATABASE_URL_KEY));
        }
        for (SecretVariable variable : app.secretVariables()) {
            env.put(variable.env(), map("secretName", app.secretName(), "key", variable.secret()));
        }
        return env;
    }

    private static <S extends ServiceSettings> Optional<String> publicHost(NaasServiceApp<S> app, S settings, Wiring wiring) {
        if (!app.needs().contains(Need.INGRESS)) {
            return Optional.empty();
        }
        String hostName = app.publicHostName(settings).orElseThrow(() -> new IllegalStateException(
                app.name() + " declares INGRESS but names no public host"));
        return Optional.of(wiring.publicHost(hostName, app.servesUserContent()).orElseThrow(() -> new IllegalStateException(
                app.name() + " needs a public host, but the wiring has no public domain")));
    }

    /** An insertion-ordered map of alternating keys and values, so the values print in a stable order. */
    private static Map<String, Object> map(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
