package ai.naas.aws.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Container image names and tags as settings, by the reference grammar of the distribution project
 * ({@code reference/regexp.go}): an optional registry host with port, lower-case path components, and a tag
 * of at most 128 characters. A tag must pin a version: {@code latest} in any case is refused, since it
 * would deploy whatever was pushed last.
 */
public final class ImageReferences {

    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?";
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
    private static final Pattern DOMAIN_PATTERN = Pattern.compile(DOMAIN);
    private static final Pattern PATH = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private ImageReferences() {
    }

    /** {@code name}, which must be an image name without tag or digest; {@code example} shows a good one. */
    public static String name(String field, String name, String example) {
        if (name.contains("@") || name.matches(".*:[^/]*")) {
            throw new InvalidSetting(field, "must be an image name without a tag or digest, like " + example
                    + " (the tag is set on its own), got '" + name + "'");
        }
        if (name.length() > 255 || !isName(name)) {
            throw new InvalidSetting(field, "must be an image name like " + example
                    + " or registry.example.com:5000/team/image (lowercase path), got '" + name + "'");
        }
        return name;
    }

    /**
     * Whether {@code name} is an image name. As Docker reads it, the first component is a registry only if it
     * has a '.' or ':' or is {@code localhost}; otherwise it is part of the lower-case path.
     */
    public static boolean isName(String name) {
        int slash = name.indexOf('/');
        if (slash > 0) {
            String first = name.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                return DOMAIN_PATTERN.matcher(first).matches() && PATH.matcher(name.substring(slash + 1)).matches();
            }
        }
        return PATH.matcher(name).matches();
    }

    /** {@code tag}, which must be a pinned tag; {@code example} shows a good one. */
    public static String tag(String field, String tag, String example) {
        if (!TAG.matcher(tag).matches()) {
            throw new InvalidSetting(field, "must be an image tag like " + example
                    + " (letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-'), got '" + tag + "'");
        }
        if (tag.toLowerCase(Locale.ROOT).equals("latest")) {
            throw new InvalidSetting(field, "must be a pinned version, not '" + tag + "'");
        }
        return tag;
    }
}
