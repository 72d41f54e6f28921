package ai.naas.aws.apps.jupyterhub;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

import java.util.regex.Pattern;

/**
 * The single-user image: Naas's Jupyter image, which runs Jupyter as user {@code ftp} (uid/gid 21, home
 * {@code /home/ftp}) and the Naas runner on port 5000.
 *
 * @param name the image name without its tag: an optional registry host (and port), then lowercase path
 *             components, as {@code docker pull} accepts them. @default {@code jupyternaas/naas}
 * @param tag  the image tag, pinned: {@code latest} is refused, since a moving tag makes every node run
 *             whatever it pulled last. @default {@code 2.6.3}
 */
public record ImageSettings(String name, String tag) {

    /** The image Naas publishes on Docker Hub. */
    public static final String DEFAULT_NAME = "jupyternaas/naas";
    /** The Naas release whose Dockerfile sets user ftp, uid/gid 21 ({@code NAAS_VERSION 2.6.3}). */
    public static final String DEFAULT_TAG = "2.6.3";

    // The reference grammar of the distribution project (reference/regexp.go), lowercase path components.
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?";
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
    private static final Pattern NAME = Pattern.compile(
            "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public ImageSettings {
        name = Settings.orDefault(name, DEFAULT_NAME);
        tag = Settings.orDefault(tag, DEFAULT_TAG);
        if (name.contains("@") || name.matches(".*:[^/]*")) {
            throw new InvalidSetting("name", "must be an image name without a tag or digest, like "
                    + DEFAULT_NAME + " (the tag goes in tag), got '" + name + "'");
        }
        if (name.length() > 255 || !NAME.matcher(name).matches()) {
            throw new InvalidSetting("name", "must be an image name like " + DEFAULT_NAME
                    + " or registry.example.com:5000/team/image (lowercase path), got '" + name + "'");
        }
        if (!TAG.matcher(tag).matches()) {
            throw new InvalidSetting("tag", "must be an image tag like " + DEFAULT_TAG
                    + " (letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-'), got '" + tag + "'");
        }
        if (tag.equals("latest")) {
            throw new InvalidSetting("tag", "must be a pinned version, not 'latest'");
        }
    }

    /** The defaults. */
    public static ImageSettings defaults() {
        return new ImageSettings(null, null);
    }

    /** {@code name:tag}. */
    public String reference() {
        return name + ":" + tag;
    }
}
