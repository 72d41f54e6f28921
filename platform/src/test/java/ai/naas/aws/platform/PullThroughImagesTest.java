package ai.naas.aws.platform;

import ai.naas.aws.plan.OfflineEngine;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlausibleCloud;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.resources.CustomResourceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an image is pulled through the cache, in the form of the ECR User Guide's examples
 * (pull-through-cache-working-pulling): {@code <account>.dkr.ecr.<region>.amazonaws.com/docker-hub/library/image_name:tag}
 * for Docker Hub's official images ("the /library prefix must be included"), {@code .../docker-hub/repository_name/image_name:tag}
 * for the others, with the stack's prefix in place of the console's {@code docker-hub}.
 */
class PullThroughImagesTest {

    private static final String CACHE = AppHarness.IMAGE_REGISTRY + "/" + AppHarness.IMAGE_PREFIX;
    private static final List<String> REFERENCES = List.of("busybox:1.36.1", "postgres:16.4-alpine",
            "jupyternaas/naas:2.6.3", "jupyternaas/naas", "docker.io/busybox:1.36.1", "index.docker.io/library/busybox:1.36.1",
            "docker.io/jupyternaas/proxy:1.2.4", "registry-1.docker.io/jupyternaas/proxy:1.2.4",
            "busybox@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa",
            "quay.io/jupyterhub/k8s-hub:4.4.0", "registry.k8s.io/kube-scheduler:v1.33.2",
            "123456789012.dkr.ecr.eu-west-3.amazonaws.com/naas/tool:1");
    private static Plan plan;

    @BeforeAll
    static void resolveEachReference() {
        plan = new OfflineEngine(new PlausibleCloud(AppHarness.REGION)).run("naas", "test", Map.of(), Set.of(), ctx -> {
            var provider = new Provider("k8s", ProviderArgs.builder().kubeconfig("{}").build());
            var images = AppHarness.images();
            for (int i = 0; i < REFERENCES.size(); i++) {
                new ConfigMap("image-" + i, ConfigMapArgs.builder()
                        .data(images.image(REFERENCES.get(i)).applyValue(image -> Map.of("image", image)))
                        .build(), CustomResourceOptions.builder().provider(provider).build());
            }
        });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "busybox:1.36.1, CACHE/library/busybox:1.36.1",
            "postgres:16.4-alpine, CACHE/library/postgres:16.4-alpine",
            "jupyternaas/naas:2.6.3, CACHE/jupyternaas/naas:2.6.3",
            "jupyternaas/naas, CACHE/jupyternaas/naas",
            "docker.io/busybox:1.36.1, CACHE/library/busybox:1.36.1",
            "index.docker.io/library/busybox:1.36.1, CACHE/library/busybox:1.36.1",
            "docker.io/jupyternaas/proxy:1.2.4, CACHE/jupyternaas/proxy:1.2.4",
            "registry-1.docker.io/jupyternaas/proxy:1.2.4, CACHE/jupyternaas/proxy:1.2.4",
            "busybox@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa,"
                    + " CACHE/library/busybox@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa",
            // Other registries are not Docker Hub's: their images are pulled as published.
            "quay.io/jupyterhub/k8s-hub:4.4.0, quay.io/jupyterhub/k8s-hub:4.4.0",
            "registry.k8s.io/kube-scheduler:v1.33.2, registry.k8s.io/kube-scheduler:v1.33.2",
            "123456789012.dkr.ecr.eu-west-3.amazonaws.com/naas/tool:1, 123456789012.dkr.ecr.eu-west-3.amazonaws.com/naas/tool:1",
    })
    void aDockerHubImageIsPulledThroughTheCacheAndAnyOtherAsPublished(String reference, String expected) {
        var resolved = plan.resource("kubernetes:core/v1:ConfigMap", "image-" + REFERENCES.indexOf(reference))
                .requireInput("data.image");
        assertThat(resolved).isEqualTo(expected.replace("CACHE", CACHE));
    }
}
