package ai.naas.aws.platform;

import ai.naas.aws.support.Outputs;
import ai.naas.aws.infra.cluster.Cluster;
import ai.naas.aws.infra.database.Database;
import ai.naas.aws.infra.files.SharedFileSystem;
import ai.naas.aws.infra.images.ImageCache;
import ai.naas.aws.platform.addons.AddOns;
import ai.naas.aws.platform.addons.HomeStorage;
import ai.naas.aws.platform.addons.PlatformSettings;
import ai.naas.aws.platform.database.ConnectionSecret;
import ai.naas.aws.platform.database.DatabaseBootstrapJob;
import ai.naas.aws.platform.database.RdsCaBundle;
import ai.naas.aws.platform.spi.AppContext;
import ai.naas.aws.platform.spi.DatabaseConnection;
import ai.naas.aws.platform.spi.Endpoint;
import ai.naas.aws.platform.spi.ImageSource;
import ai.naas.aws.platform.spi.IngressHosts;
import ai.naas.aws.platform.spi.Placement;
import ai.naas.aws.platform.spi.Pool;
import ai.naas.aws.infra.cluster.WorkerGroup;
import ai.naas.aws.platform.spi.Need;
import ai.naas.aws.platform.spi.SharedHomes;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The Kubernetes layer on the cluster, and the apps on it: the add-ons, a namespace per app, each app's
 * database (created by the bootstrap Job before the app starts) and its share of the home tree, then every
 * enabled app, deployed through the SPI. Everything an app gets is a child of the app's component, so
 * removing an app from {@code naas:apps} removes exactly what it brought.
 */
public final class Platform extends ComponentResource {

    /** Where platform jobs run. */
    public static final String NAMESPACE = "naas-platform";
    /** The type of each app's root component. */
    public static final String APP_TYPE = "naas:apps:App";

    private final AddOns addOns;
    private final com.pulumi.kubernetes.Provider provider;

    public Platform(String name, PlatformArgs args, ComponentResourceOptions options) {
        super("naas:platform:Platform", name, options);
        var cluster = args.cluster();
        this.provider = cluster.provider();
        this.addOns = new AddOns(name, new AddOns.Args(cluster, args.region(), args.files().fileSystemId(),
                args.settings(), args.certificateArn()), ComponentResourceOptions.builder().parent(this).build());

        // Docker Hub's images come through the stack's pull-through cache: whatever pulls one waits for the cache's
        // rule, the template its repositories are made from, and the nodes' permission to pull through it.
        var images = PullThroughImages.of(args.images());
        List<Resource> platformReady = Outputs.<Resource>concat(addOns.readyWhen(), args.images().ready());

        var namespaces = new TreeMap<String, Namespace>();
        namespaces.put(NAMESPACE, namespace(NAMESPACE, this, true));
        var components = new LinkedHashMap<String, AppComponent>();
        for (var app : args.apps()) {
            var component = new AppComponent(app.name(), this);
            components.put(app.name(), component);
            // A namespace one app uses goes with that app; one several apps share belongs to the platform.
            boolean shared = args.apps().stream().filter(a -> a.app().namespace().equals(app.app().namespace())).count() > 1;
            // Restricted Pod Security, except where an app mounts the shared homes: JupyterHub's home init
            // container runs as root (with CHOWN/FOWNER/DAC_OVERRIDE only) to create each home owned by the
            // notebook uid, which restricted forbids.
            boolean restricted = args.apps().stream().filter(a -> a.app().namespace().equals(app.app().namespace()))
                    .noneMatch(a -> a.app().needs().contains(Need.SHARED_HOMES));
            namespaces.computeIfAbsent(app.app().namespace(), ns -> namespace(ns, shared ? this : component, restricted));
        }

        var databaseApps = args.apps().stream().filter(a -> a.app().needs().contains(Need.DATABASE)).toList();
        // The RDS certificate authorities, once in each namespace where something connects to the database.
        var caBundles = new TreeMap<String, ConfigMap>();
        if (!databaseApps.isEmpty()) {
            caBundles.put(NAMESPACE, RdsCaBundle.register(name + "-rds-ca-" + NAMESPACE, NAMESPACE,
                    CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(namespaces.get(NAMESPACE)).build()));
        }
        for (var app : databaseApps) {
            String ns = app.app().namespace();
            caBundles.computeIfAbsent(ns, n -> RdsCaBundle.register(name + "-rds-ca-" + n, n,
                    CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(namespaces.get(n)).build()));
        }
        Optional<DatabaseBootstrapJob> bootstrap = databaseApps.isEmpty() ? Optional.empty() : Optional.of(
                new DatabaseBootstrapJob(name + "-database-bootstrap", new DatabaseBootstrapJob.DatabaseBootstrapArgs(
                        provider, cluster.oidc(), cluster.boundary(), args.region(), NAMESPACE, args.database().address(),
                        args.database().port(), Database.MASTER_USER, args.database().masterSecretArn(),
                        args.database().masterSecretKeyArn(),
                        databaseApps.stream().map(a -> new DatabaseBootstrapJob.AppRole(ConnectionSecret.databaseFor(a.name()),
                                a.secrets().get(AppCatalog.DATABASE_PASSWORD))).toList(),
                        Outputs.<Resource>concat(platformReady, List.of(namespaces.get(NAMESPACE), caBundles.get(NAMESPACE))),
                        images.image(DatabaseBootstrapJob.IMAGE)),
                        ComponentResourceOptions.builder().parent(this).build()));

        var ingress = new IngressHosts(addOns.domain(), addOns.ingressClassName(), addOns.userContentDomain());
        var endpoints = new TreeMap<String, Endpoint>();
        args.apps().forEach(a -> endpoint(a, ingress).ifPresent(e -> endpoints.put(a.name(), e)));

        for (var app : args.apps()) {
            var component = components.get(app.name());
            var namespace = namespaces.get(app.app().namespace());
            var readyWhen = Outputs.<Resource>concat(platformReady, List.of(namespace));
            var k8s = CustomResourceOptions.builder().parent(component).provider(provider).dependsOn(namespace).build();

            Optional<DatabaseConnection> database = Optional.empty();
            if (app.app().needs().contains(Need.DATABASE)) {
                var connection = ConnectionSecret.register(app.name(), app.app().namespace(), args.database().address(),
                        args.database().port(), app.secrets().get(AppCatalog.DATABASE_PASSWORD), k8s);
                // Its pods need the Secret and the CA bundle, and their database made by the Job.
                readyWhen = Outputs.<Resource>concat(readyWhen, List.of(connection.secret(),
                        caBundles.get(app.app().namespace()), bootstrap.orElseThrow().job()));
                database = Optional.of(connection);
            }
            Optional<SharedHomes> homes = Optional.empty();
            if (app.app().needs().contains(Need.SHARED_HOMES)) {
                var storage = addOns.homeStorage(app.app().namespace(), List.of(namespace), component);
                readyWhen = Outputs.<Resource>concat(readyWhen, List.of(storage.claim()));
                var owners = args.files().settings();
                homes = Optional.of(new SharedHomes(storage.claimName(), args.files().fileSystemId(),
                        HomeStorage.USER_HOME_SUB_PATH, owners.notebookUid(), owners.notebookGid()));
            }
            deploy(app, component, readyWhen, homes, database,
                    app.app().needs().contains(Need.INGRESS) ? Optional.of(ingress) : Optional.empty(), endpoints, provider,
                    cluster.kubernetesVersion(), Placements.of(cluster.workerGroups().stream()
                            .collect(java.util.stream.Collectors.toMap(WorkerGroup::pool, WorkerGroup::instanceTypes))),
                    images);
        }
        registerOutputs(Map.of());
    }

