package ai.naas.aws.platform.spi;

import ai.naas.aws.config.Secret;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an app receives from the platform. Every resource an app registers goes through {@link #options()}:
 * it is a child of the app's component, uses the cluster's provider, and waits for what the platform set up
 * for it (namespace, node groups, storage, its database).
 *
 * @param name      the app's name
 * @param settings  its validated settings
 * @param namespace its namespace, created by the platform
 * @param provider  the cluster's Kubernetes provider
 * @param parent    the app's component: the root of everything it registers
 * @param readyWhen what the app's resources wait for
 * @param placements how to put pods on each worker pool
 * @param secrets   the secrets it declared, by name (absent optional ones are missing)
 * @param endpoints the endpoints of the enabled apps, by app name
 * @param kubernetesMinor the cluster's Kubernetes minor ({@code 33} for 1.33), for images that must match the
 *                  control plane; empty when unknown
 * @param images    where pods pull each image from: every image an app runs goes through {@link #image}
 */
public record AppContext<S>(
        String name,
        S settings,
        String namespace,
        Provider provider,
        ComponentResource parent,
        List<Resource> readyWhen,
        Map<Pool, Placement> placements,
        Optional<SharedHomes> sharedHomes,
        Optional<DatabaseConnection> databaseConnection,
        Optional<IngressHosts> ingressHosts,
        Map<String, Secret> secrets,
        Map<String, Endpoint> endpoints,
        OptionalInt kubernetesMinor,
        ImageSource images) {

    /** A context that does not know the cluster's Kubernetes minor. */
    public AppContext(String name, S settings, String namespace, Provider provider, ComponentResource parent,
                      List<Resource> readyWhen, Map<Pool, Placement> placements, Optional<SharedHomes> sharedHomes,
                      Optional<DatabaseConnection> databaseConnection, Optional<IngressHosts> ingressHosts,
                      Map<String, Secret> secrets, Map<String, Endpoint> endpoints) {
        this(name, settings, namespace, provider, parent, readyWhen, placements, sharedHomes, databaseConnection,
                ingressHosts, secrets, endpoints, OptionalInt.empty());
    }

    /** A context whose images are pulled from where they are published. */
    public AppContext(String name, S settings, String namespace, Provider provider, ComponentResource parent,
                      List<Resource> readyWhen, Map<Pool, Placement> placements, Optional<SharedHomes> sharedHomes,
                      Optional<DatabaseConnection> databaseConnection, Optional<IngressHosts> ingressHosts,
                      Map<String, Secret> secrets, Map<String, Endpoint> endpoints, OptionalInt kubernetesMinor) {
        this(name, settings, namespace, provider, parent, readyWhen, placements, sharedHomes, databaseConnection,
                ingressHosts, secrets, endpoints, kubernetesMinor, ImageSource.UPSTREAM);
    }

    public AppContext {
        readyWhen = List.copyOf(readyWhen);
        placements = Map.copyOf(placements);
        secrets = Map.copyOf(secrets);
        endpoints = Map.copyOf(endpoints);
        images = images == null ? ImageSource.UPSTREAM : images;
    }

    /** Options for every resource the app registers. */
    public CustomResourceOptions options() {
        return CustomResourceOptions.builder().parent(parent).provider(provider).dependsOn(readyWhen).build();
    }

    /** Where pods of {@code pool} go. */
    public Placement placement(Pool pool) {
        var placement = placements.get(pool);
        if (placement == null) {
            throw new IllegalStateException("the platform gave app " + name + " no placement on pool " + pool);
        }
        return placement;
    }

    /** The shared home tree; the app must declare {@link Need#SHARED_HOMES}. */
    public SharedHomes homes() {
        return sharedHomes.orElseThrow(() -> undeclared(Need.SHARED_HOMES));
    }

    /** The app's database; the app must declare {@link Need#DATABASE}. */
    public DatabaseConnection database() {
        return databaseConnection.orElseThrow(() -> undeclared(Need.DATABASE));
    }

    /** Public host names; the app must declare {@link Need#INGRESS}. */
    public IngressHosts ingress() {
        return ingressHosts.orElseThrow(() -> undeclared(Need.INGRESS));
    }

    /** A required secret the app declared. */
    public Secret secret(String secretName) {
        var secret = secrets.get(secretName);
        if (secret == null) {
            throw new IllegalStateException("app " + name + " reads secret '" + secretName
                    + "' but does not declare it in secretNames()");
        }
        return secret;
    }

    /** An optional secret the app declared, if set. */
    public Optional<Secret> optionalSecret(String secretName) {
        return Optional.ofNullable(secrets.get(secretName));
    }

    /**
     * The reference pods must pull {@code reference} by (see {@link ImageSource#image}): an app passes every image
     * it runs, as published ({@code busybox:1.36.1}, {@code jupyternaas/naas}), through this.
     */
    public Output<String> image(String reference) {
        return images.image(reference);
    }

    /** Where another enabled app serves, if it is enabled. */
    public Optional<Endpoint> endpointOf(String app) {
        return Optional.ofNullable(endpoints.get(app));
    }

    private IllegalStateException undeclared(Need need) {
        return new IllegalStateException("app " + name + " uses " + need + " but does not declare it in needs()");
    }
}
