package ai.naas.aws.apps.naasservice;

import ai.naas.aws.config.InvalidSetting;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU and memory quantities in the subset of Kubernetes' quantity syntax a person writes, parsed to numbers so
 * that a request can be compared with its limit. Anything else is refused with {@link InvalidSetting}, naming the
 * field: Kubernetes itself would accept {@code 128m} of memory (0.128 bytes) and {@code 128} (bytes), neither of
 * which anybody means.
 */
public final class Quantities {

    /** Cores with up to three decimals ({@code 1}, {@code 0.25}), or millicores ({@code 250m}). */
    private static final Pattern CPU = Pattern.compile("([0-9]+(?:\\.[0-9]{1,3})?)|([0-9]+)m");
    /** A number with an optional binary (Ki..Ei) or decimal (k..E) suffix, or the millibyte suffix m, refused. */
    private static final Pattern MEMORY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|m)?");

    private static final Map<String, BigDecimal> MEMORY_UNITS = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
            Map.entry("k", BigDecimal.TEN.pow(3)), Map.entry("M", BigDecimal.TEN.pow(6)),
            Map.entry("G", BigDecimal.TEN.pow(9)), Map.entry("T", BigDecimal.TEN.pow(12)),
            Map.entry("P", BigDecimal.TEN.pow(15)), Map.entry("E", BigDecimal.TEN.pow(18)));

    private static final BigDecimal MIN_CPU_MILLIS = BigDecimal.ONE;
    private static final BigDecimal MAX_CPU_MILLIS = BigDecimal.valueOf(32_000);
    private static final BigDecimal MIN_MEMORY_BYTES = BigDecimal.valueOf(16L << 20);
    private static final BigDecimal MAX_MEMORY_BYTES = BigDecimal.valueOf(128L << 30);

    private Quantities() {
    }

    /**
     * A CPU quantity in millicores.
     *
     * @throws InvalidSetting naming {@code field} unless {@code value} is {@code 1m} to {@code 32} cores
     */
    public static BigDecimal cpuMillis(String field, String value) {
        Matcher m = CPU.matcher(value);
        if (!m.matches()) {
            throw new InvalidSetting(field, "must be a CPU quantity in cores (1, 0.5) or millicores (250m), got '" + value + "'");
        }
        BigDecimal millis = m.group(1) != null ? new BigDecimal(m.group(1)).movePointRight(3) : new BigDecimal(m.group(2));
        if (millis.compareTo(MIN_CPU_MILLIS) < 0 || millis.compareTo(MAX_CPU_MILLIS) > 0) {
            throw new InvalidSetting(field, "must be between 1m and 32 cores, got '" + value + "'");
        }
        return millis;
    }

    /**
     * A memory quantity in bytes.
     *
     * @throws InvalidSetting naming {@code field} unless {@code value} is {@code 16Mi} to {@code 128Gi}
     */
    public static BigDecimal memoryBytes(String field, String value) {
        Matcher m = MEMORY.matcher(value);
        if (!m.matches()) {
            throw new InvalidSetting(field, "must be a memory quantity such as 256Mi or 1Gi, got '" + value + "'");
        }
        String unit = m.group(2) == null ? "" : m.group(2);
        if (unit.equals("m")) {
            throw new InvalidSetting(field, "is in millibytes ('m'); write Mi for mebibytes, e.g. '"
                    + m.group(1) + "Mi', got '" + value + "'");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(MEMORY_UNITS.get(unit));
        if (bytes.compareTo(MIN_MEMORY_BYTES) < 0 || bytes.compareTo(MAX_MEMORY_BYTES) > 0) {
            throw new InvalidSetting(field, "must be between 16Mi and 128Gi, got '" + value + "'"
                    + (unit.isEmpty() ? " (bytes: write Mi or Gi)" : ""));
        }
        return bytes;
    }
}
