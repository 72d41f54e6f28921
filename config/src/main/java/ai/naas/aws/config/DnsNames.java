package ai.naas.aws.config;

import java.util.regex.Pattern;

/**
 * Host names as settings: RFC 1123 names in lower case (what Kubernetes, ACM and Route 53 all accept), each
 * label 1 to 63 letters, digits and inner hyphens, at most 253 characters, the top-level label starting with
 * a letter. Upper case is refused rather than folded, so a stack file says exactly what is deployed.
 */
public final class DnsNames {

    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final Pattern ONE_LABEL = Pattern.compile(LABEL);
    private static final Pattern NAME = Pattern.compile(
            "(?=.{1,253}$)(?:" + LABEL + "\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private DnsNames() {
    }

    /** Whether {@code value} is one label, such as {@code hub} in {@code hub.naas.example.com}. */
    public static boolean isLabel(String value) {
        return value != null && ONE_LABEL.matcher(value).matches();
    }

    /** Whether {@code value} is a fully qualified host or domain name with at least two labels. */
    public static boolean isName(String value) {
        return value != null && NAME.matcher(value).matches();
    }

    /** {@code value}, which must be one label. */
    public static String label(String field, String value) {
        if (!isLabel(value)) {
            throw new InvalidSetting(field, "must be one DNS label: 1 to 63 lower-case letters, digits and '-', "
                    + "not starting or ending with '-', got '" + value + "'");
        }
        return value;
    }

    /** {@code value}, which must be a domain name such as {@code naas.example.com}. */
    public static String name(String field, String value) {
        if (!isName(value)) {
            throw new InvalidSetting(field, "must be a lower case DNS name with at least two labels, like "
                    + "naas.example.com, got '" + value + "'");
        }
        return value;
    }

    /** Whether {@code name} is {@code domain} itself or a name under it. */
    public static boolean isWithin(String name, String domain) {
        return name.equals(domain) || name.endsWith("." + domain);
    }
}
