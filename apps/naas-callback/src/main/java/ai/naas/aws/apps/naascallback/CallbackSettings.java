package ai.naas.aws.apps.naascallback;

import ai.naas.aws.apps.naasservice.AutoscalingSettings;
import ai.naas.aws.apps.naasservice.Hosts;
import ai.naas.aws.apps.naasservice.ImageSettings;
import ai.naas.aws.apps.naasservice.ResourceSettings;
import ai.naas.aws.apps.naasservice.ServiceDefaults;
import ai.naas.aws.apps.naasservice.ServiceSettings;
import ai.naas.aws.config.Settings;

/**
 * The Naas callback service: config key {@code naas:naas-callback}. Every field may be left out.
 *
 * @param image       the image. @default {@code jupyternaas/callback:1.8.4}
 * @param replicas    replicas when autoscaling is off, 1 to 20. @default 2
 * @param resources   requests and limits. @default requests {@code 50m}/{@code 128Mi}, limits {@code 250m}/{@code 256Mi}
 * @param autoscaling CPU autoscaling. @default off (see {@link AutoscalingSettings})
 * @param hostName    the service's public host under the stack's domain, which outside services post their
 *                    callbacks to ({@code https://<hostName>.<domain>/<uuid>}). @default callback
 * @param hubHost     the hub's public host, which the service asks over HTTPS who a caller is
 *                    ({@code /hub/api/user}). @default {@code hub.<domain>}
 */
public record CallbackSettings(
        ImageSettings image,
        Integer replicas,
        ResourceSettings resources,
        AutoscalingSettings autoscaling,
        String hostName,
        String hubHost) implements ServiceSettings {

    /**
     * The last release in jupyter-naas/callback's CHANGELOG (1.8.4, 2021-03-25); each release tag is pushed to
     * Docker Hub by the repository's deploy_docker workflow.
     */
    static final ServiceDefaults DEFAULTS = ServiceDefaults.of("jupyternaas/callback", "1.8.4",
            ResourceSettings.of("50m", "128Mi", "250m", "256Mi"));

    public CallbackSettings {
        image = DEFAULTS.image(image);
        replicas = DEFAULTS.replicas(replicas);
        resources = DEFAULTS.resources(resources);
        autoscaling = DEFAULTS.autoscaling(autoscaling, replicas);
        hostName = Hosts.label("hostName", Settings.orDefault(hostName, "callback"));
        hubHost = Hosts.optionalHost("hubHost", hubHost);
    }

    /** The defaults. */
    public static CallbackSettings defaults() {
        return new CallbackSettings(null, null, null, null, null, null);
    }
}
