package ai.naas.aws.apps.jupyterhub;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.platform.spi.AppContext;
import ai.naas.aws.platform.spi.DatabaseConnection;
import ai.naas.aws.platform.spi.Endpoint;
import ai.naas.aws.platform.spi.NaasApp;
import ai.naas.aws.platform.spi.Need;
import ai.naas.aws.platform.spi.Pool;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * JupyterHub for Naas: the Zero to JupyterHub chart as a Helm release whose hub keeps its state in the stack's
 * PostgreSQL, logs users in with OAuth, and spawns one Naas server per user on the jupyter nodes, with its
 * home on the shared file system. Beside the release: the Secrets the hub and the user pods read, and the
 * headless Service that gives every user pod a DNS name.
 */
public final class JupyterHubApp implements NaasApp<JupyterHubSettings> {

    public static final String NAME = "jupyterhub";
    public static final String NAMESPACE = "jupyter";
    /** Required secret: the OAuth client secret. */
    public static final String OAUTH_CLIENT_SECRET = "oauthClientSecret";
    /** Optional secret: the Sentry DSN the Naas runner reports to. */
    public static final String SENTRY_DSN = "sentryDsn";
    /**
     * Optional secret: the API token of the hub service that may only read the hub's metrics ({@code read:metrics});
     * the cluster's hub-metrics scraper presents it. Without it the hub's metrics are not scraped.
     */
    public static final String METRICS_TOKEN = "metricsToken";

    public static final String CHART = "jupyterhub";
    public static final String CHART_REPOSITORY = "https://hub.jupyter.org/helm-chart/";
    /** The Helm release name; the chart names its cluster-wide objects after it. */
    public static final String RELEASE_NAME = "jupyterhub";

    /** The Kubernetes Secret (and its key) the hub reads the OAuth client secret from. */
    public static final String OAUTH_SECRET_NAME = "jupyterhub-oauth";
    public static final String OAUTH_SECRET_KEY = "client-secret";
    /** The Kubernetes Secret (and its key) user pods read the Sentry DSN from. */
    public static final String SENTRY_SECRET_NAME = "naas-sentry";
    public static final String SENTRY_SECRET_KEY = "dsn";
    /** The Kubernetes Secret (and its key) the hub reads the metrics service's token from. */
    public static final String METRICS_SECRET_NAME = "jupyterhub-metrics";
    public static final String METRICS_SECRET_KEY = "token";

    /** The headless Service, and subdomain, through which each user pod has a DNS name. */
    public static final String SINGLE_USER_SERVICE = "jupyter-single-user";
    /** The port the Naas runner listens on in every user pod. */
    public static final int NAAS_RUNNER_PORT = 5000;
    /** The label KubeSpawner gives user server pods (and not the placeholders). */
    static final Map<String, String> USER_POD_SELECTOR = Map.of("component", "singleuser-server");

    /** How long Helm may take: the pre-upgrade hook waits for the new image to be pulled on every user node. */
    private static final int RELEASE_TIMEOUT_SECONDS = 900;
    /** Release revisions Helm keeps (a Helm release option, not a chart value). */
    static final int MAX_HISTORY = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<JupyterHubSettings> settingsType() {
        return JupyterHubSettings.class;
    }

    /** There is no default login: {@code naas:jupyterhub.oauth} must be set. */
    @Override
    public JupyterHubSettings defaultSettings() {
        return new JupyterHubSettings(null, null, null, null, null, null, null, null, null);
    }

