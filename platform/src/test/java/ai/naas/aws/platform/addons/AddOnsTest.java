package ai.naas.aws.platform.addons;

import ai.naas.aws.infra.InfraFixture;
import ai.naas.aws.infra.cluster.NodePool;
import ai.naas.aws.infra.network.NatGateways;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import ai.naas.aws.plan.WireValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.aws.efs.FileSystem;
import com.pulumi.aws.efs.FileSystemArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The platform add-ons planned on the infra fixture's cluster (Kubernetes 1.33, eu-west-3), with a real EFS
 * file system and the home storage of one app namespace.
 */
@SuppressWarnings("unchecked")
class AddOnsTest {

    static final String CERTIFICATE = "arn:aws:acm:eu-west-3:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    static final List<String> OFFICE_CIDRS = List.of("203.0.113.0/24", "198.51.100.0/24");
    static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    static final String ROLE = "aws:iam/role:Role";
    static final String NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicReference<AddOns> ADD_ONS = new AtomicReference<>();
    private static Plan plan;

    @BeforeAll
    static void planTheAddOns() {
        plan = InfraFixture.plan(InfraFixture.network(NatGateways.SINGLE), InfraFixture.cluster(List.of()), (ctx, eks) -> {
            var files = new FileSystem("homes", FileSystemArgs.builder().encrypted(true).build());
            var addOns = new AddOns("naas-test", new AddOns.Args(eks, InfraFixture.REGION, files.id(),
                    new PlatformSettings("naas.example.com", CERTIFICATE, OFFICE_CIDRS), Output.of(CERTIFICATE)),
                    com.pulumi.resources.ComponentResourceOptions.Empty);
            var namespace = new Namespace("jupyterhub", NamespaceArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name("jupyterhub").build()).build(),
                    CustomResourceOptions.builder().provider(eks.provider()).build());
            addOns.homeStorage("jupyterhub", List.of(namespace), addOns);
            ADD_ONS.set(addOns);
        });
    }

    // ---- cluster-autoscaler -------------------------------------------------------------------------

    @Test
    void clusterAutoscalerDiscoversThisClustersGroupsInThisRegion() {
        var release = release("cluster-autoscaler");
        var cluster = plan.resource("aws:eks/cluster:Cluster", InfraFixture.NAME);

        assertThat(release.requireInput("values.autoDiscovery.clusterName")).isEqualTo(cluster.output("name").orElseThrow());
        assertThat(release.requireInput("values.awsRegion")).isEqualTo("eu-west-3");
        assertThat(release.requireInput("values.cloudProvider")).isEqualTo("aws");
        assertThat(release.requireInput("namespace")).isEqualTo("kube-system");
    }

    @Test
    void clusterAutoscalerRunsAsItsOwnServiceAccountWhoseRoleOnlyThatServiceAccountCanAssume() throws Exception {
        var release = release("cluster-autoscaler");
        assertThat(release.requireInput("values.rbac.serviceAccount.create")).isEqualTo(true);
        assertThat(release.requireInput("values.rbac.serviceAccount.name")).isEqualTo("cluster-autoscaler");

        var role = roleAnnotatedOn(release);
        assertThat(trustedSubjects(role)).containsExactly("system:serviceaccount:kube-system:cluster-autoscaler");
    }

    @Test
    void clusterAutoscalerMayDescribeAnythingButOnlyResizeGroupsTaggedAsOwnedByThisCluster() throws Exception {
        var role = roleAnnotatedOn(release("cluster-autoscaler"));
        var policies = plan.ofType("aws:iam/rolePolicy:RolePolicy").stream()
                .filter(p -> role.id().equals(p.input("role").orElse(null))).toList();
        assertThat(policies).hasSize(1);
        assertThat(managedPoliciesOf(role)).isEmpty();

        JsonNode statements = JSON.readTree((String) policies.get(0).requireInput("policy")).path("Statement");
        var writes = new ArrayList<JsonNode>();
        for (JsonNode statement : statements) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            var actions = actions(statement);
            if (actions.stream().allMatch(a -> a.matches("[a-z0-9]+:(Describe|Get)[A-Za-z]+"))) {
                assertThat(statement.path("Condition").isMissingNode()).isTrue();
            } else {
                writes.add(statement);
            }
        }
        assertThat(writes).hasSize(1);
        var write = writes.get(0);
        assertThat(actions(write)).containsExactlyInAnyOrder(
                "autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup");
        assertThat(write.path("Condition").path("StringEquals").path("aws:ResourceTag/k8s.io/cluster-autoscaler/naas-test").asText())
                .as("the tag EKS puts on the Auto Scaling groups of this cluster's managed node groups")
                .isEqualTo("owned");
        assertThat(write.path("Condition").size()).isEqualTo(1);
        assertThat(write.path("Condition").path("StringEquals").size()).isEqualTo(1);
    }

    @Test
    void clusterAutoscalerWaitsForItsRoleAndPolicyBeforeItStarts() {
        var release = release("cluster-autoscaler");
        var role = roleAnnotatedOn(release);
        var policy = plan.ofType("aws:iam/rolePolicy:RolePolicy").stream()
                .filter(p -> role.id().equals(p.input("role").orElse(null))).findFirst().orElseThrow();

        assertThat(plan.waitsFor(release, role)).isTrue();
        assertThat(plan.waitsFor(release, policy)).isTrue();
    }

    @Test
    void clusterAutoscalerMatchesTheClustersKubernetesMinor() {
        var release = release("cluster-autoscaler");

        assertThat(release.requireInput("chart")).isEqualTo("cluster-autoscaler");
        assertThat(release.requireInput("repositoryOpts.repo")).isEqualTo("https://kubernetes.github.io/autoscaler");
        assertThat(versionAtLeast((String) release.requireInput("version"), 9, 47)).as("chart 9.47+ ships 1.33").isTrue();
        assertThat((String) release.requireInput("values.image.tag")).startsWith("v1.33.");
    }

    @Test
    void clusterAutoscalerScalesEmptyJupyterNodesDownAndBalancesSimilarGroups() {
        var args = (Map<String, Object>) release("cluster-autoscaler").requireInput("values.extraArgs");

        assertThat(args).containsEntry("balance-similar-node-groups", true)
                .containsEntry("expander", "least-waste")
                .containsEntry("scale-down-unneeded-time", "5m")
                .containsEntry("skip-nodes-with-system-pods", false)
                .doesNotContainKey("scale-down-enabled");
    }

    @Test
    void everyResponseOfTheIngressCarriesHsts() {
        assertThat(release("ingress-nginx").requireInput("values.controller.addHeaders"))
                .isEqualTo(Map.of("Strict-Transport-Security", "max-age=31536000; includeSubDomains"));
    }

    // ---- VPC CNI with network policy enforcement ----------------------------------------------------

    @Test
    void vpcCniEnforcesNetworkPoliciesPinnedToTheClustersMinorWithItsOwnRole() throws Exception {
        var addon = plan.ofType("aws:eks/addon:Addon").stream()
                .filter(a -> "vpc-cni".equals(a.requireInput("addonName"))).findFirst().orElseThrow();
        assertThat(addon.requireInput("addonVersion")).isEqualTo("v1.20.1-eksbuild.3").isEqualTo(VpcCni.versionFor(33));
        assertThat(JSON.readTree((String) addon.requireInput("configurationValues")))
                .isEqualTo(JSON.readTree("{\"enableNetworkPolicy\": \"true\"}"));
        assertThat(addon.requireInput("clusterName")).isEqualTo(InfraFixture.NAME);
        assertThat(addon.requireInput("resolveConflictsOnCreate")).as("takes over the CNI EKS installed").isEqualTo("OVERWRITE");

        var role = plan.ofType(ROLE).stream()
                .filter(r -> r.output("arn").orElseThrow().equals(addon.requireInput("serviceAccountRoleArn")))
                .findFirst().orElseThrow();
        assertThat(trustedSubjects(role)).containsExactly("system:serviceaccount:kube-system:aws-node");
        assertThat(managedPoliciesOf(role)).containsExactly("arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy");
        assertThat(plan.waitsFor(addon, role)).isTrue();
        var nodeGroups = plan.ofType(NODE_GROUP);
        assertThat(nodeGroups).as("nodes need a CNI to become ready: the add-on must not wait for them")
                .noneMatch(group -> plan.waitsFor(addon, group));
        assertThat(ADD_ONS.get().readyWhen()).as("apps start once their policies are enforced")
                .contains(ADD_ONS.get().vpcCni().addon());
    }

    // ---- EFS CSI driver and home storage ------------------------------------------------------------

    // ---- metrics and logs ---------------------------------------------------------------------------

    @Test
    void observabilityAddOnIsPinnedToTheMinorAndShipsWithItsOwnRoleTrustedByTheAgentOnly() throws Exception {
        var addon = plan.ofType("aws:eks/addon:Addon").stream()
                .filter(a -> "amazon-cloudwatch-observability".equals(a.requireInput("addonName"))).findFirst().orElseThrow();
        assertThat(addon.requireInput("addonVersion")).isEqualTo(ClusterObservability.versionFor(33));
        assertThat(addon.requireInput("clusterName"))
                .isEqualTo(plan.resource("aws:eks/cluster:Cluster", InfraFixture.NAME).output("name").orElseThrow());
        assertThat(JSON.readTree((String) addon.requireInput("configurationValues")).at("/containerLogs/enabled").asBoolean())
                .isTrue();
        var role = plan.ofType("aws:iam/role:Role").stream()
                .filter(r -> r.output("arn").orElseThrow().equals(addon.requireInput("serviceAccountRoleArn")))
                .findFirst().orElseThrow();
        assertThat(trustedSubjects(role)).containsExactly("system:serviceaccount:amazon-cloudwatch:cloudwatch-agent");
        assertThat(managedPoliciesOf(role)).containsExactly("arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy");
        assertThat(plan.waitsFor(addon, role)).isTrue();
        for (var group : plan.ofType("aws:eks/nodeGroup:NodeGroup")) {
            assertThat(plan.waitsFor(addon, group)).as("its pods need nodes to become ACTIVE").isTrue();
        }
    }

    @Test
    void aMinorWithNoPinnedObservabilityAddOnIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> ClusterObservability.versionFor(30))
                .hasMessage("naas:cluster.kubernetesVersion: the amazon-cloudwatch-observability add-on has no pinned "
                        + "version for Kubernetes 1.30; pinned minors are 1.31, 1.32, 1.33, 1.34");
    }

    /** The EFS CSI driver's add-on, by its EKS name: the cluster has other managed add-ons. */
    private static PlannedResource efsCsiAddOn() {
        return plan.ofType("aws:eks/addon:Addon").stream()
                .filter(a -> "aws-efs-csi-driver".equals(a.requireInput("addonName"))).findFirst().orElseThrow();
    }

    @Test
    void efsCsiAddOnIsPinnedAndUsesItsOwnRoleWithTheEfsCsiPolicy() throws Exception {
        var addon = efsCsiAddOn();
        assertThat((String) addon.requireInput("addonVersion")).matches("v\\d+\\.\\d+\\.\\d+-eksbuild\\.\\d+")
                .isEqualTo(EfsCsiDriver.ADDON_VERSION);
        assertThat(addon.requireInput("resolveConflictsOnUpdate")).isEqualTo("OVERWRITE");
        assertThat(addon.requireInput("clusterName")).isEqualTo(InfraFixture.NAME);

        var role = plan.ofType(ROLE).stream()
                .filter(r -> r.output("arn").orElseThrow().equals(addon.requireInput("serviceAccountRoleArn")))
                .findFirst().orElseThrow();
        // The add-on annotates its controller's and its node plugin's service accounts with this one role; the node
        // plugin signs the IAM mounts the file-system policy admits.
        assertThat(trustedSubjects(role)).containsExactly("system:serviceaccount:kube-system:efs-csi-controller-sa",
                "system:serviceaccount:kube-system:efs-csi-node-sa");
        assertThat(managedPoliciesOf(role)).containsExactly("arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy");
        assertThat(role.id()).isNotEqualTo(roleAnnotatedOn(release("cluster-autoscaler")).id());
        assertThat(plan.waitsFor(addon, role)).isTrue();
    }

    @Test
    void efsCsiNodePluginRunsOnEveryPoolAndItsControllerOnTheNaasPool() throws Exception {
        var addon = efsCsiAddOn();
        JsonNode config = JSON.readTree((String) addon.requireInput("configurationValues"));

        assertThat(config.path("node").path("tolerations").get(0).path("operator").asText()).isEqualTo("Exists");
        assertThat(JSON.convertValue(config.path("controller").path("nodeSelector"), Map.class))
                .isEqualTo(NodePool.NAAS.labels());
    }

    @Test
    void theHomeVolumeIsTheEfsFileSystemSharedReadWriteByManyAndRetained() {
        var volume = plan.ofType("kubernetes:core/v1:PersistentVolume").get(0);

        assertThat(volume.requireInput("spec.csi.driver")).isEqualTo("efs.csi.aws.com");
        var fileSystem = plan.byId((String) volume.requireInput("spec.csi.volumeHandle")).orElseThrow();
        assertThat(fileSystem.type()).isEqualTo("aws:efs/fileSystem:FileSystem");
        assertThat(fileSystem.name()).isEqualTo("homes");
        assertThat(volume.requireInput("spec.accessModes")).isEqualTo(List.of("ReadWriteMany"));
        assertThat(volume.requireInput("spec.persistentVolumeReclaimPolicy")).isEqualTo("Retain");
        assertThat(volume.requireInput("spec.storageClassName")).isEqualTo("efs-homes");
        assertThat(volume.requireInput("spec.capacity.storage")).isEqualTo("1Ti");
        // TLS and IAM authorisation: the file-system policy refuses any other mount.
        assertThat(volume.requireInput("spec.csi.volumeAttributes.encryptInTransit")).isEqualTo("true");
        assertThat(volume.requireInput("spec.mountOptions")).isEqualTo(List.of("iam"));
    }

    @Test
    void theHomeClaimInTheAppNamespaceIsBoundToThatVolumeAndNoOther() {
        var volume = plan.ofType("kubernetes:core/v1:PersistentVolume").get(0);
        var claim = plan.ofType("kubernetes:core/v1:PersistentVolumeClaim").get(0);

        assertThat(claim.requireInput("metadata.name")).isEqualTo("home").isEqualTo(HomeStorage.CLAIM_NAME);
        assertThat(claim.requireInput("metadata.namespace")).isEqualTo("jupyterhub");
        assertThat(claim.requireInput("spec.volumeName")).isEqualTo(volume.requireInput("metadata.name"));
        assertThat(claim.requireInput("spec.accessModes")).isEqualTo(List.of("ReadWriteMany"));
        assertThat(claim.requireInput("spec.storageClassName")).isEqualTo("efs-homes");
        assertThat(volume.requireInput("spec.claimRef.namespace")).isEqualTo("jupyterhub");
        assertThat(volume.requireInput("spec.claimRef.name")).isEqualTo("home");
        assertThat(plan.waitsFor(claim, plan.resource("kubernetes:core/v1:Namespace", "jupyterhub"))).isTrue();
        assertThat(HomeStorage.USER_HOME_SUB_PATH).isEqualTo("home/{username}");
    }

    @Test
    void theStorageClassKeepsDataAndBelongsToTheEfsDriver() {
        var storageClass = plan.ofType("kubernetes:storage.k8s.io/v1:StorageClass").get(0);

        assertThat(storageClass.requireInput("metadata.name")).isEqualTo("efs-homes");
        assertThat(storageClass.requireInput("provisioner")).isEqualTo("efs.csi.aws.com");
        assertThat(storageClass.requireInput("reclaimPolicy")).isEqualTo("Retain");
        var volume = plan.ofType("kubernetes:core/v1:PersistentVolume").get(0);
        assertThat(plan.waitsFor(volume, storageClass)).isTrue();
        assertThat(plan.waitsFor(volume, efsCsiAddOn())).isTrue();
    }

    // ---- ingress and metrics ------------------------------------------------------------------------

    @Test
    void theIngressLoadBalancerTerminatesTlsWithTheStackCertificateForTheAllowedNetworksOnly() {
        var service = (Map<String, Object>) release("ingress-nginx").requireInput("values.controller.service");
        var annotations = (Map<String, Object>) service.get("annotations");

        assertThat(annotations)
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-type", "nlb")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-ssl-cert", CERTIFICATE)
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-ssl-ports", "https")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-backend-protocol", "tcp");
        assertThat(service.get("loadBalancerSourceRanges")).isEqualTo(OFFICE_CIDRS);
        assertThat(service.get("type")).isEqualTo("LoadBalancer");
        assertThat((Map<String, Object>) service.get("targetPorts"))
                .as("TLS ends at the NLB: 443 reaches nginx's plain HTTP port").containsEntry("https", "http");
    }

    @Test
    void theIngressControllerServesClassNginxFromTwoReplicasOnTheNaasPool() {
        var release = release("ingress-nginx");
        var controller = (Map<String, Object>) release.requireInput("values.controller");

        assertThat(release.requireInput("namespace")).isEqualTo("ingress-nginx");
        assertThat(release.requireInput("chart")).isEqualTo("ingress-nginx");
        assertThat(release.requireInput("repositoryOpts.repo")).isEqualTo("https://kubernetes.github.io/ingress-nginx");
        assertThat(release.requireInput("values.controller.ingressClassResource.name")).isEqualTo("nginx");
        assertThat(controller.get("replicaCount")).isEqualTo(2L);
        assertThat(controller.get("minAvailable")).as("a PodDisruptionBudget keeps one up").isEqualTo(1L);
        assertThat(controller.get("nodeSelector")).isEqualTo(NodePool.NAAS.labels());
        assertThat(ADD_ONS.get().ingressClassName()).isEqualTo("nginx");
    }

    @Test
    void metricsServerRunsOnTheNaasPool() {
        var release = release("metrics-server");

        assertThat(release.requireInput("chart")).isEqualTo("metrics-server");
        assertThat(release.requireInput("repositoryOpts.repo")).isEqualTo("https://kubernetes-sigs.github.io/metrics-server/");
        assertThat(release.requireInput("values.nodeSelector")).isEqualTo(NodePool.NAAS.labels());
    }

    // ---- every add-on -------------------------------------------------------------------------------

    @Test
    void everyReleaseAndKubernetesObjectUsesTheClustersProviderAndWaitsForBothNodeGroups() {
        var provider = plan.ofType("pulumi:providers:kubernetes").get(0);
        var nodeGroups = plan.ofType(NODE_GROUP);
        assertThat(nodeGroups).hasSize(2);
        var onCluster = plan.resources().stream()
                .filter(r -> r.custom() && r.type().startsWith("kubernetes:") && !r.type().equals("kubernetes:core/v1:Namespace"))
                .toList();
        assertThat(onCluster).extracting(PlannedResource::type).contains(RELEASE, "kubernetes:storage.k8s.io/v1:StorageClass",
                "kubernetes:core/v1:PersistentVolume", "kubernetes:core/v1:PersistentVolumeClaim");
        assertThat(plan.ofType(RELEASE)).hasSize(3);

        for (var resource : onCluster) {
            assertThat(resource.provider()).as(resource.name()).isEqualTo(provider.urn());
            for (var group : nodeGroups) {
                assertThat(plan.waitsFor(resource, group)).as(resource.name() + " waits for " + group.name()).isTrue();
            }
        }
        for (var group : nodeGroups) {
            assertThat(plan.waitsFor(efsCsiAddOn(), group)).isTrue();
        }
    }

    @Test
    void everyReleasePinsAnExactChartVersionAndKeepsSecretsOutOfItsValues() {
        for (var release : plan.ofType(RELEASE)) {
            assertThat((String) release.requireInput("version")).as(release.name()).matches("\\d+\\.\\d+\\.\\d+");
            assertThat((String) release.requireInput("repositoryOpts.repo")).startsWith("https://");
            assertThat(release.requireInput("atomic")).isEqualTo(true);
            assertThat(String.valueOf(release.requireInput("values"))).doesNotContain(WireValues.SECRET, WireValues.UNKNOWN);
        }
    }

    @Test
    void appsWaitForTheNodesTheStorageDriverAndEveryRelease() {
        var addOns = ADD_ONS.get();
        var nodeGroups = addOns.readyWhen().stream().filter(r -> r instanceof com.pulumi.aws.eks.NodeGroup).toList();

        assertThat(nodeGroups).hasSize(2);
        assertThat(addOns.readyWhen()).contains(addOns.efsCsiDriver().addon(), addOns.efsCsiDriver().storageClass(),
                addOns.clusterAutoscaler().release(), addOns.ingressController().release(),
                addOns.metricsServer().release());
        assertThat(addOns.domain()).isEqualTo("naas.example.com");
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static PlannedResource release(String releaseName) {
        return plan.ofType(RELEASE).stream().filter(r -> releaseName.equals(r.requireInput("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no release named " + releaseName));
    }

    private static PlannedResource roleAnnotatedOn(PlannedResource release) {
        var annotations = (Map<String, Object>) release.requireInput("values.rbac.serviceAccount.annotations");
        Object arn = annotations.get("eks.amazonaws.com/role-arn");
        return plan.ofType(ROLE).stream().filter(r -> arn.equals(r.output("arn").orElseThrow())).findFirst()
                .orElseThrow(() -> new AssertionError("no role has the ARN " + arn));
    }

    /**
     * The managed policies attached to a service-account role. Attachments name the role by its name, which
     * the offline engine does not invent for auto-named roles; they are found as the role's siblings in its
     * ServiceAccountRole component instead.
     */
    private static List<Object> managedPoliciesOf(PlannedResource role) {
        return plan.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
                .filter(a -> role.parent().equals(a.parent()))
                .map(a -> a.requireInput("policyArn")).toList();
    }

    /** The {@code sub} claims a role's trust policy accepts, across all its statements. */
    private static List<String> trustedSubjects(PlannedResource role) throws Exception {
        JsonNode statements = JSON.readTree((String) role.requireInput("assumeRolePolicy")).path("Statement");
        var subjects = new ArrayList<String>();
        for (JsonNode statement : statements) {
            assertThat(statement.path("Action").asText()).isEqualTo("sts:AssumeRoleWithWebIdentity");
            for (var condition : statement.path("Condition").path("StringEquals").properties()) {
                if (condition.getKey().endsWith(":sub") && condition.getValue().isArray()) {
                    condition.getValue().forEach(subject -> subjects.add(subject.asText()));
                } else if (condition.getKey().endsWith(":sub")) {
                    subjects.add(condition.getValue().asText());
                }
            }
            assertThat(statement.path("Condition").has("StringLike")).as("no wildcard subjects").isFalse();
        }
        return subjects;
    }

    private static List<String> actions(JsonNode statement) {
        JsonNode action = statement.path("Action");
        if (action.isTextual()) {
            return List.of(action.asText());
        }
        var actions = new ArrayList<String>();
        action.forEach(a -> actions.add(a.asText()));
        return actions;
    }

    private static boolean versionAtLeast(String version, int major, int minor) {
        int[] parts = Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
        return parts[0] > major || (parts[0] == major && parts[1] >= minor);
    }
}
