package ai.naas.aws.platform.addons;

import ai.naas.aws.infra.InfraFixture;
import ai.naas.aws.infra.network.NatGateways;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import ai.naas.aws.plan.WireValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.aws.efs.FileSystem;
import com.pulumi.aws.efs.FileSystemArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub-metrics scraper under the mock engine, on the fixture's cluster beside the real add-ons: one CloudWatch
 * agent with its own role, scraping the hub with the token from its Secret, and publishing the series the spawn
 * failure alarm and the runbooks read, with the dimensions they expect.
 */
class HubMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "hub-metrics-token-never-printed";
    private static Plan plan;

    @BeforeAll
    static void planTheScraper() {
        plan = InfraFixture.plan(InfraFixture.network(NatGateways.SINGLE), InfraFixture.cluster(List.of()), (ctx, eks) -> {
            var files = new FileSystem("homes", FileSystemArgs.builder().encrypted(true).build());
            var addOns = new AddOns("naas-test", new AddOns.Args(eks, InfraFixture.REGION, files.id(),
                    new PlatformSettings("naas.example.com", AddOnsTest.CERTIFICATE, AddOnsTest.OFFICE_CIDRS),
                    Output.of(AddOnsTest.CERTIFICATE)), ComponentResourceOptions.Empty);
            new HubMetrics("naas-test-hub-metrics", new HubMetrics.Args(eks, InfraFixture.REGION,
                    new HubMetrics.Hub("jupyter", "hub", 8081, "/hub/metrics"), Output.ofSecret(TOKEN),
                    List.of(addOns.observability().addon())), ComponentResourceOptions.Empty);
        });
    }

    private static PlannedResource deployment() {
        return plan.resource("kubernetes:apps/v1:Deployment", "naas-test-hub-metrics");
    }

    private static Object clusterName() {
        return plan.resource("aws:eks/cluster:Cluster", InfraFixture.NAME).output("name").orElseThrow();
    }

    @Test
    void oneAgentScrapesTheHubWithItsOwnRoleTrustedByItsServiceAccountOnly() throws Exception {
        var deployment = deployment();
        assertThat(deployment.requireInput("metadata.namespace")).isEqualTo("amazon-cloudwatch");
        assertThat(((Number) deployment.requireInput("spec.replicas")).intValue()).as("two would count twice").isEqualTo(1);
        assertThat(deployment.requireInput("spec.template.metadata.labels"))
                .isEqualTo(Map.of("app.kubernetes.io/name", "naas-hub-metrics"));
        assertThat(deployment.requireInput("spec.template.spec.containers.0.image")).isEqualTo(HubMetrics.IMAGE);
        assertThat(deployment.requireInput("spec.template.spec.serviceAccountName")).isEqualTo("naas-hub-metrics");

        var account = plan.resource("kubernetes:core/v1:ServiceAccount", "naas-test-hub-metrics");
        Object roleArn = ((Map<?, ?>) account.requireInput("metadata.annotations")).get("eks.amazonaws.com/role-arn");
        var role = plan.ofType("aws:iam/role:Role").stream()
                .filter(r -> r.output("arn").orElseThrow().equals(roleArn)).findFirst().orElseThrow();
        var trust = JSON.readTree((String) role.requireInput("assumeRolePolicy")).path("Statement");
        var subjects = new ArrayList<String>();
        trust.forEach(statement -> statement.path("Condition").path("StringEquals").properties().forEach(c -> {
            if (c.getKey().endsWith(":sub")) {
                if (c.getValue().isArray()) {
                    c.getValue().forEach(v -> subjects.add(v.asText()));
                } else {
                    subjects.add(c.getValue().asText());
                }
            }
        }));
        assertThat(subjects).containsExactly("system:serviceaccount:amazon-cloudwatch:naas-hub-metrics");
        assertThat(plan.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
                .filter(a -> role.parent().equals(a.parent())).map(a -> a.requireInput("policyArn")).toList())
                .containsExactly("arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy");

        var addon = plan.ofType("aws:eks/addon:Addon").stream()
                .filter(a -> "amazon-cloudwatch-observability".equals(a.requireInput("addonName"))).findFirst().orElseThrow();
        assertThat(plan.waitsFor(deployment, addon)).as("its namespace is the add-on's").isTrue();
    }

    @Test
    void theTokenIsInASecretOfTheScrapersNamespaceAndNowhereInThePlan() throws Exception {
        var secret = plan.resource("kubernetes:core/v1:Secret", "naas-test-hub-metrics-token");
        assertThat(secret.requireInput("metadata.namespace")).isEqualTo("amazon-cloudwatch");
        assertThat(secret.requireInput("stringData")).isEqualTo(WireValues.SECRET);
        assertThat(JSON.writeValueAsString(plan)).doesNotContain(TOKEN);
        var volumes = JSON.valueToTree(deployment().requireInput("spec.template.spec.volumes"));
        assertThat(volumes.findValuesAsText("secretName")).containsExactly("naas-hub-metrics-token");
        assertThat(plan.waitsFor(deployment(), secret)).isTrue();
    }

    /**
     * The scrape: the hub's Service on 8081 at JupyterHub's metrics path, the token as a bearer token (JupyterHub
     * accepts {@code Authorization: bearer <token>}, handlers/base.py), and the dimensions set on the target.
     */
    @Test
    void theScrapeReachesTheHubsMetricsWithTheTokenAndLabelsTheSeriesWithTheCluster() throws Exception {
        var config = plan.resource("kubernetes:core/v1:ConfigMap", "naas-test-hub-metrics-prometheus");
        // Written as JSON, which is YAML.
        JsonNode scrape = JSON.readTree((String) ((Map<?, ?>) config.requireInput("data")).get("prometheus.yaml"));
        JsonNode job = scrape.path("scrape_configs").get(0);
        assertThat(scrape.path("scrape_configs")).hasSize(1);
        assertThat(job.path("job_name").asText()).isEqualTo("jupyterhub");
        assertThat(job.path("metrics_path").asText()).isEqualTo("/hub/metrics");
        assertThat(job.at("/static_configs/0/targets/0").asText()).isEqualTo("hub.jupyter.svc:8081");
        assertThat(job.at("/static_configs/0/labels/ClusterName").asText()).isEqualTo(clusterName());
        assertThat(job.at("/static_configs/0/labels/Namespace").asText()).isEqualTo("jupyter");
        assertThat(job.at("/authorization/type").asText()).isEqualTo("Bearer");
        String tokenFile = job.at("/authorization/credentials_file").asText();
        var mounts = JSON.valueToTree(deployment().requireInput("spec.template.spec.containers.0.volumeMounts"));
        assertThat(tokenFile).startsWith(mounts.findValuesAsText("mountPath").stream()
                .filter(path -> path.equals("/etc/hub-metrics")).findFirst().orElseThrow() + "/");
    }

    /**
     * Which series become metrics: the spawn counters (the alarm's, by status), active users by period, running
     * servers and users, all with ClusterName and Namespace, in the namespace the alarm reads.
     */
    @Test
    void theAgentPublishesTheHubsSeriesWithTheDimensionsTheAlarmReads() throws Exception {
        var config = plan.resource("kubernetes:core/v1:ConfigMap", "naas-test-hub-metrics-agent");
        JsonNode agent = JSON.readTree((String) ((Map<?, ?>) config.requireInput("data")).get("cwagentconfig.json"));
        JsonNode prometheus = agent.at("/logs/metrics_collected/prometheus");
        assertThat(agent.at("/agent/region").asText()).isEqualTo(InfraFixture.REGION);
        assertThat(prometheus.path("cluster_name").asText()).isEqualTo(clusterName());
        assertThat(prometheus.path("prometheus_config_path").asText()).isEqualTo("/etc/prometheusconfig/prometheus.yaml");
        JsonNode emf = prometheus.path("emf_processor");
        assertThat(emf.path("metric_namespace").asText()).isEqualTo("ContainerInsights/Prometheus");
        var published = new java.util.HashMap<String, List<String>>();
        emf.path("metric_declaration").forEach(d -> {
            assertThat(d.path("source_labels").toString()).isEqualTo("[\"job\"]");
            assertThat(d.path("label_matcher").asText()).isEqualTo("^jupyterhub$");
            d.path("metric_selectors").forEach(selector -> published.put(selector.asText(),
                    JSON.convertValue(d.path("dimensions").get(0), List.class)));
        });
        assertThat(published).containsOnly(
                Map.entry("^naas_hub_server_spawns_total$", List.of("ClusterName", "Namespace", "status")),
                Map.entry("^naas_hub_server_spawn_seconds_total$", List.of("ClusterName", "Namespace", "status")),
                Map.entry("^jupyterhub_active_users$", List.of("ClusterName", "Namespace", "period")),
                Map.entry("^jupyterhub_running_servers$", List.of("ClusterName", "Namespace")),
                Map.entry("^jupyterhub_total_users$", List.of("ClusterName", "Namespace")));
        var mounts = JSON.valueToTree(deployment().requireInput("spec.template.spec.containers.0.volumeMounts"));
        assertThat(mounts.findValuesAsText("mountPath")).contains("/etc/cwagentconfig", "/etc/prometheusconfig");
    }

    @Test
    void theAgentRunsUnprivilegedWithRequestsOnTheCorePool() {
        var spec = deployment();
        assertThat(spec.requireInput("spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(spec.requireInput("spec.template.spec.containers.0.securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(spec.requireInput("spec.template.spec.containers.0.securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(spec.requireInput("spec.template.spec.containers.0.resources.requests")).isEqualTo(Map.of("cpu", "50m", "memory", "128Mi"));
        assertThat(spec.requireInput("spec.template.spec.nodeSelector")).isEqualTo(ai.naas.aws.infra.cluster.NodePool.NAAS.labels());
    }
}
