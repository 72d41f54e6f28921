package ai.naas.aws.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A line-by-line port of the upstream code that turns a JupyterHub user name into names, so that tests can
 * compute each side for any name: {@code kubespawner/slugs.py@7.0.0}, the part of
 * {@code KubeSpawner._expand_user_properties@7.0.0} that derives {@code {username}} and {@code {user_server}},
 * and {@code escapism.escape} as the Naas runner calls it. {@code UserNamesTest} checks this port against the
 * vectors the upstream code produced, so a slip here fails there.
 */
final class UpstreamSlugs {

    private static final Pattern OBJECT = Pattern.compile("^[a-z0-9\\-]+$");
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9.\\-_]+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern NON_ALPHANUM = Pattern.compile("[^a-z0-9]+");
    private static final String ALPHA_LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String ALPHANUM_LOWER = ALPHA_LOWER + "0123456789";
    private static final String ALPHANUM = ALPHANUM_LOWER + ALPHA_LOWER.toUpperCase(Locale.ROOT);
    private static final int HASH_LENGTH = 8;
    /** {@code KubeSpawner._slug_max_length}. */
    static final int SLUG_MAX_LENGTH = 48;

    private UpstreamSlugs() {
    }

    /** {@code is_valid_object_name} (= {@code is_valid_default}). */
    static boolean isValidObjectName(String s) {
        return !s.isEmpty() && s.length() <= 63 && ALPHA_LOWER.indexOf(s.charAt(0)) >= 0
                && ALPHANUM_LOWER.indexOf(s.charAt(s.length() - 1)) >= 0 && OBJECT.matcher(s).matches();
    }

    /** {@code is_valid_label}. */
    static boolean isValidLabel(String s) {
        if (s.isEmpty()) {
            return true;
        }
        return s.length() <= 63 && ALPHANUM.indexOf(s.charAt(0)) >= 0
                && ALPHANUM.indexOf(s.charAt(s.length() - 1)) >= 0 && LABEL.matcher(s).matches();
    }

    /** {@code _extract_safe_name}. Python's {@code str.lower()} then {@code [^a-z0-9]+} on code points. */
    static String extractSafeName(String name, int maxLength) {
        String s = NON_ALPHANUM.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
        s = stripLeading(s);
        s = pySlice(s, maxLength);
        s = stripTrailing(s);
        if (!s.isEmpty() && ALPHA_LOWER.indexOf(s.charAt(0)) < 0) {
            s = "x-" + pySlice(s, maxLength - 2);
        }
        return s.isEmpty() ? "x" : s;
    }

    /** {@code strip_and_hash}. */
    static String stripAndHash(String name, int maxLength) {
        int nameLength = maxLength - (HASH_LENGTH + 3);
        if (nameLength < 1) {
            throw new IllegalArgumentException("Cannot make safe names shorter than " + (HASH_LENGTH + 4));
        }
        String hash = sha256(name.getBytes(StandardCharsets.UTF_8)).substring(0, HASH_LENGTH);
        return extractSafeName(name, nameLength) + "---" + hash;
    }

    /** {@code safe_slug(name, is_valid, max_length)}; {@code maxLength} 0 is Python's {@code None}. */
    static String safeSlug(String name, Predicate<String> isValid, int maxLength) {
        if (name.contains("--")) {
            return stripAndHash(name, maxLength == 0 ? 32 : maxLength);
        }
        if (isValid.test(name) && (maxLength == 0 || name.length() <= maxLength)) {
            return name;
        }
        return stripAndHash(name, maxLength == 0 ? 32 : maxLength);
    }

    /** {@code multi_slug(names, max_length)}. */
    static String multiSlug(List<String> names, int maxLength) {
        var joined = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                joined.write(0xff);
            }
            joined.writeBytes(names.get(i).getBytes(StandardCharsets.UTF_8));
        }
        String hash = sha256(joined.toByteArray()).substring(0, HASH_LENGTH);
        int perName = (maxLength - (HASH_LENGTH + 1)) / names.size();
        int nameMax = perName - 2;
        if (nameMax < 2) {
            throw new IllegalArgumentException("Not enough characters for " + names.size() + " names: " + maxLength);
        }
        var parts = names.stream().map(n -> extractSafeName(n, nameMax)).toList();
        return String.join("--", parts) + "---" + hash;
    }

    /** {@code {username}} (= {@code {safe_username}}) under {@code slug_scheme="safe"}. */
    static String username(String name) {
        return safeSlug(name, UpstreamSlugs::isValidObjectName, SLUG_MAX_LENGTH);
    }

    /** {@code {user_server}} of the default server (no server name) under {@code slug_scheme="safe"}. */
    static String userServer(String name) {
        String safeUsername = username(name);
        if (safeUsername.length() + 2 > SLUG_MAX_LENGTH) {
            return multiSlug(List.of(name, ""), SLUG_MAX_LENGTH);
        }
        return safeUsername;
    }

    /**
     * What {@code template.format(...)} gives, with the final {@code rstrip('-')} KubeSpawner applies to
     * templates that do not end with a dash.
     */
    static String expand(String template, String name) {
        String rendered = template.replace("{username}", username(name)).replace("{user_server}", userServer(name));
        return template.endsWith("-") ? rendered : rendered.replaceAll("-+$", "");
    }

    /** The label {@code hub.jupyter.org/username}: {@code safe_slug(name, is_valid=is_valid_label)}. */
    static String label(String name) {
        return safeSlug(name, UpstreamSlugs::isValidLabel, 0);
    }

    /**
     * {@code escapism.escape(name, safe=set(ascii_letters + digits), escape_char="-")}: what the Naas runner
     * puts, base64-encoded, in the public URL it advertises ({@code naas/runner/proxy.py escape_kubernet}).
     */
    static String runnerEscape(String name) {
        var out = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (c < 128 && ALPHANUM.indexOf(c) >= 0) {
                out.appendCodePoint(c);
            } else {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('-').append(Integer.toHexString(b & 0xff).toUpperCase(Locale.ROOT));
                }
            }
        });
        return out.toString();
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        return s.substring(i);
    }

    private static String stripTrailing(String s) {
        int i = s.length();
        while (i > 0 && s.charAt(i - 1) == '-') {
            i--;
        }
        return s.substring(0, i);
    }

    /** Python's {@code s[:n]} on code points (negative n counts from the end). */
    private static String pySlice(String s, int n) {
        int[] cps = s.codePoints().toArray();
        int end = n >= 0 ? Math.min(n, cps.length) : Math.max(0, cps.length + n);
        return new String(cps, 0, end);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
