package ai.naas.aws.tools.policy;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workload rules, on Kubernetes workloads as an app registers them and on Helm release values as the
 * platform writes them.
 */
class WorkloadRulesTest {

    private static PlannedResource resource(String type, String name, Map<String, Object> inputs) {
        return new PlannedResource("urn:pulumi:test::naas::" + type + "::" + name, type, name, true, null, null, List.of(),
                false, "id", inputs, Map.of());
    }

    private static PlannedResource deployment(Map<String, Object> podSpec) {
        return resource("kubernetes:apps/v1:Deployment", "web", Map.of("spec", Map.of("template", Map.of("spec", podSpec))));
    }

    private static List<String> broken(PlannedResource... resources) {
        var plan = new Plan("naas", "test", List.of(resources), Map.of());
        return WorkloadRules.all().stream().filter(r -> !r.check(plan).isEmpty()).map(PlanRule::name).toList();
    }

    private static List<Violation> violations(String rule, PlannedResource... resources) {
        var plan = new Plan("naas", "test", List.of(resources), Map.of());
        return WorkloadRules.all().stream().filter(r -> r.name().equals(rule)).findFirst().orElseThrow().check(plan);
    }

    private static final Map<String, Object> HARDENED = Map.of(
            "securityContext", Map.of("runAsNonRoot", true, "runAsUser", 10001L),
            "containers", List.of(Map.of("name", "web", "image", "example/web:1.2.3",
                    "resources", Map.of("requests", Map.of("cpu", "50m", "memory", "64Mi")),
                    "securityContext", Map.of("allowPrivilegeEscalation", false))));

    @Test
    void aNewAppsBareDeploymentBreaksTheRulesAHardenedOneKeeps() {
        var bare = deployment(Map.of("containers", List.of(Map.of("name", "web", "image", "example/web"))));
        assertThat(broken(bare)).containsExactlyInAnyOrder("workload-not-root", "workload-requests", "workload-images-pinned");
        assertThat(broken(deployment(HARDENED))).isEmpty();
    }

    @Test
    void privilegedRootAndHostPathAreEachCaughtWithTheContainersPath() {
        var bad = deployment(Map.of(
                "securityContext", Map.of("runAsNonRoot", true),
                "volumes", List.of(Map.of("name", "docker", "hostPath", Map.of("path", "/var/run/docker.sock"))),
                "initContainers", List.of(Map.of("name", "setup", "image", "busybox:1.36.1", "securityContext", Map.of("runAsUser", 0L),
                        "resources", Map.of("requests", Map.of("cpu", "10m", "memory", "8Mi")))),
                "containers", List.of(Map.of("name", "web", "image", "example/web@sha256:abc",
                        "securityContext", Map.of("privileged", true),
                        "resources", Map.of("requests", Map.of("cpu", "50m", "memory", "64Mi"))))));
        assertThat(violations("workload-not-privileged", bad)).extracting(Violation::problem)
                .containsExactly("spec.template.spec.containers[web]: privileged container");
        assertThat(violations("workload-not-root", bad)).extracting(Violation::problem)
                .containsExactly("spec.template.spec.initContainers[setup]: runs as root");
        assertThat(violations("workload-no-host-path", bad)).extracting(Violation::problem)
                .containsExactly("spec.template.spec.volumes[docker].hostPath: mounts a hostPath");
        assertThat(violations("workload-images-pinned", bad)).isEmpty();
    }

    @Test
    void jobsCronJobsAndPersistentVolumesAreReadToo() {
        var cronJob = resource("kubernetes:batch/v1:CronJob", "nightly", Map.of("spec", Map.of("jobTemplate", Map.of("spec",
                Map.of("template", Map.of("spec", Map.of("containers", List.of(Map.of("name", "run", "image", "example/run:latest")))))))));
        assertThat(violations("workload-images-pinned", cronJob)).extracting(Violation::problem)
                .containsExactly("spec.jobTemplate.spec.template.spec.containers[run]: image not pinned: example/run:latest");
        var volume = resource("kubernetes:core/v1:PersistentVolume", "node-disk", Map.of("spec", Map.of("hostPath", Map.of("path", "/data"))));
        assertThat(violations("workload-no-host-path", volume)).hasSize(1);
    }

    @Test
    void releaseValuesAreJudgedOnWhatTheyAskFor() {
        var release = resource("kubernetes:helm.sh/v3:Release", "tool", Map.of("values", Map.of(
                "image", Map.of("repository", "example/tool"),
                "resources", Map.of("limits", Map.of("memory", "1Gi")),
                "sidecar", Map.of("image", "example/side:latest"),
                "extraInitContainers", List.of(Map.of("name", "init", "image", "busybox:1.36.1", "securityContext",
                        Map.of("runAsUser", 0L, "privileged", true))),
                "persistence", Map.of("hostPath", "/srv"))));
        assertThat(broken(release)).containsExactlyInAnyOrder("workload-not-privileged", "workload-not-root",
                "workload-requests", "workload-images-pinned", "workload-no-host-path");
        assertThat(violations("workload-images-pinned", release)).extracting(Violation::problem).containsExactlyInAnyOrder(
                "values.image: image not pinned: {repository=example/tool}", "values.sidecar.image: image not pinned: example/side:latest");
        assertThat(violations("workload-requests", release)).extracting(Violation::problem).containsExactlyInAnyOrder(
                "values.resources: no CPU and memory requests", "values.extraInitContainers[init]: no CPU and memory requests");
        // A chart's own image, left as the chart pins it, and a tag or digest given by the values, are pinned.
        var pinned = resource("kubernetes:helm.sh/v3:Release", "ok", Map.of("values", Map.of(
                "image", Map.of("tag", "v1.33.3"), "other", Map.of("image", Map.of("name", "x/y", "digest", "sha256:1")),
                "controller", Map.of("image", Map.of("pullPolicy", "IfNotPresent")))));
        assertThat(violations("workload-images-pinned", pinned)).isEmpty();
    }

    @Test
    void theAllowListLetsThroughOnlyTheContainerItNames() {
        var allowed = WorkloadRules.ALLOW_LIST.get(0);
        assertThat(allowed.reason()).isNotBlank();
        var hub = resource("kubernetes:helm.sh/v3:Release", "jupyterhub", Map.of("values", Map.of("singleuser",
                Map.of("initContainers", List.of(Map.of("name", "naas-home", "securityContext", Map.of("runAsUser", 0L)),
                        Map.of("name", "other", "securityContext", Map.of("runAsUser", 0L)))))));
        assertThat(violations("workload-not-root", hub)).extracting(Violation::problem)
                .containsExactly("values.singleuser.initContainers[other].securityContext: runs as root");
        var elsewhere = resource("kubernetes:helm.sh/v3:Release", "another-release", Map.of("values", Map.of("singleuser",
                Map.of("initContainers", List.of(Map.of("name", "naas-home", "securityContext", Map.of("runAsUser", 0L)))))));
        assertThat(violations("workload-not-root", elsewhere)).hasSize(1);
    }
}
