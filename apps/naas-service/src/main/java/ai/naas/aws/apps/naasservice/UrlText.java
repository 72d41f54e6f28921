package ai.naas.aws.apps.naasservice;

import java.nio.charset.StandardCharsets;

/** Text that a Naas service splices into a URL. */
public final class UrlText {

    private UrlText() {
    }

    /**
     * Percent-encodes every byte of {@code text} (UTF-8) but RFC 3986's unreserved characters
     * ({@code A-Z a-z 0-9 - . _ ~}), for the user-info part of a URL that a service builds by string
     * concatenation and parses back with Node's {@code url.parse}, which decodes it again. Unlike
     * {@link java.net.URLEncoder}, a space becomes {@code %20}, not {@code +}.
     */
    public static String percentEncode(String text) {
        var out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
