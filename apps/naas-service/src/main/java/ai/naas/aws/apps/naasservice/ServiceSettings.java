package ai.naas.aws.apps.naasservice;

/**
 * What every Naas service's settings record holds, whatever else it adds: the image, the replica count,
 * requests and limits, and autoscaling. Each service binds its own record to {@code naas:<app>} (its defaults,
 * such as the pinned image tag, differ), and every record fills and checks these four fields through
 * {@link ServiceDefaults}, so the shared part reads and fails the same way for all four services.
 *
 * <p>After construction none of these is null.
 */
public interface ServiceSettings {

    /** The image to run, repository and pinned tag. */
    ImageSettings image();

    /** Replicas when autoscaling is off, 1 to 20. */
    Integer replicas();

    /** Requests and limits of the service's container. */
    ResourceSettings resources();

    /** The HorizontalPodAutoscaler, if enabled. */
    AutoscalingSettings autoscaling();
}
