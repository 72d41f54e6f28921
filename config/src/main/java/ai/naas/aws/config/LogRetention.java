package ai.naas.aws.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CloudWatch Logs retention periods. The API takes any integer but refuses all but these values
 * (PutRetentionPolicy {@code retentionInDays}: "Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180,
 * 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, and 3653",
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html), so a
 * wrong value would pass the plan and fail only in {@code pulumi up}.
 */
public final class LogRetention {

    /** The values CloudWatch Logs accepts, in days, ascending. */
    public static final List<Integer> ALLOWED_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private LogRetention() {
    }

    /**
     * {@code days} if CloudWatch Logs accepts it; otherwise an {@link InvalidSetting} for {@code field} that
     * lists the allowed values and names the closest (both, when two are equally close or it lies between).
     */
    public static int days(String field, int days) {
        if (ALLOWED_DAYS.contains(days)) {
            return days;
        }
        throw new InvalidSetting(field, "must be one of CloudWatch Logs' retention periods ("
                + ALLOWED_DAYS.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + "); closest is " + closest(days) + ", got " + days);
    }

    /** The allowed value(s) around {@code days}: one below and one above, or the nearest end. */
    static String closest(int days) {
        Integer below = null;
        Integer above = null;
        for (int allowed : ALLOWED_DAYS) {
            if (allowed < days) {
                below = allowed;
            } else if (above == null) {
                above = allowed;
            }
        }
        if (below == null) {
            return String.valueOf(above);
        }
        if (above == null) {
            return String.valueOf(below);
        }
        return below + " or " + above;
    }
}
