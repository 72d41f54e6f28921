package ai.naas.aws.apps.jupyterhub;

import ai.naas.aws.config.ImageReferences;
import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;


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


    public ImageSettings {
        name = Settings.orDefault(name, DEFAULT_NAME);
        tag = Settings.orDefault(tag, DEFAULT_TAG);
        ImageReferences.name("name", name, DEFAULT_NAME);
        ImageReferences.tag("tag", tag, DEFAULT_TAG);
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
