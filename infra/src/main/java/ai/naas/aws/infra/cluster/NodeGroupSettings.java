package ai.naas.aws.infra.cluster;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One autoscaled worker group.
 *
 * @param instanceTypes EC2 instance types, e.g. {@code m6i.xlarge}; several let the group fall back. Required.
 * @param minSize       the autoscaler's floor; 0 lets the group scale to zero. Required.
 * @param desiredSize   the size at creation; afterwards the autoscaler owns it. @default minSize
 * @param maxSize       the autoscaler's ceiling, at most 100. Required.
 * @param diskSizeGiB   the root volume (gp3, encrypted). @default 50
 */
public record NodeGroupSettings(
        List<String> instanceTypes,
        Integer minSize,
        Integer desiredSize,
        Integer maxSize,
        Integer diskSizeGiB) {

    /** family+generation[+attributes].size, e.g. m6i.xlarge, t3.medium, c7gn.16xlarge, r6id.metal. */
    private static final Pattern INSTANCE_TYPE =
            Pattern.compile("[a-z]+[0-9][a-z0-9-]*\\.(nano|micro|small|medium|large|[1-9][0-9]*xlarge|xlarge|metal(-[0-9]+xl)?)");

    public NodeGroupSettings {
        instanceTypes = Settings.listOf("instanceTypes", Settings.required("instanceTypes", instanceTypes));
        if (instanceTypes.isEmpty()) {
            throw new InvalidSetting("instanceTypes", "must name at least one instance type");
        }
        Settings.each("instanceTypes", instanceTypes, t -> INSTANCE_TYPE.matcher(t).matches(),
                "an EC2 instance type like m6i.xlarge");
        Settings.inRange("minSize", Settings.required("minSize", minSize), 0, 100);
        Settings.inRange("maxSize", Settings.required("maxSize", maxSize), 1, 100);
        desiredSize = Settings.orDefault(desiredSize, minSize);
        if (minSize > maxSize) {
            throw new InvalidSetting("minSize", "must not exceed maxSize (" + maxSize + "), got " + minSize);
        }
        if (desiredSize < minSize || desiredSize > maxSize) {
            throw new InvalidSetting("desiredSize", "must lie between minSize (" + minSize + ") and maxSize ("
                    + maxSize + "), got " + desiredSize);
        }
        diskSizeGiB = Settings.inRange("diskSizeGiB", Settings.orDefault(diskSizeGiB, 50), 20, 16384);
    }
}
