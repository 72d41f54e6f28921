package ai.naas.aws.config;

import java.util.List;
import java.util.function.Predicate;

/**
 * Small checks that settings records share, each throwing {@link InvalidSetting} with the field's name.
 */
public final class Settings {

    private Settings() {
    }

    /** {@code value}, or {@code fallback} when it was not set. */
    public static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** {@code value}, which must be set. */
    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidSetting(field, "is required but not set");
        }
        return value;
    }

    /** An immutable copy of a list that may be absent (empty then), with no null items. */
    public static <T> List<T> listOf(String field, List<T> values) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidSetting(field + "[" + i + "]", "must not be empty");
            }
        }
        return List.copyOf(values);
    }

    /** Checks {@code min <= value <= max}. */
    public static int inRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidSetting(field, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** Checks every item of a list, naming the first bad one by index. */
    public static <T> void each(String field, List<T> values, Predicate<T> ok, String expectation) {
        for (int i = 0; i < values.size(); i++) {
            if (!ok.test(values.get(i))) {
                throw new InvalidSetting(field + "[" + i + "]", "must be " + expectation + ", got '" + values.get(i) + "'");
            }
        }
    }
}
