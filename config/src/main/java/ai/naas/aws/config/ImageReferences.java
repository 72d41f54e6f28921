package ai.naas.aws.config;

import java.util.Locale;
import java.util.Set;
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

    /** Docker Hub's name in canonical references ({@code defaultDomain} of distribution/reference). */
    public static final String DOCKER_HUB = "docker.io";
    /**
     * Every domain that is Docker Hub: the canonical one, the legacy Docker Index (which Docker normalises to
     * the canonical one) and the registry's actual host, which Docker keeps as written.
     */
    public static final Set<String> DOCKER_HUB_DOMAINS = Set.of(DOCKER_HUB, "index.docker.io", "registry-1.docker.io");
    /** Where Docker Hub keeps its official images: {@code busybox} is {@code docker.io/library/busybox}. */
    public static final String OFFICIAL_PREFIX = "library/";

    private ImageReferences() {
    }

    /**
     * A reference split as Docker reads it.
     *
     * @param domain the registry, e.g. {@code docker.io} or {@code registry.k8s.io}
     * @param path   the repository within it, e.g. {@code library/busybox} or {@code jupyternaas/naas}
     * @param suffix what follows the name: {@code :tag}, {@code @sha256:...}, both, or nothing
     */
    public record Split(String domain, String path, String suffix) {

        /** Whether the image is pulled from Docker Hub. */
        public boolean isDockerHub() {
            return DOCKER_HUB_DOMAINS.contains(domain);
        }
    }

    /**
     * Splits {@code reference} into registry, repository and tag/digest the way Docker does
     * ({@code splitDockerDomain} in distribution/reference's {@code normalize.go}): the part before the first
     * {@code /} is a registry only if it is {@code localhost}, has a {@code .} or {@code :}, or is not lower case;
     * otherwise the registry is Docker Hub ({@code index.docker.io} is Docker Hub too), where a one-component
     * repository is an official image under {@code library/}.
     */
    public static Split split(String reference) {
        String name = reference;
        String suffix = "";
        int at = name.indexOf('@');
        if (at >= 0) {
            suffix = name.substring(at);
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            suffix = name.substring(colon) + suffix;
            name = name.substring(0, colon);
        }
        int slash = name.indexOf('/');
        String domain;
        String path;
        if (slash < 0) {
            domain = DOCKER_HUB;
            path = name;
        } else {
            String first = name.substring(0, slash);
            String rest = name.substring(slash + 1);
            if (first.equals("localhost") || first.contains(".") || first.contains(":")
                    || !first.toLowerCase(Locale.ROOT).equals(first)) {
                domain = first.equals("index.docker.io") ? DOCKER_HUB : first;
                path = rest;
            } else {
                domain = DOCKER_HUB;
                path = name;
            }
        }
        if (DOCKER_HUB_DOMAINS.contains(domain) && !path.contains("/")) {
            path = OFFICIAL_PREFIX + path;
        }
        return new Split(domain, path, suffix);
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
