package ai.naas.aws.platform.spi;

import com.pulumi.core.Output;

/**
 * Where pods pull an image from. The platform serves some registries' images from a cache of its own (Docker
 * Hub's, through the stack's ECR registry: docs/IMAGES.md), so an app names every image it runs as it is
 * published and runs the reference this gives back. An app never knows the cache, its account or its prefix.
 */
@FunctionalInterface
public interface ImageSource {

    /** Every image pulled from where it is published, as written. */
    ImageSource UPSTREAM = Output::of;

    /**
     * {@code reference} as pods must pull it: a repository with or without {@code :tag} or {@code @digest}, e.g.
     * {@code busybox:1.36.1}, {@code jupyternaas/naas:2.6.3} or, for a chart that takes repository and tag apart,
     * {@code jupyternaas/naas}. The tag and digest are kept; an image the platform does not cache is unchanged.
     */
    Output<String> image(String reference);
}
