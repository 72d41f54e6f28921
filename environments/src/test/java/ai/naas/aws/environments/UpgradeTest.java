package ai.naas.aws.environments;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import ai.naas.aws.platform.addons.ClusterAutoscaler;
import ai.naas.aws.platform.addons.ClusterObservability;
import ai.naas.aws.platform.addons.IngressController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Upgrades with a plan: one setting moves the cluster one Kubernetes minor (control plane, add-ons pinned to
 * the minor, node groups, cluster-autoscaler), or the database one PostgreSQL major; comparing the offline
 * plans before and after shows exactly what changes, and jumps the services refuse are refused in config.
 */
class UpgradeTest {

    /** The resources whose inputs differ between two plans of the same stack; neither plan adds or removes any. */
    private static Set<String> changed(Plan before, Plan after) {
        Map<String, PlannedResource> old = before.resources().stream()
                .collect(Collectors.toMap(PlannedResource::urn, Function.identity()));
        assertThat(after.resources()).extracting(PlannedResource::urn).containsExactlyInAnyOrderElementsOf(old.keySet());
        return after.resources().stream().filter(r -> !r.inputs().equals(old.get(r.urn()).inputs()))
                .map(r -> r.type() + " " + r.name()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Plan dev(String version, String upgradeFrom) {
        var fields = new java.util.HashMap<String, String>();
        fields.put("kubernetesVersion", "\"" + version + "\"");
        if (upgradeFrom != null) {
            fields.put("upgradeFrom", "\"" + upgradeFrom + "\"");
        }
        return StackPlans.of("dev", OperationsConfig.with("dev", "naas:cluster", fields));
    }

    @Test
    void oneMinorUpChangesTheControlPlaneTheNodeGroupsAndTheAddOnsPinnedToTheMinorAndNothingElse() {
        var before = dev("1.32", null);
        var after = dev("1.33", "1.32");
        var expected = new TreeSet<>(Set.of(
                "aws:eks/cluster:Cluster naas-dev",
                "aws:eks/nodeGroup:NodeGroup naas-dev-naas",
                "aws:eks/nodeGroup:NodeGroup naas-dev-jupyter",
                "kubernetes:helm.sh/v3:Release naas-dev-cluster-autoscaler",
                // The hub's user scheduler is a kube-scheduler of the cluster's own minor.
                "kubernetes:helm.sh/v3:Release jupyterhub"));
        if (!IngressController.chart(32).equals(IngressController.chart(33))) {
            expected.add("kubernetes:helm.sh/v3:Release naas-dev-ingress");
        }
        if (!ClusterObservability.versionFor(32).equals(ClusterObservability.versionFor(33))) {
            expected.add("aws:eks/addon:Addon naas-dev-observability");
        }
        assertThat(changed(before, after)).isEqualTo(expected);

        var hub = after.resource("kubernetes:helm.sh/v3:Release", "jupyterhub");
        assertThat(String.valueOf(hub.requireInput("values.scheduling.userScheduler.image.tag"))).contains("1.33");
        assertThat(before.byUrn(hub.urn()).requireInput("values.scheduling.userScheduler.image.tag"))
                .isNotEqualTo(hub.requireInput("values.scheduling.userScheduler.image.tag"));
        var cluster = after.ofType("aws:eks/cluster:Cluster").get(0);
        assertThat(cluster.requireInput("version")).isEqualTo("1.33");
        var autoscaler = after.resource("kubernetes:helm.sh/v3:Release", "naas-dev-cluster-autoscaler");
        assertThat(autoscaler.requireInput("values.image.tag")).isEqualTo(ClusterAutoscaler.versionFor(33).imageTag());
        assertThat(autoscaler.requireInput("version")).isEqualTo(ClusterAutoscaler.versionFor(33).chartVersion());
        for (var group : after.ofType("aws:eks/nodeGroup:NodeGroup")) {
            assertThat(group.requireInput("version")).isEqualTo("1.33");
            assertThat(after.waitsFor(group, cluster)).as("nodes follow the control plane").isTrue();
            assertThat(after.waitsFor(autoscaler, group)).as("the autoscaler's image follows the nodes").isTrue();
        }
        for (var addon : after.ofType("aws:eks/addon:Addon")) {
            assertThat(after.waitsFor(addon, cluster)).as(addon.name()).isTrue();
        }
        assertThat(after.outputs().get("kubernetesVersion")).isEqualTo("1.33");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.34|1.32|naas:cluster.kubernetesVersion: EKS upgrades one minor at a time: the cluster runs 1.32, so the next version is 1.33, got 1.34 (upgrade to 1.33 first, then on)",
            "1.32|1.33|naas:cluster.kubernetesVersion: EKS upgrades one minor at a time: the cluster runs 1.33, so the next version is 1.34, got 1.32 (EKS cannot downgrade)",
            "1.33|1.33|naas:cluster.kubernetesVersion: EKS upgrades one minor at a time: the cluster runs 1.33, so the next version is 1.34, got 1.33 (EKS cannot downgrade)",
            "1.33|133|naas:cluster.upgradeFrom: must be the version the cluster runs now, like 1.32, got '133'",
            "1.30|1.29|naas:cluster.kubernetesVersion: the amazon-cloudwatch-observability add-on has no pinned version for Kubernetes 1.30; pinned minors are 1.31, 1.32, 1.33, 1.34",
    })
    void unsafeKubernetesVersionsAreRefusedNamingTheKey(String version, String upgradeFrom, String message) {
        assertThatThrownBy(() -> dev(version, upgradeFrom)).isInstanceOf(ConfigException.class).hasMessage(message);
    }

    private static Plan prodDatabase(String engineVersion, String upgradeFrom) {
        var fields = new java.util.HashMap<String, String>();
        fields.put("engineVersion", "\"" + engineVersion + "\"");
        if (upgradeFrom != null) {
            fields.put("upgradeFrom", "\"" + upgradeFrom + "\"");
        }
        return StackPlans.of("prod", OperationsConfig.with("prod", "naas:database", fields));
    }

    @Test
    void aPostgresMajorUpgradeChangesTheInstanceAndItsParameterGroupFamilyOnly() {
        var before = prodDatabase("16", null);
        var after = prodDatabase("17", "16");
        assertThat(changed(before, after)).containsExactlyInAnyOrder(
                "aws:rds/instance:Instance naas-prod-db", "aws:rds/parameterGroup:ParameterGroup naas-prod-db");
        var instance = after.ofType("aws:rds/instance:Instance").get(0);
        assertThat(instance.requireInput("engineVersion")).isEqualTo("17");
        assertThat(instance.requireInput("allowMajorVersionUpgrade")).isEqualTo(true);
        assertThat(instance.requireInput("applyImmediately")).isEqualTo(true);
        assertThat(after.ofType("aws:rds/parameterGroup:ParameterGroup").get(0).requireInput("family")).isEqualTo("postgres17");
        assertThat(before.ofType("aws:rds/instance:Instance").get(0).input("allowMajorVersionUpgrade"))
                .as("outside an upgrade RDS refuses a major version change").isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "16|16|naas:database.upgradeFrom: must be below engineVersion (16)",
            "16|17|naas:database.upgradeFrom: must be below engineVersion (16)",
            "16|sixteen|naas:database.upgradeFrom: must be the PostgreSQL major version running now",
    })
    void unsafeDatabaseUpgradesAreRefusedNamingTheKey(String engineVersion, String upgradeFrom, String message) {
        assertThatThrownBy(() -> prodDatabase(engineVersion, upgradeFrom)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }
}
