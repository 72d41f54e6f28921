package ai.naas.aws.apps.jupyterhub;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;
import ai.naas.aws.platform.spi.NodeCapacity;

import java.util.List;

/**
 * What each user's server is guaranteed and may use at most. The guarantees are the pod's requests, so
 * they are what the cluster autoscaler and the user scheduler pack jupyter nodes by. The guarantees must fit
 * on every instance type of the jupyter node group ({@link #checkFits}, when the app is deployed).
 *
 * @param cpuGuaranteeMillicores CPU reserved for each server, in thousandths of a core, 10 to 64000.
 *                               @default 500
 * @param cpuLimitMillicores     CPU a server may use at most, at least the guarantee, at most 64000.
 *                               @default 2000
 * @param memoryGuaranteeMiB     memory reserved for each server, in MiB, 128 to 524288. @default 1024
 * @param memoryLimitMiB         memory a server may use before it is killed, at least the guarantee, at
 *                               most 524288. @default 4096
 */
public record UserResources(
        Integer cpuGuaranteeMillicores,
        Integer cpuLimitMillicores,
        Integer memoryGuaranteeMiB,
        Integer memoryLimitMiB) {

    public UserResources {
        cpuGuaranteeMillicores = Settings.inRange("cpuGuaranteeMillicores",
                Settings.orDefault(cpuGuaranteeMillicores, 500), 10, 64_000);
        cpuLimitMillicores = Settings.inRange("cpuLimitMillicores", Settings.orDefault(cpuLimitMillicores, 2000), 10, 64_000);
        memoryGuaranteeMiB = Settings.inRange("memoryGuaranteeMiB", Settings.orDefault(memoryGuaranteeMiB, 1024), 128, 524_288);
        memoryLimitMiB = Settings.inRange("memoryLimitMiB", Settings.orDefault(memoryLimitMiB, 4096), 128, 524_288);
        if (cpuLimitMillicores < cpuGuaranteeMillicores) {
            throw new InvalidSetting("cpuLimitMillicores", "must be at least cpuGuaranteeMillicores ("
                    + cpuGuaranteeMillicores + "), got " + cpuLimitMillicores);
        }
        if (memoryLimitMiB < memoryGuaranteeMiB) {
            throw new InvalidSetting("memoryLimitMiB", "must be at least memoryGuaranteeMiB ("
                    + memoryGuaranteeMiB + "), got " + memoryLimitMiB);
        }
    }

    /**
     * Checks that one server fits on a node of every instance type the jupyter pool may launch: a guarantee no
     * node can hold leaves the server pending forever and the autoscaler adding nodes it cannot use.
     *
     * @throws InvalidSetting naming the guarantee that does not fit, the instance type, and what it can hold
     */
    public void checkFits(List<NodeCapacity> nodes) {
        for (var node : nodes) {
            if (memoryGuaranteeMiB > node.allocatableMemoryMiB()) {
                throw new InvalidSetting("memoryGuaranteeMiB", "must fit on a jupyter node: " + node.instanceType()
                        + " leaves about " + node.allocatableMemoryMiB() + " MiB to pods, got " + memoryGuaranteeMiB);
            }
            if (cpuGuaranteeMillicores > node.allocatableCpuMillicores()) {
                throw new InvalidSetting("cpuGuaranteeMillicores", "must fit on a jupyter node: " + node.instanceType()
                        + " leaves about " + node.allocatableCpuMillicores() + " millicores to pods, got "
                        + cpuGuaranteeMillicores);
            }
        }
    }

    /** The defaults. */
    public static UserResources defaults() {
        return new UserResources(null, null, null, null);
    }
}
