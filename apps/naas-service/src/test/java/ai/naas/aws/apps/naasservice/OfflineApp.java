package ai.naas.aws.apps.naasservice;

import ai.naas.aws.infra.cluster.NodePool;
import ai.naas.aws.infra.config.Secret;
import ai.naas.aws.plan.OfflineEngine;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import ai.naas.aws.plan.PlausibleCloud;
import ai.naas.aws.platform.spi.AppContext;
import ai.naas.aws.platform.spi.DatabaseConnection;
import ai.naas.aws.platform.spi.Endpoint;
import ai.naas.aws.platform.spi.IngressHosts;
import ai.naas.aws.platform.spi.NaasApp;
import ai.naas.aws.platform.spi.Need;
import ai.naas.aws.platform.spi.Placement;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
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
import java.util.concurrent.atomic.AtomicReference;

/**
 * One app deployed alone under the offline engine, with an {@link AppContext} made by hand the way the platform
 * makes it: a component as the app's parent, a Kubernetes provider, the app's namespace as what its resources
 * wait for, and, as the app declares them, a database connection, the stack's public domain and its secrets.
 */
public final class OfflineApp {

    public static final String REGION = "eu-west-3";
    public static final String DOMAIN = "naas.example.com";
    public static final String INGRESS_CLASS = "nginx";
    /** The hub's namespace, given to the app as the namespace of the {@code jupyterhub} endpoint. */
    public static final String JUPYTER_NAMESPACE = "jupyter";
    public static final String DATABASE_HOST = "naas-test.c0ffee123456.eu-west-3.rds.amazonaws.com";

    private OfflineApp() {
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

    /** The Secret the platform holds the app's database connection in. */
    public static String databaseSecret(NaasApp<?> app) {
        return app.name() + "-db";
    }

    /** The public domain and IngressClass the app gets when it declares {@link Need#INGRESS}. */
    public static Optional<IngressHosts> ingress(NaasApp<?> app) {
        return app.needs().contains(Need.INGRESS) ? Optional.of(new IngressHosts(DOMAIN, INGRESS_CLASS)) : Optional.empty();
    }

    /** The wiring {@link NaasServiceApp#wiring} derives from the context {@link #plan} gives the app. */
    public static Wiring wiring(NaasApp<?> app, String chartDigest) {
        return new Wiring(Placement.on(NodePool.NAAS), JUPYTER_NAMESPACE, ingress(app),
                app.needs().contains(Need.DATABASE) ? Optional.of(databaseSecret(app)) : Optional.empty(),
                Optional.empty(), chartDigest);
    }

    /**
     * Plans {@code app} with {@code settings}.
     *
     * @param secrets the app's secrets by name, plain text; each becomes {@code naas:<app>.<name>}, set as a secret
     */
    public static <S> Planned<S> plan(NaasApp<S> app, S settings, Map<String, String> secrets) {
        var config = new TestConfig();
        secrets.forEach((name, value) -> config.secret("naas:" + app.name() + "." + name, value));
        var reader = config.reader();
        var secretValues = new HashMap<String, Secret>();
        secrets.keySet().forEach(name -> secretValues.put(name, reader.requiredSecret("naas:" + app.name() + "." + name)));

        var captured = new AtomicReference<AppContext<S>>();
        Plan plan = new OfflineEngine(new PlausibleCloud(REGION)).run("naas", "test", Map.of(), Set.of(), ctx -> {
            var parent = new ComponentResource("naas:apps:App", app.name());
            var provider = new Provider("k8s", ProviderArgs.builder().kubeconfig("{}").build());
            var namespace = new Namespace(app.namespace(), NamespaceArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name(app.namespace()).build()).build(),
                    CustomResourceOptions.builder().provider(provider).build());
            var endpoints = new HashMap<String, Endpoint>();
            endpoints.put("jupyterhub", new Endpoint(JUPYTER_NAMESPACE, "proxy-public", 80));
            app.endpoint(settings).ifPresent(e -> endpoints.put(app.name(), e));
            var context = new AppContext<>(app.name(), settings, app.namespace(), provider, parent, List.of(namespace),
                    Optional.empty(),
                    app.needs().contains(Need.DATABASE)
                            ? Optional.of(new DatabaseConnection(Output.of(DATABASE_HOST), Output.of(5432),
                                    app.name().replace('-', '_'), app.name().replace('-', '_'), databaseSecret(app)))
                            : Optional.empty(),
                    ingress(app), secretValues, endpoints);
            captured.set(context);
            app.deploy(context);
        });
        return new Planned<>(plan, captured.get());
    }
}
