package ai.naas.aws.apps.naasservice;

import ai.naas.aws.config.ImageReferences;
import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One service's defaults for the fields every service's settings share ({@link ServiceSettings}), and the checks
 * of those fields. A service's settings record calls these from its compact constructor, so a value read from
 * stack config is completed with the service's defaults and then checked as a whole (a request against its
 * limit, the autoscaler's floor against its ceiling); every failure is an {@link InvalidSetting} naming the field
 * as it is spelled in config ({@code image.tag}, {@code resources.limits.memory}).
 *
 * @param repository the service's image repository, e.g. {@code jupyternaas/proxy}
 * @param tag        the service's pinned tag, or empty when none is known and stack config must pin one
 * @param resources  the service's requests and limits
 */
public record ServiceDefaults(String repository, Optional<String> tag, ResourceSettings resources) {

    /** @default of {@code replicas}. */
    public static final int REPLICAS = 2;
    /** The most replicas (or autoscaler ceiling) a Naas service may have. */
    public static final int MAX_REPLICAS = 20;
    /** @default of {@code autoscaling.maxReplicas}, unless {@code minReplicas} is larger. */
    public static final int MAX_REPLICAS_WHEN_AUTOSCALING = 5;
    /** @default of {@code autoscaling.targetCpuUtilizationPercentage}. */
    public static final int TARGET_CPU_PERCENT = 75;


    public ServiceDefaults {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(resources, "resources");
        // The defaults pass their own checks, or the service is wrongly written.
        checkRepository("image.repository", repository);
        tag.ifPresent(t -> checkTag("image.tag", t));
        checkResources(resources);
    }

    /** Defaults with a pinned tag and these requests and limits. */
    public static ServiceDefaults of(String repository, String tag, ResourceSettings resources) {
        return new ServiceDefaults(repository, Optional.of(tag), resources);
    }

    /** Defaults for an image no tag of which is known to be good: stack config must pin one. */
    public static ServiceDefaults untagged(String repository, ResourceSettings resources) {
        return new ServiceDefaults(repository, Optional.empty(), resources);
    }

    /**
     * {@code image}, completed: a missing repository is the service's, a missing tag the service's pinned tag
     * (only for the service's own repository).
     */
    public ImageSettings image(ImageSettings given) {
        String givenRepository = given == null ? null : given.repository();
        String givenTag = given == null ? null : given.tag();
        String repo = Settings.orDefault(givenRepository, repository);
        checkRepository("image.repository", repo);
        String t = givenTag;
        if (t == null) {
            if (!repo.equals(repository)) {
                throw new InvalidSetting("image.tag", "is required when image.repository is not " + repository
                        + ": pin a tag of " + repo);
            }
            t = tag.orElseThrow(() -> new InvalidSetting("image.tag", "is required: no tag of " + repository
                    + " is pinned by default; pin the one to run"));
        }
        checkTag("image.tag", t);
        return new ImageSettings(repo, t);
    }

    /** {@code replicas}, 1 to {@value #MAX_REPLICAS}. @default {@value #REPLICAS} */
    public Integer replicas(Integer given) {
        return Settings.inRange("replicas", Settings.orDefault(given, REPLICAS), 1, MAX_REPLICAS);
    }

    /** {@code resources}, each missing figure the service's, each request at most its limit. */
    public ResourceSettings resources(ResourceSettings given) {
        ResourceSettings.Amounts requests = merge(given == null ? null : given.requests(), resources.requests());
        ResourceSettings.Amounts limits = merge(given == null ? null : given.limits(), resources.limits());
        ResourceSettings merged = new ResourceSettings(requests, limits);
        checkResources(merged);
        return merged;
    }

    /**
     * {@code autoscaling}: off by default, its floor {@code replicas}, its ceiling the larger of
     * {@value #MAX_REPLICAS_WHEN_AUTOSCALING} and the floor, its CPU target {@value #TARGET_CPU_PERCENT}%.
     */
    public AutoscalingSettings autoscaling(AutoscalingSettings given, int replicas) {
        AutoscalingSettings g = given == null ? new AutoscalingSettings(null, null, null, null) : given;
        boolean enabled = Settings.orDefault(g.enabled(), false);
        int min = Settings.inRange("autoscaling.minReplicas", Settings.orDefault(g.minReplicas(), replicas), 1, MAX_REPLICAS);
        int max = Settings.inRange("autoscaling.maxReplicas",
                Settings.orDefault(g.maxReplicas(), Math.max(MAX_REPLICAS_WHEN_AUTOSCALING, min)), 1, MAX_REPLICAS);
        if (min > max) {
            throw new InvalidSetting("autoscaling.minReplicas", "must not exceed autoscaling.maxReplicas (" + max
                    + "), got " + min);
        }
        int target = Settings.inRange("autoscaling.targetCpuUtilizationPercentage",
                Settings.orDefault(g.targetCpuUtilizationPercentage(), TARGET_CPU_PERCENT), 10, 100);
        return new AutoscalingSettings(enabled, min, max, target);
    }

    private static ResourceSettings.Amounts merge(ResourceSettings.Amounts given, ResourceSettings.Amounts defaults) {
        if (given == null) {
            return defaults;
        }
        return new ResourceSettings.Amounts(Settings.orDefault(given.cpu(), defaults.cpu()),
                Settings.orDefault(given.memory(), defaults.memory()));
    }

    private static void checkResources(ResourceSettings resources) {
        checkNotAbove("cpu", resources, Quantities::cpuMillis);
        checkNotAbove("memory", resources, Quantities::memoryBytes);
    }

    /** Parses the request and the limit of one resource (naming each field) and checks request <= limit. */
    private static void checkNotAbove(String resource, ResourceSettings resources,
                                      BiFunction<String, String, BigDecimal> parse) {
        String requestField = "resources.requests." + resource;
        String limitField = "resources.limits." + resource;
        String request = resource.equals("cpu") ? resources.requests().cpu() : resources.requests().memory();
        String limit = resource.equals("cpu") ? resources.limits().cpu() : resources.limits().memory();
        BigDecimal requested = parse.apply(requestField, Settings.required(requestField, request));
        BigDecimal limited = parse.apply(limitField, Settings.required(limitField, limit));
        if (requested.compareTo(limited) > 0) {
            throw new InvalidSetting(requestField, "must not exceed " + limitField + " (" + limit + "), got " + request);
        }
    }

    /** An image repository by the shared rule ({@link ImageReferences#name}). */
    static void checkRepository(String field, String repository) {
        ImageReferences.name(field, repository, "jupyternaas/proxy");
    }

    /** A tag by the shared rule ({@link ImageReferences#tag}): one Docker accepts, and one that does not move. */
    static void checkTag(String field, String tag) {
        ImageReferences.tag(field, tag, "1.2.4");
    }
}
