package ai.naas.aws.config;

import java.util.regex.Pattern;

/**
 * AWS region and availability-zone names as settings ({@code eu-west-3}, {@code eu-west-3a}), in every
 * partition's spelling ({@code us-gov-west-1}, {@code cn-north-1}).
 */
public final class AwsRegions {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d");
    private static final Pattern ZONE = Pattern.compile("([a-z]{2}(?:-[a-z]+)+-\\d)[a-z]");

    private AwsRegions() {
    }

    /** Whether {@code value} is spelled like a region. */
    public static boolean isRegion(String value) {
        return value != null && REGION.matcher(value).matches();
    }

    /** {@code value}, which must be spelled like a region. */
    public static String region(String field, String value) {
        if (!isRegion(value)) {
            throw new InvalidSetting(field, "must be an AWS region like eu-west-3, got '" + value + "'");
        }
        return value;
    }

    /** Whether {@code value} is spelled like an availability zone. */
    public static boolean isZone(String value) {
        return value != null && ZONE.matcher(value).matches();
    }

    /** The region of zone {@code zone}, e.g. {@code eu-west-3} for {@code eu-west-3a}. */
    public static String regionOf(String zone) {
        var m = ZONE.matcher(zone);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an availability zone: " + zone);
        }
        return m.group(1);
    }
}
