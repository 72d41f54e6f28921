package ai.naas.aws.apps.naasservice;

import ai.naas.aws.platform.spi.IngressHosts;
import ai.naas.aws.platform.spi.Placement;

import java.util.Objects;
import java.util.Optional;

/**
 * What a service's Helm values depend on besides its settings: plain values that
 * {@link NaasServiceApp#wiring(ai.naas.aws.platform.spi.AppContext, String)} takes from the platform's
 * {@link ai.naas.aws.platform.spi.AppContext}. Holding no {@link com.pulumi.core.Output}, it keeps
 * {@link NaasServiceApp#values} a pure function that tests call to render the chart with the program's real values.
 *
 * @param placement        where the pods go: the naas pool's node selector and tolerations
 * @param jupyterNamespace the namespace of the hub and the single-user servers, whose pods call the services
 * @param ingress          the stack's public domain and IngressClass, if the platform gave them to the app
 * @param databaseSecret   the Secret holding the app's database connection (key {@code url}), if it has a database
 * @param hubPublicHost    the hub's public host name, if the jupyterhub app is enabled and exposed
 * @param chartDigest      the digest of the chart's files ({@link ChartLocation#digest()}), so that a change to the
 *                         chart changes the values and Pulumi upgrades the release
 */
public record Wiring(
        Placement placement,
        String jupyterNamespace,
        Optional<IngressHosts> ingress,
        Optional<String> databaseSecret,
        Optional<String> hubPublicHost,
        String chartDigest) {

    public Wiring {
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(jupyterNamespace, "jupyterNamespace");
        Objects.requireNonNull(ingress, "ingress");
        Objects.requireNonNull(databaseSecret, "databaseSecret");
        Objects.requireNonNull(hubPublicHost, "hubPublicHost");
        Objects.requireNonNull(chartDigest, "chartDigest");
    }

    /** {@code <name>.<domain>}, if the app knows the stack's domain. */
    public Optional<String> publicHost(String name) {
        return ingress.map(hosts -> hosts.host(name));
    }

    /** {@code <name>.<user-content domain>} for a service that serves user content, else {@link #publicHost(String)}. */
    public Optional<String> publicHost(String name, boolean userContent) {
        return ingress.map(hosts -> hosts.host(name, userContent));
    }
}
