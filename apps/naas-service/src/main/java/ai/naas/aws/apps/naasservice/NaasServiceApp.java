package ai.naas.aws.apps.naasservice;

import ai.naas.aws.platform.spi.AppContext;
import ai.naas.aws.platform.spi.DatabaseConnection;
import ai.naas.aws.platform.spi.Endpoint;
import ai.naas.aws.platform.spi.IngressHosts;
import ai.naas.aws.platform.spi.NaasApp;
import ai.naas.aws.platform.spi.Need;
import ai.naas.aws.platform.spi.Pool;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Naas service deployed with this repository's chart {@code charts/naas-service}: one {@code helm.v3.Release}
 * named after the app ({@code naas-proxy}) in namespace {@value #NAMESPACE}, on the naas node pool.
 *
 * <p>A service says what it is (its short name, port, needs, secrets, plain environment) and this class does the
 * rest the same way for all four:
 * <ul>
 *   <li>{@link #values} turns settings and {@link Wiring} into the chart's values ({@code ServiceValues}): a pure
 *       function, which the tests call to render the chart with Helm exactly as the program configures it;</li>
 *   <li>{@link #deploy} registers a Kubernetes Secret with the app's stack secrets (if it has any) and the
 *       release, which waits for the Secret and for everything the platform readied ({@code ServiceRelease}).</li>
 * </ul>
 *
 * <p><b>No secret reaches the values.</b> A secret Output anywhere in them would make Pulumi mark all of them
 * secret, hiding every change to the release from {@code pulumi preview}. So secrets are environment variables
 * read from Secrets through the chart's {@code secretEnv}: {@code PROXY_DB} from the database Secret the platform
 * made (key {@code url}), the app's own secrets ({@link #secretVariables()}) from the Secret {@link #secretName()}.
 *
 * @param <S> the service's settings record
 */
public abstract class NaasServiceApp<S extends ServiceSettings> implements NaasApp<S> {

    /** The namespace of the four Naas services. */
    public static final String NAMESPACE = "naas";
    /** The chart every Naas service runs: {@code charts/naas-service}. */
    public static final String CHART = "naas-service";
    /** The app whose {@link Endpoint} tells which namespace the hub and the single-user servers run in. */
    public static final String JUPYTERHUB_APP = "jupyterhub";
    /** The services whose responses users write, served under the user-content domain. */
    public static final Set<String> USER_CONTENT_SERVICES = Set.of("proxy", "callback");
    /** Their namespace when the hub is not among the enabled apps. */
    public static final String DEFAULT_JUPYTER_NAMESPACE = "jupyter";
    /** The hub's name under the stack's domain: the services call {@code https://hub.<domain>/hub/api/user}. */
    public static final String HUB_HOST_NAME = "hub";
    /**
     * Namespace of the ingress controller, whose pods the NetworkPolicy of an exposed service admits (the chart's
     * default). The platform's ingress add-on must run there.
     */
    public static final String INGRESS_CONTROLLER_NAMESPACE = "ingress-nginx";
    /**
     * {@code PGSSLMODE} of the services that use the database. The services hand {@code PROXY_DB} to Sequelize,
     * which drops the URL's {@code sslmode} and leaves TLS to node-postgres, which reads {@code PGSSLMODE}: for
     * {@code verify-full} it connects with Node's TLS defaults, the chain verified ({@code rejectUnauthorized}) and
     * the certificate's name checked against the host, the RDS endpoint. Node's CA store lacks the RDS authorities:
     * {@code NODE_EXTRA_CA_CERTS} adds the platform's bundle, which the chart mounts.
     */
    public static final String DATABASE_SSL_MODE = DatabaseConnection.SSL_MODE;
    /** The database connection URL's key in the platform's database Secret. */
    public static final String DATABASE_URL_KEY = "url";
    /** The variable the Naas services read their database URL from. */
    public static final String DATABASE_URL_ENV = "PROXY_DB";
    /** Helm release revisions kept. */
    public static final int MAX_HISTORY = 10;

    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");

    private final String service;
    private final int port;
    private final Class<S> settingsType;

    /**
     * @param service      the short name: the chart's {@code nameOverride} and the app name's suffix ({@code proxy})
     * @param port         the port the service listens on, container and Service port
     * @param settingsType the record {@code naas:naas-<service>} binds to
     */
    protected NaasServiceApp(String service, int port, Class<S> settingsType) {
        if (service == null || !SERVICE.matcher(service).matches()) {
            throw new IllegalArgumentException("not a service name: " + service);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a port: " + port);
        }
        this.service = service;
        this.port = port;
        this.settingsType = Objects.requireNonNull(settingsType, "settingsType");
    }

    /** {@code naas-<service>}: the entry in {@code naas:apps}, the config key's suffix, the release and Service name. */
    @Override
    public final String name() {
        return "naas-" + service;
    }

    /** The short name, {@code proxy}: the chart's {@code nameOverride}, the {@code app.kubernetes.io/name} label. */
    public final String service() {
        return service;
    }

    /** The port the service listens on. */
    public final int port() {
        return port;
    }

    @Override
    public final Class<S> settingsType() {
        return settingsType;
    }

    @Override
    public final String namespace() {
        return NAMESPACE;
    }

    /** The chart's Service: named after the release, on {@link #port()}. */
    @Override
    public final Optional<Endpoint> endpoint(S settings) {
        return Optional.of(new Endpoint(NAMESPACE, name(), port));
    }

    /** The secrets {@link #secretVariables()} read. */
    @Override
    public final List<String> secretNames() {
        return secretVariables().stream().map(SecretVariable::secret).toList();
    }

    /** Environment variables taken from the app's stack secrets; none by default. */
    protected List<SecretVariable> secretVariables() {
        return List.of();
    }

    /** The Kubernetes Secret holding the app's stack secrets: {@code <app>-secrets}. */
    public final String secretName() {
        return name() + "-secrets";
    }

    /**
     * The service's plain environment, beyond {@code PORT}, {@code PGSSLMODE} and {@code NODE_EXTRA_CA_CERTS} which
     * this class sets.
     */
    protected abstract Map<String, String> environment(S settings, Wiring wiring);

    /**
     * The service's public host name under the stack's domain, for a service that declares {@link Need#INGRESS};
     * empty for an internal one (the default).
     */
    @Override
    public Optional<String> publicHostName(S settings) {
        return Optional.empty();
    }

    /**
     * The proxy (public notebook URLs, webhooks) and the callback service serve what users write: they are
     * served under the user-content domain.
     */
    @Override
    public boolean servesUserContent() {
        return USER_CONTENT_SERVICES.contains(service);
    }

    /** False for a service that must write outside {@code /tmp}. */
    protected boolean readOnlyRootFilesystem() {
        return true;
    }

    /**
     * The hub's public host: {@code configured} when set, else where the jupyterhub app is served, else
     * {@value #HUB_HOST_NAME}{@code .<domain>}.
     *
     * @throws IllegalStateException when neither is known
     */
    protected final String hubHost(String configured, Wiring wiring) {
        if (configured != null) {
            return configured;
        }
        return wiring.hubPublicHost().or(() -> wiring.publicHost(HUB_HOST_NAME)).orElseThrow(() -> new IllegalStateException(
                "naas:" + name() + ".hubHost: is required: the platform gave " + name() + " no public domain to derive"
                        + " the hub's host from"));
    }

    /**
     * The chart's values for this service: a pure function of its settings and wiring, with no secret in it
     * ({@code ServiceValues}).
     *
     * @throws IllegalStateException when the wiring lacks what the service needs (its database Secret, the public
     *                               domain of an exposed service)
     */
    public final Map<String, Object> values(S settings, Wiring wiring) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(wiring, "wiring");
        return ServiceValues.of(this, settings, wiring);
    }

    /** What {@link #values} needs from the platform's context. */
    public Wiring wiring(AppContext<S> context, String chartDigest) {
        Optional<IngressHosts> ingress = needs().contains(Need.INGRESS) ? Optional.of(context.ingress()) : context.ingressHosts();
        Optional<String> database = needs().contains(Need.DATABASE)
                ? Optional.of(context.database().secretName()) : Optional.empty();
        String jupyterNamespace = context.endpointOf(JUPYTERHUB_APP).map(Endpoint::namespace).orElse(DEFAULT_JUPYTER_NAMESPACE);
        Optional<String> hub = context.endpointOf(JUPYTERHUB_APP).flatMap(Endpoint::publicUrl)
                .map(url -> url.replaceFirst("^https://", ""));
        return new Wiring(context.placement(Pool.NAAS), jupyterNamespace, ingress, database, hub, chartDigest);
    }

    /**
     * Registers the app's Secret (when it has stack secrets) and its release ({@code ServiceRelease}). The values
     * are built first, so a service that cannot be configured fails before it registers anything; the release runs
     * them with the image repository the platform gives ({@link AppContext#image}).
     */
    @Override
    public void deploy(AppContext<S> context) {
        ChartLocation chart = ChartLocation.find(CHART);
        Map<String, Object> values = values(context.settings(), wiring(context, chart.digest()));
        // The image as the platform says the nodes pull it: a Docker Hub image through its image cache.
        Output<Map<String, Object>> pulled = context.image(context.settings().image().repository())
                .applyValue(repository -> ServiceValues.withImageRepository(values, repository));
        ServiceRelease.register(this, context, chart, pulled);
    }
}
