package ai.naas.aws.apps.naasproxy;

import ai.naas.aws.apps.naasservice.AutoscalingSettings;
import ai.naas.aws.apps.naasservice.Hosts;
import ai.naas.aws.apps.naasservice.ImageSettings;
import ai.naas.aws.apps.naasservice.ResourceSettings;
import ai.naas.aws.apps.naasservice.ServiceDefaults;
import ai.naas.aws.apps.naasservice.ServiceSettings;
import ai.naas.aws.config.Settings;

/**
 * The Naas proxy: config key {@code naas:naas-proxy}. Every field may be left out.
 *
 * @param image       the image. @default {@code jupyternaas/proxy:1.2.4}
 * @param replicas    replicas when autoscaling is off, 1 to 20. @default 2
 * @param resources   requests and limits. @default requests {@code 100m}/{@code 128Mi}, limits {@code 500m}/{@code 256Mi}
 * @param autoscaling CPU autoscaling. @default off (see {@link AutoscalingSettings})
 * @param hostName    the proxy's public host under the stack's domain: the URLs notebooks publish are
 *                    {@code https://<hostName>.<domain>/...}. @default public
 * @param hubHost     the hub's public host, which the proxy asks over HTTPS who a caller is
 *                    ({@code /hub/api/user}). @default {@code hub.<domain>}
 */
public record ProxySettings(
        ImageSettings image,
        Integer replicas,
        ResourceSettings resources,
        AutoscalingSettings autoscaling,
        String hostName,
        String hubHost) implements ServiceSettings {

    /**
     * The last release in jupyter-naas/proxy's CHANGELOG (1.2.4, 2021-03-26); each release tag is pushed to
     * Docker Hub by the repository's deploy_docker workflow.
     */
    static final ServiceDefaults DEFAULTS = ServiceDefaults.of("jupyternaas/proxy", "1.2.4",
            ResourceSettings.of("100m", "128Mi", "500m", "256Mi"));

    public ProxySettings {
        image = DEFAULTS.image(image);
        replicas = DEFAULTS.replicas(replicas);
        resources = DEFAULTS.resources(resources);
        autoscaling = DEFAULTS.autoscaling(autoscaling, replicas);
        hostName = Hosts.label("hostName", Settings.orDefault(hostName, "public"));
        hubHost = Hosts.optionalHost("hubHost", hubHost);
    }

    /** The defaults. */
    public static ProxySettings defaults() {
        return new ProxySettings(null, null, null, null, null, null);
    }
}
