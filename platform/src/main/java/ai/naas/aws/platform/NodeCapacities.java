package ai.naas.aws.platform;

import ai.naas.aws.platform.spi.NodeCapacity;

import java.util.Map;
import java.util.Optional;

/**
 * What a node of a given EC2 instance type leaves for pods, for the instance types the stacks use and their
 * neighbours: vCPUs and memory from the EC2 instance type specifications, maximum pods from the EKS AMI's
 * {@code eni-max-pods.txt} (VPC CNI without prefix delegation), and the EKS AMI's reservations: kube-reserved
 * memory {@code 255 MiB + 11 MiB x max pods}, the eviction threshold 100 MiB, kube-reserved CPU 6% of the first
 * core, 1% of the second, 0.5% of the third and fourth, 0.25% of the rest. On top of that it keeps an allowance
 * for what the kernel takes from the nominal memory (4%) and for the DaemonSets every node runs (aws-node,
 * kube-proxy, the EFS CSI node plugin: 256 MiB, 150m). An approximation meant to refuse what can never fit, not
 * to predict packing: unknown instance types are not checked.
 */
public final class NodeCapacities {

    /** vCPUs, memory in GiB, maximum pods. */
    private record Shape(int vcpus, int memoryGiB, int maxPods) {
    }

    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            Map.entry("t3.large", new Shape(2, 8, 35)),
            Map.entry("t3.xlarge", new Shape(4, 16, 58)),
            Map.entry("t3.2xlarge", new Shape(8, 32, 58)),
            Map.entry("m5.large", new Shape(2, 8, 29)),
            Map.entry("m5.xlarge", new Shape(4, 16, 58)),
            Map.entry("m5.2xlarge", new Shape(8, 32, 58)),
            Map.entry("m6i.large", new Shape(2, 8, 29)),
            Map.entry("m6i.xlarge", new Shape(4, 16, 58)),
            Map.entry("m6i.2xlarge", new Shape(8, 32, 58)),
            Map.entry("m6i.4xlarge", new Shape(16, 64, 234)),
            Map.entry("r5.large", new Shape(2, 16, 29)),
            Map.entry("r5.xlarge", new Shape(4, 32, 58)),
            Map.entry("r5.2xlarge", new Shape(8, 64, 58)),
            Map.entry("r5.4xlarge", new Shape(16, 128, 234)),
            Map.entry("r6i.large", new Shape(2, 16, 29)),
            Map.entry("r6i.xlarge", new Shape(4, 32, 58)),
            Map.entry("r6i.2xlarge", new Shape(8, 64, 58)),
            Map.entry("r6i.4xlarge", new Shape(16, 128, 234)));

    private static final long DAEMONSET_MEMORY_MIB = 256;
    private static final long DAEMONSET_CPU_MILLICORES = 150;

    private NodeCapacities() {
    }

    /** What a node of {@code instanceType} leaves for pods, if the type is known. */
    public static Optional<NodeCapacity> of(String instanceType) {
        return Optional.ofNullable(SHAPES.get(instanceType)).map(shape -> {
            long memory = shape.memoryGiB() * 1024L * 96 / 100;
            long reservedMemory = 255 + 11L * shape.maxPods() + 100 + DAEMONSET_MEMORY_MIB;
            long cpu = shape.vcpus() * 1000L;
            return new NodeCapacity(instanceType, memory - reservedMemory, cpu - reservedCpu(shape.vcpus()) - DAEMONSET_CPU_MILLICORES);
        });
    }

    private static long reservedCpu(int vcpus) {
        double reserved = 60;
        if (vcpus >= 2) {
            reserved += 10;
        }
        reserved += 5 * Math.min(2, Math.max(0, vcpus - 2));
        reserved += 2.5 * Math.max(0, vcpus - 4);
        return Math.round(reserved);
    }
}
