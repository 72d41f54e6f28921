package ai.naas.aws.apps.naasscreenshot;

import ai.naas.aws.apps.naasservice.AutoscalingSettings;
import ai.naas.aws.apps.naasservice.ImageSettings;
import ai.naas.aws.apps.naasservice.ResourceSettings;
import ai.naas.aws.apps.naasservice.ServiceDefaults;
import ai.naas.aws.apps.naasservice.ServiceSettings;

/**
 * The Naas screenshot service: config key {@code naas:naas-screenshot}. {@code image.tag} is required: no
 * released tag of {@code jupyternaas/screenshot} could be checked (its source is not public with the others), so
 * none is pinned here; pin the one you run.
 *
 * @param image       the image. @default repository {@code jupyternaas/screenshot}; the tag is required
 * @param replicas    replicas when autoscaling is off, 1 to 20. @default 2
 * @param resources   requests and limits; a headless browser needs more than the other services.
 *                    @default requests {@code 250m}/{@code 512Mi}, limits {@code 1}/{@code 1Gi}
 * @param autoscaling CPU autoscaling. @default off (see {@link AutoscalingSettings})
 */
public record ScreenshotSettings(
        ImageSettings image,
        Integer replicas,
        ResourceSettings resources,
        AutoscalingSettings autoscaling) implements ServiceSettings {

    static final ServiceDefaults DEFAULTS = ServiceDefaults.untagged("jupyternaas/screenshot",
            ResourceSettings.of("250m", "512Mi", "1", "1Gi"));

    public ScreenshotSettings {
        image = DEFAULTS.image(image);
        replicas = DEFAULTS.replicas(replicas);
        resources = DEFAULTS.resources(resources);
        autoscaling = DEFAULTS.autoscaling(autoscaling, replicas);
    }

    /** Refused: {@code image.tag} must be pinned in stack config. */
    public static ScreenshotSettings defaults() {
        return new ScreenshotSettings(null, null, null, null);
    }
}
