package ai.naas.aws.environments;

import ai.naas.aws.apps.naasservice.ChartRenderer;
import ai.naas.aws.config.ImageReferences;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No pod of either stack pulls from Docker Hub: every image field of the plan (each workload's pod spec, each Helm
 * release's values, and the pods the Naas services' chart renders from its releases' values with Helm) names a
 * registry that Docker, reading the reference, does not take for Docker Hub ({@link ImageReferences#split}, Docker's
 * own rule). The Docker Hub images the stacks run come from the stack's own pull-through cache, and what pulls them
 * waits for the cache. Not seen here: the images a remote chart (Zero to JupyterHub, the add-ons) sets by default
 * for what the values leave alone, which an offline run cannot render; docs/IMAGES.md lists them.
 */
class ImageSourcesTest {

    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noImageOfTheStackIsPulledFromDockerHub(String stack) {
        Map<String, String> images = images(StackPlans.of(stack));

        assertThat(images).hasSizeGreaterThanOrEqualTo(6);
        assertThat(images).allSatisfy((where, reference) -> assertThat(ImageReferences.split(reference).isDockerHub())
                .as("%s pulls %s from Docker Hub", where, reference).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theDockerHubImagesComeFromTheStacksOwnCache(String stack) {
        Plan plan = StackPlans.of(stack);
        String cache = plan.outputs().get("imageRegistry") + "/naas-" + stack + "-docker-hub/";
        Map<String, String> images = images(plan);

        assertThat(plan.outputs().get("imageRegistry")).isEqualTo("123456789012.dkr.ecr.eu-west-3.amazonaws.com");
        // Official images under library/, organisations' under their name (ECR User Guide, pull-through-cache-working-pulling).
        assertThat(images.values()).contains(cache + "library/postgres:16.4-alpine", cache + "library/busybox:1.36.1",
                cache + "jupyternaas/naas:2.6.3");
        var services = images.entrySet().stream().filter(e -> e.getKey().contains(" rendered "))
                .map(Map.Entry::getValue).toList();
        assertThat(services).hasSize(3).allSatisfy(image -> assertThat(image).startsWith(cache + "jupyternaas/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void whatPullsThroughTheCacheWaitsForTheRuleTheTemplateAndTheNodesPermission(String stack) {
        Plan plan = StackPlans.of(stack);
        String cache = "naas-" + stack + "-images";
        var rule = plan.resource("aws:ecr/pullThroughCacheRule:PullThroughCacheRule", cache + "-docker-hub");
        var template = plan.resource("aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate", cache + "-docker-hub");
        var nodes = plan.resource("aws:iam/rolePolicy:RolePolicy", cache + "-nodes-pull-through");

        String registry = (String) plan.outputs().get("imageRegistry");
        Map<String, String> images = images(plan);
        var pullers = new ArrayList<PlannedResource>();
        for (PlannedResource resource : plan.resources()) {
            if (images.entrySet().stream().anyMatch(e -> e.getKey().startsWith(label(resource) + " ")
                    && e.getValue().startsWith(registry + "/"))) {
                pullers.add(resource);
            }
        }
        // The database bootstrap Job, JupyterHub and the three Naas services.
        assertThat(pullers).hasSize(5).allSatisfy(puller -> {
            assertThat(plan.waitsFor(puller, rule)).as(puller.name()).isTrue();
            assertThat(plan.waitsFor(puller, template)).as(puller.name()).isTrue();
            assertThat(plan.waitsFor(puller, nodes)).as(puller.name()).isTrue();
        });
    }

    /** Every image the plan names, by where it is named. */
    static Map<String, String> images(Plan plan) {
        var images = new TreeMap<String, String>();
        for (PlannedResource resource : plan.resources()) {
            if (resource.type().equals(RELEASE)) {
                Object values = resource.input("values").orElse(Map.of());
                collect(label(resource) + " values", values, images);
                if (String.valueOf(resource.input("chart").orElse("")).endsWith("naas-service")) {
                    rendered(resource, images);
                }
            } else if (resource.type().startsWith("kubernetes:") && resource.input("spec").isPresent()) {
                collect(label(resource) + " spec", resource.requireInput("spec"), images);
            }
        }
        return images;
    }

    /** A resource by type and name, e.g. {@code kubernetes:batch/v1:Job naas-prod-database-bootstrap}. */
    private static String label(PlannedResource resource) {
        return resource.type() + " " + resource.name();
    }

    /** The pods the Naas services' chart renders from the release's planned values, with Helm. */
    @SuppressWarnings("unchecked")
    private static void rendered(PlannedResource release, Map<String, String> images) {
        String namespace = (String) release.requireInput("namespace");
        var manifests = ChartRenderer.forChart("naas-service").forKubernetes("1.33.0").inNamespace(namespace)
                .template((String) release.requireInput("name"), (Map<String, Object>) release.requireInput("values"));
        manifests.objects().forEach(object -> collect(label(release) + " rendered " + object.path("kind").asText(),
                JSON.convertValue(object, Map.class), images));
    }

    /** Each {@code image} field under {@code node}: a reference, or a map of repository (or name), tag and digest. */
    private static void collect(String path, Object node, Map<String, String> images) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String at = path + "." + key;
                if ("image".equals(key)) {
                    reference(value).ifPresent(reference -> images.put(at, reference));
                }
                collect(at, value, images);
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(path + "[" + i + "]", list.get(i), images);
            }
        }
    }

    private static java.util.Optional<String> reference(Object image) {
        if (image instanceof String reference) {
            return java.util.Optional.of(reference);
        }
        if (image instanceof Map<?, ?> map) {
            Object repository = map.containsKey("repository") ? map.get("repository") : map.get("name");
            if (repository instanceof String name) {
                String tag = map.get("tag") instanceof String t && !t.isBlank() ? ":" + t : "";
                String digest = map.get("digest") instanceof String d && !d.isBlank() ? "@" + d : "";
                return java.util.Optional.of(name + tag + digest);
            }
        }
        // A map that names no repository keeps the chart's default image, which only the chart knows.
        return java.util.Optional.empty();
    }
}
