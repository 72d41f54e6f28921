package ai.naas.aws.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * E-mail subscribers as settings, one rule for every list of them (a stack's alert topic, the account's): plain
 * addresses SNS delivers to. The local part is dot-separated runs of letters, digits and {@code _ % + ' -} (no
 * quoted strings, comments or display names, which RFC 5321 allows and SNS does not take), at most 64 characters;
 * the domain is dotted DNS labels under a letters-only top level; the whole at most 254 characters (RFC 5321's
 * path limit less the angle brackets). Each address once, compared without case.
 */
public final class EmailAddresses {

    private static final String ATOM = "[A-Za-z0-9_%+'-]+";
    private static final Pattern ADDRESS = Pattern.compile(
            ATOM + "(?:\\." + ATOM + ")*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    private EmailAddresses() {
    }

    /** Whether {@code value} is a plain address SNS can deliver to. */
    public static boolean isAddress(String value) {
        return value != null && value.length() <= 254 && ADDRESS.matcher(value).matches()
                && value.indexOf('@') <= 64;
    }

    /**
     * {@code addresses}, each an address and none twice.
     *
     * @throws InvalidSetting naming {@code field[i]} of the first that is not
     */
    public static List<String> distinct(String field, List<String> addresses) {
        for (int i = 0; i < addresses.size(); i++) {
            String address = addresses.get(i);
            if (!isAddress(address)) {
                throw new InvalidSetting(field + "[" + i + "]", "must be an e-mail address like ops@example.com, got '"
                        + address + "'");
            }
            for (int j = 0; j < i; j++) {
                if (addresses.get(j).toLowerCase(Locale.ROOT).equals(address.toLowerCase(Locale.ROOT))) {
                    throw new InvalidSetting(field + "[" + i + "]", "lists '" + address + "' twice: it is already "
                            + field + "[" + j + "]");
                }
            }
        }
        return addresses;
    }
}
