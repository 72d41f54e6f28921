package ai.naas.aws.apps.naasproxy;

import ai.naas.aws.apps.naasservice.NaasServiceApp;
import ai.naas.aws.apps.naasservice.Wiring;
import ai.naas.aws.platform.spi.Need;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Naas proxy ({@code jupyternaas/proxy}, port 3002): serves the public URLs of notebooks (webhooks, assets)
 * and forwards each request to the user's Naas runner, {@code http://jupyter-<user>.jupyter-single-user.<jupyter
 * namespace>.svc.cluster.local:5000}. It is the one service the outside world calls, so it is exposed on
 * {@code <hostName>.<domain>}; it keeps its custom domains in its own database ({@code PROXY_DB}) and asks the
 * hub who a caller is.
 *
 * <p>Environment, as jupyter-naas/proxy's {@code src/} reads it: {@code HUB_HOST} (called as
 * {@code https://<HUB_HOST>/hub/api/user}); {@code SINGLEUSER_BASE}, {@code SINGLEUSER_PATH} and {@code NAAS_PORT}
 * (the runner URL is their concatenation around the user name; the image's default path names a namespace
 * {@code dev}); {@code NAAS_PROXY_HOST}, its own public host (requests to any other host are looked up as custom
 * domains). {@code SSL} stays unset: TLS ends at the load balancer, not in the proxy.
 */
public final class NaasProxyApp extends NaasServiceApp<ProxySettings> {

    /** The port of the Naas runner in each single-user server. */
    public static final int RUNNER_PORT = 5000;

    public NaasProxyApp() {
        super("proxy", 3002, ProxySettings.class);
    }

    @Override
    public ProxySettings defaultSettings() {
        return ProxySettings.defaults();
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.DATABASE, Need.INGRESS);
    }

    @Override
    public Optional<String> publicHostName(ProxySettings settings) {
        return Optional.of(settings.hostName());
    }

    @Override
    protected Map<String, String> environment(ProxySettings settings, Wiring wiring) {
        return Map.of(
                "HUB_HOST", hubHost(settings.hubHost(), wiring),
                "NAAS_PROXY_HOST", wiring.publicHost(settings.hostName(), servesUserContent()).orElseThrow(),
                "SINGLEUSER_BASE", "http://jupyter-",
                "SINGLEUSER_PATH", ".jupyter-single-user." + wiring.jupyterNamespace() + ".svc.cluster.local",
                "NAAS_PORT", String.valueOf(RUNNER_PORT));
    }
}
