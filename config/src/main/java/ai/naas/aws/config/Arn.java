package ai.naas.aws.config;

import java.util.regex.Pattern;

/**
 * An ARN taken apart: {@code arn:<partition>:<service>:<region>:<account>:<resource>}
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html). Only the form is read here; whether
 * the resource exists is the stack's preflight's job.
 *
 * @param partition {@code aws}, {@code aws-cn}, {@code aws-us-gov}, ...
 * @param service   e.g. {@code iam}, {@code acm}
 * @param region    empty for global services such as IAM
 * @param account   the 12-digit account id
 * @param resource  everything after the account, e.g. {@code role/ops/platform-admin}
 */
public record Arn(String partition, String service, String region, String account, String resource) {

    private static final Pattern ARN = Pattern.compile(
            "arn:(aws(?:-[a-z]+)*):([a-z0-9-]+):([a-z0-9-]*):(\\d{12}):(.+)");

    /**
     * @throws IllegalArgumentException when {@code value} is not an ARN with an account
     */
    public static Arn parse(String value) {
        var m = value == null ? null : ARN.matcher(value);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not an ARN with an account: " + value);
        }
        return new Arn(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
    }

    /**
     * The partition a region belongs to, as AWS's partition table groups them (the {@code regionRegex} of each
     * partition in botocore's {@code endpoints.json}; {@code aws-iso-e} and {@code aws-iso-f} are newer than
     * Debian 12's copy): China, GovCloud and the ISO regions have their own; every other region is {@code aws}.
     */
    public static String partitionOf(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (region.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (region.startsWith("us-isof-")) {
            return "aws-iso-f";
        }
        if (region.startsWith("eu-isoe-")) {
            return "aws-iso-e";
        }
        if (region.startsWith("us-iso-")) {
            return "aws-iso";
        }
        return "aws";
    }

    /** The last segment of the resource: a role's name without its path ({@code platform-admin}). */
    public String resourceName() {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }
}