    private static <S> void deploy(EnabledApp<S> app, AppComponent component, List<Resource> readyWhen,
                                   Optional<SharedHomes> homes, Optional<DatabaseConnection> database,
                                   Optional<IngressHosts> ingress, Map<String, Endpoint> endpoints,
                                   com.pulumi.kubernetes.Provider provider, String kubernetesVersion,
                                   Map<Pool, Placement> placements, ImageSource images) {
        int minor = Integer.parseInt(kubernetesVersion.substring(kubernetesVersion.indexOf('.') + 1));
        app.app().deploy(new AppContext<>(app.name(), app.settings(), app.app().namespace(), provider, component,
                readyWhen, placements, homes, database, ingress, app.secrets(), endpoints,
                OptionalInt.of(minor), images));
    }

    private static <S> Optional<Endpoint> endpoint(EnabledApp<S> app, IngressHosts ingress) {
        var publicHost = app.app().needs().contains(Need.INGRESS) ? app.app().publicHostName(app.settings()) : Optional.<String>empty();
        return app.app().endpoint(app.settings())
                .map(e -> publicHost.map(h -> e.withPublicUrl("https://" + ingress.host(h, app.app().servesUserContent()))).orElse(e));
    }

    private Namespace namespace(String name, ComponentResource owner, boolean restricted) {
        return new Namespace(name, NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(name).labels(Map.of(
                        "app.kubernetes.io/part-of", "naas",
                        "pod-security.kubernetes.io/enforce", restricted ? "restricted" : "baseline",
                        "pod-security.kubernetes.io/warn", "restricted")).build())
                .build(), CustomResourceOptions.builder().parent(owner).provider(provider).build());
    }

    /** The add-ons, for stack outputs. */
    public AddOns addOns() {
        return addOns;
    }

    /** An app's root in the resource tree. */
    static final class AppComponent extends ComponentResource {
        AppComponent(String name, Platform platform) {
            super(APP_TYPE, name, ComponentResourceOptions.builder().parent(platform).build());
            registerOutputs(Map.of());
        }
    }

    /**
     * What the platform is built on.
     *
     * @param cluster  the EKS cluster
     * @param region   the stack's region
     * @param settings {@code naas:platform}
     * @param files    the shared file system
     * @param database the RDS instance
     * @param apps     the enabled apps, settings and secrets read
     * @param certificateArn {@code naas:platform.certificateArn} once the stack's preflight has checked it: the
     *                 ingress takes it from there, so it is not created when the check fails
     * @param images   the pull-through cache Docker Hub's images are pulled through
     */
    public record PlatformArgs(Cluster cluster, String region, PlatformSettings settings, SharedFileSystem files,
                               Database database, List<EnabledApp<?>> apps, Output<String> certificateArn,
                               ImageCache images) {
        public PlatformArgs {
            apps = List.copyOf(apps);
            Objects.requireNonNull(certificateArn, "certificateArn");
        }
    }
}
