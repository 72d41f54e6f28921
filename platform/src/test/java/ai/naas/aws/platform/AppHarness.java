package ai.naas.aws.platform;

import ai.naas.aws.infra.cluster.NodePool;
import ai.naas.aws.config.ConfigReader;
import ai.naas.aws.config.ImageReferences;
import ai.naas.aws.config.MapConfigSource;
import ai.naas.aws.infra.files.SharedFilesSettings;
import ai.naas.aws.plan.OfflineEngine;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import ai.naas.aws.plan.PlausibleCloud;
import ai.naas.aws.platform.addons.HomeStorage;
import ai.naas.aws.platform.addons.IngressController;
import ai.naas.aws.platform.database.ConnectionSecret;
import ai.naas.aws.platform.database.RdsCaBundle;
import ai.naas.aws.platform.spi.AppContext;
import ai.naas.aws.platform.spi.DatabaseConnection;
import ai.naas.aws.platform.spi.Endpoint;
import ai.naas.aws.platform.spi.IngressHosts;
import ai.naas.aws.platform.spi.NaasApp;
import ai.naas.aws.platform.spi.Need;
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
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One app deployed alone under the offline engine, given the context the platform gives it: the app's
 * settings and secrets read by the real {@link AppCatalog} from stack config, its component of type
 * {@value Platform#APP_TYPE}, the cluster's provider, its namespace as what it waits for, the SPI's
 * {@link Placements}, and what it declares: the database connection Secret registered by the real
 * {@link ConnectionSecret} (its host an output of a stand-in for the RDS instance), the home claim of
 * {@link HomeStorage}, the stack's domain with the ingress controller's class, and the image cache's
 * {@link PullThroughImages} (Docker Hub's images through ECR). The one harness every
 * app's tests use.
 *
 * @param <S> the app's settings record
 */
public final class AppHarness<S> {

    public static final String REGION = "eu-west-3";
    public static final String DOMAIN = "naas.example.com";
    /** The node groups' instance types, as the infra fixture's. */
    public static final Map<NodePool, List<String>> INSTANCE_TYPES = Map.of(
            NodePool.NAAS, List.of("m6i.large"), NodePool.JUPYTER, List.of("r6i.xlarge"));
    /** The Kubernetes minor of the harness's cluster (1.33, as the infra fixture's). */
    public static final int KUBERNETES_MINOR = 33;
    public static final String DATABASE_HOST = "naas-test.c0ffee123456.eu-west-3.rds.amazonaws.com";
    /** The resource standing for the RDS instance: the database host is its output, as in a stack. */
    public static final String DATABASE_RESOURCE = "naas-test-database";
    public static final String FILE_SYSTEM_ID = "fs-0123456789abcdef0";
    /** The registry of the harness's image cache: the account's ECR registry in {@link #REGION}. */
    public static final String IMAGE_REGISTRY = PlausibleCloud.ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com";
    /** The harness's image cache prefix: Docker Hub's images are pulled as {@code <registry>/<prefix>/<path>:<tag>}. */
    public static final String IMAGE_PREFIX = "naas-test-docker-hub";
    /** The database role's password an app that declares DATABASE is given, as a stack secret. */
    public static final String DATABASE_PASSWORD = "test-database-password-never-printed";

    private final NaasApp<S> app;
    private final MapConfigSource.Builder config = MapConfigSource.builder();
    private final Map<String, Endpoint> endpoints = new TreeMap<>();

    private AppHarness(NaasApp<S> app) {
        this.app = app;
        config.set(AppCatalog.APPS_KEY, "[\"" + app.name() + "\"]");
        if (app.needs().contains(Need.DATABASE)) {
            config.secret(AppCatalog.secretKey(app, AppCatalog.DATABASE_PASSWORD), DATABASE_PASSWORD);
        }
    }

    /** A harness for {@code app}, with no settings (its defaults) and no secrets. */
    public static <S> AppHarness<S> of(NaasApp<S> app) {
        return new AppHarness<>(app);
    }

    /** {@code naas:<app>} as JSON, as in a stack file. */
    public AppHarness<S> settings(String json) {
        config.set("naas:" + app.name(), json);
        return this;
    }

    /** {@code naas:<app>.<name>}, set as a secret. */
    public AppHarness<S> secret(String name, String value) {
        config.secret(AppCatalog.secretKey(app, name), value);
        return this;
    }

    /** {@code naas:<app>.<name>}, set as plain text (a mistake the platform must refuse). */
    public AppHarness<S> plainText(String name, String value) {
        config.set(AppCatalog.secretKey(app, name), value);
        return this;
    }

    /** Another enabled app's endpoint. */
    public AppHarness<S> endpoint(String otherApp, Endpoint endpoint) {
        endpoints.put(otherApp, endpoint);
        return this;
    }

    /** Every other app's endpoint. */
    public AppHarness<S> endpoints(Map<String, Endpoint> others) {
        endpoints.putAll(others);
        return this;
    }

    /** The app as the platform reads it from this config: settings validated, secrets read. */
    public EnabledApp<S> read() {
        @SuppressWarnings("unchecked")
        var enabled = (EnabledApp<S>) AppCatalog.of(List.of(app)).read(new ConfigReader(config.build())).get(0);
        return enabled;
    }

    /** The app's settings as the platform reads them. */
    public S readSettings() {
        return read().settings();
    }

    /** The app deployed with this config. */
    public Planned<S> plan() {
        var enabled = read();
        var captured = new AtomicReference<AppContext<S>>();
        Plan plan = new OfflineEngine(new PlausibleCloud(REGION)).run("naas", "test", Map.of(), Set.of(), ctx -> {
            var provider = new Provider("k8s", ProviderArgs.builder().kubeconfig("{}").build());
            var component = new ComponentResource(Platform.APP_TYPE, app.name());
            var namespace = new Namespace(app.namespace(), NamespaceArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name(app.namespace()).build()).build(),
                    CustomResourceOptions.builder().provider(provider).build());
            var options = CustomResourceOptions.builder().parent(component).provider(provider).dependsOn(namespace).build();
            var needs = app.needs();
            var all = new TreeMap<>(endpoints);
            app.endpoint(enabled.settings()).ifPresent(e -> all.put(app.name(), e));
            Optional<DatabaseConnection> database = needs.contains(Need.DATABASE)
                    ? Optional.of(database(provider, enabled, options)) : Optional.empty();
            var readyWhen = new ArrayList<Resource>(List.of(namespace));
            database.ifPresent(connection -> {
                // As the platform does: the app waits for its Secret and for the CA bundle in its namespace.
                readyWhen.add(connection.secret());
                readyWhen.add(RdsCaBundle.register("rds-ca-" + app.namespace(), app.namespace(), options));
            });
            var context = new AppContext<>(app.name(), enabled.settings(), app.namespace(), provider, component,
                    readyWhen, Placements.of(INSTANCE_TYPES),
                    needs.contains(Need.SHARED_HOMES) ? Optional.of(homes()) : Optional.empty(),
                    database,
                    needs.contains(Need.INGRESS) ? Optional.of(ingress()) : Optional.empty(),
                    enabled.secrets(), all, OptionalInt.of(KUBERNETES_MINOR), images());
            captured.set(context);
            app.deploy(context);
        });
        return new Planned<>(plan, captured.get());
    }

    /** The stack's domain and the ingress controller's class, as an app that declares INGRESS gets them. */
    public static IngressHosts ingress() {
        return new IngressHosts(DOMAIN, IngressController.INGRESS_CLASS);
    }

    /** The home tree as an app that declares SHARED_HOMES gets it, owned by the default notebook user. */
    public static SharedHomes homes() {
        var owners = SharedFilesSettings.defaults();
        return new SharedHomes(HomeStorage.CLAIM_NAME, Output.of(FILE_SYSTEM_ID), HomeStorage.USER_HOME_SUB_PATH,
                owners.notebookUid(), owners.notebookGid());
    }

    /**
     * Where the app's pods pull their images from, as the platform says: Docker Hub's through the image cache
     * ({@link PullThroughImages}, registry {@link #IMAGE_REGISTRY}, prefix {@link #IMAGE_PREFIX}), others as published.
     */
    public static PullThroughImages images() {
        return new PullThroughImages(Output.of(IMAGE_REGISTRY), IMAGE_PREFIX);
    }

    /**
     * {@code reference} as the harness's pods pull it: a Docker Hub image (as Docker reads the reference) as
     * {@code <IMAGE_REGISTRY>/<IMAGE_PREFIX>/<path>:<tag>}, official images under {@code library/}; others as written.
     */
    public static String pulled(String reference) {
        var split = ImageReferences.split(reference);
        return split.isDockerHub() ? IMAGE_REGISTRY + "/" + IMAGE_PREFIX + "/" + split.path() + split.suffix() : reference;
    }

    /** The Secret the platform puts {@code app}'s database connection in. */
    public static String databaseSecret(NaasApp<?> app) {
        return ConnectionSecret.nameFor(app.name());
    }

    private static <S> DatabaseConnection database(Provider provider, EnabledApp<S> app, CustomResourceOptions options) {
        var rds = new ConfigMap(DATABASE_RESOURCE, ConfigMapArgs.builder()
                .metadata(ObjectMetaArgs.builder().name("database-endpoint").namespace("default").build())
                .data(Map.of("host", DATABASE_HOST)).build(), CustomResourceOptions.builder().provider(provider).build());
        return ConnectionSecret.register(app.name(), app.app().namespace(), rds.data().applyValue(d -> d.get("host")),
                Output.of(5432), app.secrets().get(AppCatalog.DATABASE_PASSWORD), options);
    }

    /**
     * What the run recorded, and the context the app was given.
     *
     * @param plan    every resource registered
     * @param context the app's context
     */
    public record Planned<S>(Plan plan, AppContext<S> context) {

        /** The app's one resource of this type. */
        public PlannedResource single(String type) {
            List<PlannedResource> found = plan.ofType(type);
            if (found.size() != 1) {
                throw new IllegalStateException("expected one " + type + ", planned " + found.size());
            }
            return found.get(0);
        }
    }
}
