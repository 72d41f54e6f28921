package ai.naas.aws.apps.naasservice;

/**
 * A HorizontalPodAutoscaler on CPU: {@code autoscaling} in a service's settings. When enabled it owns the
 * replica count and {@code replicas} is ignored.
 *
 * @param enabled                         whether the service autoscales. @default false
 * @param minReplicas                     the autoscaler's floor, 1 to 20. @default {@code replicas}
 * @param maxReplicas                     the autoscaler's ceiling, 1 to 20, at least {@code minReplicas}.
 *                                        @default the larger of 5 and {@code minReplicas}
 * @param targetCpuUtilizationPercentage  average CPU use, in percent of the CPU request, that the autoscaler
 *                                        aims at, 10 to 100. @default 75
 */
public record AutoscalingSettings(
        Boolean enabled,
        Integer minReplicas,
        Integer maxReplicas,
        Integer targetCpuUtilizationPercentage) {
}
