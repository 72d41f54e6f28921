package ai.naas.aws.apps.naasservice;

/**
 * Requests and limits of a service's container: {@code resources} in a service's settings. Any figure left out
 * is the service's default; after construction all four are set and every request is at most its limit.
 *
 * @param requests what the scheduler and the cluster-autoscaler reserve. @default the service's
 * @param limits   the most the container may use; above the memory limit it is killed. @default the service's
 */
public record ResourceSettings(Amounts requests, Amounts limits) {

    /** Four figures at once: {@code of("50m", "128Mi", "250m", "256Mi")}. */
    public static ResourceSettings of(String requestCpu, String requestMemory, String limitCpu, String limitMemory) {
        return new ResourceSettings(new Amounts(requestCpu, requestMemory), new Amounts(limitCpu, limitMemory));
    }

    /**
     * CPU and memory, as Kubernetes quantities.
     *
     * @param cpu    cores ({@code 1}, {@code 0.5}) or millicores ({@code 250m}), from {@code 1m} to {@code 32}
     * @param memory bytes with a binary or decimal suffix ({@code 256Mi}, {@code 1Gi}, {@code 500M}), from
     *               {@code 16Mi} to {@code 128Gi}; a lower-case {@code m} (millibytes) is refused
     */
    public record Amounts(String cpu, String memory) {
    }
}
