package ai.naas.aws.environments;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes layer and the apps are wired to the AWS layer in one graph: what the releases are told is
 * what the infra resources are.
 */
@SuppressWarnings("unchecked")
class PlatformAndAppsTest {

    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static Plan plan;

    @BeforeAll
    static void planProd() {
        plan = StackPlans.of("prod");
    }

    private static Map<String, Object> values(String release) {
        return (Map<String, Object>) plan.ofType(RELEASE).stream().filter(r -> r.name().endsWith(release))
                .findFirst().orElseThrow().requireInput("values");
    }

    private static Object at(Map<String, Object> values, String... path) {
        Object current = values;
        for (String key : path) {
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }

    @Test
    void theHubsDatabaseIsTheRdsInstance() {
        var rds = plan.ofType("aws:rds/instance:Instance").get(0);
        String url = (String) at(values("jupyterhub"), "hub", "db", "url");
        assertThat(url).contains("@" + rds.output("address").orElseThrow() + ":5432/jupyterhub").doesNotContain("password");
    }

    @Test
    void theHubsHomesAreTheSharedFileSystem() {
        var fs = plan.ofType("aws:efs/fileSystem:FileSystem").get(0);
        var storage = (Map<String, Object>) at(values("jupyterhub"), "singleuser", "storage");
        String claimName = (String) at(storage, "static", "pvcName");
        assertThat(at(storage, "static", "subPath")).isEqualTo("home/{username}");
        var claim = plan.ofType("kubernetes:core/v1:PersistentVolumeClaim").stream()
                .filter(c -> c.requireInput("metadata.namespace").equals("jupyter")
                        && c.requireInput("metadata.name").equals(claimName)).findFirst().orElseThrow();
        var volume = plan.ofType("kubernetes:core/v1:PersistentVolume").stream()
                .filter(v -> v.requireInput("metadata.name").equals(claim.requireInput("spec.volumeName"))).findFirst().orElseThrow();
        assertThat(volume.requireInput("spec.csi.volumeHandle")).isEqualTo(fs.id());
    }

    @Test
    void userServersGoWhereTheJupyterGroupsLabelAndTaintSay() {
        var jupyter = plan.resource("aws:eks/nodeGroup:NodeGroup", "naas-prod-jupyter");
        var singleuser = (Map<String, Object>) values("jupyterhub").get("singleuser");
        assertThat(singleuser.get("nodeSelector")).isEqualTo(jupyter.requireInput("labels"));
        var taint = (Map<String, Object>) jupyter.requireInput("taints.0");
        assertThat((List<Map<String, Object>>) singleuser.get("extraTolerations")).singleElement().satisfies(t -> {
            assertThat(t.get("key")).isEqualTo(taint.get("key"));
            assertThat(t.get("value")).isEqualTo(taint.get("value"));
            assertThat(t.get("effect").toString().toUpperCase().replace("NOSCHEDULE", "NO_SCHEDULE")).isEqualTo(taint.get("effect"));
        });
        var naas = plan.resource("aws:eks/nodeGroup:NodeGroup", "naas-prod-naas");
        assertThat(at(values("jupyterhub"), "hub", "nodeSelector")).isEqualTo(naas.requireInput("labels"));
    }

    @Test
    void clusterAutoscalerScalesThisClusterInThisRegionWithItsOwnRole() throws Exception {
        var values = values("cluster-autoscaler");
        var cluster = plan.ofType("aws:eks/cluster:Cluster").get(0);
        assertThat(at(values, "autoDiscovery", "clusterName")).isEqualTo(cluster.output("name").orElseThrow());
        assertThat(values.get("awsRegion")).isEqualTo("eu-west-3");
        var annotations = (Map<String, Object>) at(values, "rbac", "serviceAccount", "annotations");
        var roleArn = annotations.get("eks.amazonaws.com/role-arn");
        var role = plan.ofType("aws:iam/role:Role").stream()
                .filter(r -> roleArn.equals(r.output("arn").orElse(null))).findFirst().orElseThrow();
        JsonNode trust = new ObjectMapper().readTree((String) role.requireInput("assumeRolePolicy"));
        assertThat(trust.toString()).contains("system:serviceaccount:kube-system:cluster-autoscaler");
    }

    @Test
    void everyReleaseWaitsForBothNodeGroups() {
        var groups = plan.ofType("aws:eks/nodeGroup:NodeGroup");
        assertThat(groups).hasSize(2);
        assertThat(plan.ofType(RELEASE)).hasSizeGreaterThanOrEqualTo(7).allSatisfy(release ->
                assertThat(groups).allSatisfy(group -> assertThat(plan.waitsFor(release, group))
                        .as(release.name() + " waits for " + group.name()).isTrue()));
    }

    @Test
    void appsWaitForTheirDatabaseToBeCreated() {
        var job = plan.ofType("kubernetes:batch/v1:Job").get(0);
        for (String app : List.of("jupyterhub", "naas-proxy", "naas-notifications", "naas-callback")) {
            var release = plan.ofType(RELEASE).stream().filter(r -> r.name().equals(app)).findFirst().orElseThrow();
            assertThat(plan.waitsFor(release, job)).as(app).isTrue();
        }
    }

    @Test
    void disablingAnAppRemovesExactlyItsResources() {
        var without = StackPlans.of("prod", Map.of("naas:apps", "[\"jupyterhub\",\"naas-proxy\",\"naas-notifications\"]"));
        Set<String> before = plan.resources().stream().map(PlannedResource::urn).collect(Collectors.toSet());
        Set<String> after = without.resources().stream().map(PlannedResource::urn).collect(Collectors.toSet());
        var app = plan.resource("naas:apps:App", "naas-callback");
        Set<String> its = plan.descendantsOf(app).stream().map(PlannedResource::urn).collect(Collectors.toSet());
        its.add(app.urn());

        assertThat(after).isSubsetOf(before);
        assertThat(before.stream().filter(u -> !after.contains(u)).collect(Collectors.toSet())).isEqualTo(its);
        assertThat(its).anyMatch(u -> u.endsWith("Release::naas-callback"));
    }

    @Test
    void noSecretValueReachesThePlan() throws Exception {
        String json = new ObjectMapper().writeValueAsString(plan);
        assertThat(json).doesNotContain("offline-plan-placeholder", "AAABAHBsYWNlaG9sZGVy");
        assertThat(plan.ofType(RELEASE)).allSatisfy(r -> assertThat(r.requireInput("values")).isInstanceOf(Map.class));
    }
}
