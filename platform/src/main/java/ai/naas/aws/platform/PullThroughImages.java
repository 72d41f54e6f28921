package ai.naas.aws.platform;

import ai.naas.aws.config.ImageReferences;
import ai.naas.aws.infra.images.ImageCache;
import ai.naas.aws.platform.spi.ImageSource;
import com.pulumi.core.Output;

import java.util.Objects;

/**
 * The platform's {@link ImageSource}: a Docker Hub image (as Docker reads the reference, so {@code busybox},
 * {@code docker.io/busybox} and {@code index.docker.io/library/busybox} alike) is pulled through the stack's
 * pull-through cache as {@code <registry>/<prefix>/<path><:tag|@digest>}, an official image with its
 * {@code library/} path, as ECR requires ("For Docker Hub official images, the /library prefix must be included",
 * ECR User Guide, pull-through-cache-working-pulling). Other registries' images are unchanged.
 *
 * @param registry the cache's registry, {@code <account>.dkr.ecr.<region>.amazonaws.com}: an output of the cache's
 *                 rule, so whatever runs a cached image waits for the rule
 * @param prefix   the cache's repository prefix
 */
public record PullThroughImages(Output<String> registry, String prefix) implements ImageSource {

    public PullThroughImages {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(prefix, "prefix");
    }

    /** The images of {@code cache}. */
    public static PullThroughImages of(ImageCache cache) {
        return new PullThroughImages(cache.registry(), cache.prefix());
    }

    @Override
    public Output<String> image(String reference) {
        var split = ImageReferences.split(reference);
        if (!split.isDockerHub()) {
            return Output.of(reference);
        }
        return registry.applyValue(host -> host + "/" + prefix + "/" + split.path() + split.suffix());
    }
}
