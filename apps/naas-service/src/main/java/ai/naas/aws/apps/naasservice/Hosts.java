package ai.naas.aws.apps.naasservice;

import ai.naas.aws.config.DnsNames;
import ai.naas.aws.config.InvalidSetting;

import java.util.regex.Pattern;

/** Checks of host names in services' settings, each throwing {@link InvalidSetting} with the field's name. */
public final class Hosts {

    private static final String LABEL = "[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?";
    private static final Pattern HOST_AND_PORT = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*(?::[0-9]{1,5})?");

    private Hosts() {
    }

    /** One DNS label, such as {@code public} in {@code public.naas.example.com}. */
    public static String label(String field, String value) {
        return DnsNames.label(field, value);
    }

    /** A host name, lower case, optionally with a port: {@code hub.naas.example.com}, {@code smtp.example.com:587}. */
    public static String host(String field, String value) {
        if (value.contains("://") || value.contains("/")) {
            throw new InvalidSetting(field, "must be a host name like hub.naas.example.com, without scheme or path, got '"
                    + value + "'");
        }
        int colon = value.indexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        if (!HOST_AND_PORT.matcher(value).matches() || name.length() > 253
                || (colon >= 0 && Integer.parseInt(value.substring(colon + 1)) > 65535)) {
            throw new InvalidSetting(field, "must be a lower-case host name like hub.naas.example.com, optionally "
                    + "with a port, got '" + value + "'");
        }
        return value;
    }

    /** {@link #host}, or null when not set. */
    public static String optionalHost(String field, String value) {
        return value == null ? null : host(field, value);
    }
}
