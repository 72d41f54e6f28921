package ai.naas.aws.platform.spi;

/**
 * What one node of a pool offers pods: its instance type and what the kubelet leaves allocatable, so that an
 * app can refuse a pod that would never fit on any node of the pool.
 *
 * @param instanceType              the EC2 instance type, e.g. {@code r6i.2xlarge}
 * @param allocatableMemoryMiB      memory pods can request on it, in MiB
 * @param allocatableCpuMillicores  CPU pods can request on it, in thousandths of a core
 */
public record NodeCapacity(String instanceType, long allocatableMemoryMiB, long allocatableCpuMillicores) {
}