    @Override
    public String namespace() {
        return NAMESPACE;
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.DATABASE, Need.SHARED_HOMES, Need.INGRESS);
    }

    @Override
    public List<String> secretNames() {
        return List.of(OAUTH_CLIENT_SECRET);
    }

    @Override
    public List<String> optionalSecretNames() {
        return List.of(SENTRY_DSN, METRICS_TOKEN);
    }

    /** In the cluster, the hub is reached through its proxy's Service, {@code proxy-public}, on port 80. */
    /** The hub is served at {@code <hubHost>.<domain>}; the Naas services authenticate users against it there. */
    @Override
    public Optional<String> publicHostName(JupyterHubSettings settings) {
        return Optional.of(settings.hubHost());
    }

    @Override
    public Optional<Endpoint> endpoint(JupyterHubSettings settings) {
        return Optional.of(new Endpoint(NAMESPACE, "proxy-public", 80));
    }

    @Override
    public void deploy(AppContext<JupyterHubSettings> context) {
        var settings = context.settings();
        try {
            settings.userResources().checkFits(context.placement(Pool.JUPYTER).nodes());
        } catch (InvalidSetting e) {
            throw new ConfigException("naas:" + NAME + ".userResources." + e.field(), e.problem());
        }
        var options = context.options();
        var referenced = new ArrayList<Resource>();

        referenced.add(secret(context, "jupyterhub-oauth", OAUTH_SECRET_NAME, OAUTH_SECRET_KEY,
                context.secret(OAUTH_CLIENT_SECRET).asOutput(), options));
        var sentry = context.optionalSecret(SENTRY_DSN).map(dsn ->
                secret(context, "jupyterhub-naas-sentry", SENTRY_SECRET_NAME, SENTRY_SECRET_KEY, dsn.asOutput(), options));
        sentry.ifPresent(referenced::add);
        var metrics = context.optionalSecret(METRICS_TOKEN).map(token ->
                secret(context, "jupyterhub-metrics", METRICS_SECRET_NAME, METRICS_SECRET_KEY, token.asOutput(), options));
        metrics.ifPresent(referenced::add);

        new Service("jupyterhub-single-user", ServiceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(SINGLE_USER_SERVICE).namespace(context.namespace())
                        .labels(Map.of("app.kubernetes.io/name", SINGLE_USER_SERVICE, "app.kubernetes.io/part-of", NAME))
                        .build())
                .spec(ServiceSpecArgs.builder()
                        .clusterIP("None")
                        .selector(USER_POD_SELECTOR)
                        .ports(ServicePortArgs.builder().name("naas-runner").port(NAAS_RUNNER_PORT)
                                .targetPort(NAAS_RUNNER_PORT).protocol("TCP").build())
                        .build())
                .build(), options);

        var database = context.database();
        var homes = context.homes();
        var ingress = context.ingress();
        var naasServices = new HashMap<String, Endpoint>();
        JupyterHubValues.NAAS_SERVICE_VARIABLES.keySet().forEach(app ->
                context.endpointOf(app).ifPresent(endpoint -> naasServices.put(app, endpoint)));
        String hubHost = ingress.host(settings.hubHost());

        // Docker Hub's images (the Naas image, busybox) are pulled as the platform says: through its image cache.
        Output<Map<String, Object>> values = Output.tuple(databaseUrl(database), database.secretChecksum(),
                context.image(settings.naasImage().name()), context.image(JupyterHubValues.HOME_INIT_IMAGE))
                .applyValue(t -> JupyterHubValues.of(settings, new JupyterHubValues.Inputs(hubHost, ingress.className(),
                        t.t1, database.secretName(), t.t2, homes, Map.copyOf(naasServices), sentry.isPresent(),
                        metrics.isPresent(), context.placement(Pool.NAAS), context.placement(Pool.JUPYTER),
                        context.kubernetesMinor(), t.t3, t.t4)));

        new Release(NAME, ReleaseArgs.builder()
                .name(RELEASE_NAME)
                .namespace(context.namespace())
                .chart(CHART)
                .version(settings.chartVersion())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(CHART_REPOSITORY).build())
                .values(values)
                .timeout(RELEASE_TIMEOUT_SECONDS)
                // Helm keeps every revision's manifest in a Secret; ten are enough to roll back.
                .maxHistory(MAX_HISTORY)
                .build(),
                CustomResourceOptions.merge(options, CustomResourceOptions.builder().dependsOn(referenced).build()));
    }

    /**
     * {@code postgresql+psycopg2://<role>@<host>:<port>/<database>?sslmode=verify-full&sslrootcert=<bundle>}: the
     * driver Zero to JupyterHub documents for {@code hub.db.type: postgres}; TLS because the instance refuses plain
     * connections, and verified: the chain against the RDS certificate authorities the hub mounts
     * ({@link DatabaseConnection#CA_BUNDLE_PATH}), the certificate's name against the host, which is the RDS
     * endpoint. SQLAlchemy hands the query's parameters to psycopg2, which passes them to libpq. No password:
     * libpq reads {@code PGPASSWORD}.
     */
    static Output<String> databaseUrl(DatabaseConnection database) {
        return Output.tuple(database.host(), database.port()).applyValue(hostAndPort ->
                "postgresql+psycopg2://" + database.username() + "@" + hostAndPort.t1 + ":" + hostAndPort.t2
                        + "/" + database.database() + "?sslmode=" + DatabaseConnection.SSL_MODE
                        + "&sslrootcert=" + DatabaseConnection.CA_BUNDLE_PATH);
    }

    private static Secret secret(AppContext<?> context, String resourceName, String secretName, String key,
                                 Output<String> value, CustomResourceOptions options) {
        return new Secret(resourceName, SecretArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(secretName).namespace(context.namespace())
                        .labels(Map.of("app.kubernetes.io/part-of", NAME)).build())
                .type("Opaque")
                // Still secret: applying to a secret Output keeps it secret.
                .stringData(value.applyValue(v -> Map.of(key, v)))
                .build(), options);
    }
}
