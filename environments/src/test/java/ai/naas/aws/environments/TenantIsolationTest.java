package ai.naas.aws.environments;

import ai.naas.aws.apps.naasservice.ChartRenderer;
import ai.naas.aws.environments.NetworkPolicyEvaluator.Endpoint;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user's server can reach in the prod stack, and what can reach it, decided from the NetworkPolicies the
 * stack's releases produce: the Naas services' policies rendered by Helm from their releases' planned values,
 * the hub's, proxy's and user servers' computed from the jupyterhub release's planned values by the chart's
 * rules ({@link Z2jhNetworkPolicies}). The VPC CNI add-on enforces them ({@code AddOnsTest}); node security
 * groups do not separate pods, so these policies are the only wall between a notebook and the database.
 */
class TenantIsolationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final String JUPYTER = "jupyter";

    private static NetworkPolicyEvaluator cluster;
    private static final Map<String, Endpoint> ENDPOINTS = new HashMap<>();

    @BeforeAll
    static void renderThePoliciesOfTheProdStack() {
        Plan plan = StackPlans.of("prod");
        var policies = new ArrayList<JsonNode>();

        var hub = plan.resource(RELEASE, "jupyterhub");
        String hubRelease = (String) hub.requireInput("name");
        policies.addAll(Z2jhNetworkPolicies.render(JSON.valueToTree(hub.requireInput("values")), hubRelease, JUPYTER));

        // Addresses in the stack's own private subnets: pods, the database and the EFS mount targets all live there.
        String privateCidr = (String) plan.ofType("aws:ec2/subnet:Subnet").stream()
                .filter(s -> s.name().contains("-private-")).findFirst().orElseThrow().requireInput("cidrBlock");
        String base = privateCidr.substring(0, privateCidr.lastIndexOf('.') + 1);

        var userLabels = Map.of("component", "singleuser-server", "app", "jupyterhub", "release", hubRelease,
                "hub.jupyter.org/network-access-hub", "true", "hub.jupyter.org/username", "jane");
        var userPorts = Map.of("notebook-port", 8888);
        ENDPOINTS.put("jane", Endpoint.pod("jane's server", JUPYTER, userLabels, base + "30", userPorts));
        var bob = new HashMap<>(userLabels);
        bob.put("hub.jupyter.org/username", "bob");
        ENDPOINTS.put("bob", Endpoint.pod("bob's server", JUPYTER, bob, base + "31", userPorts));
        ENDPOINTS.put("hub", Endpoint.pod("hub", JUPYTER, Map.of("component", "hub", "app", "jupyterhub",
                "release", hubRelease, "hub.jupyter.org/network-access-proxy-api", "true",
                "hub.jupyter.org/network-access-proxy-http", "true", "hub.jupyter.org/network-access-singleuser", "true"),
                base + "40", Map.of("http", 8081)));
        ENDPOINTS.put("proxy", Endpoint.pod("proxy", JUPYTER, Map.of("component", "proxy", "app", "jupyterhub",
                "release", hubRelease, "hub.jupyter.org/network-access-hub", "true",
                "hub.jupyter.org/network-access-singleuser", "true"), base + "41", Map.of("http", 8000, "https", 8443, "api", 8001)));
        ENDPOINTS.put("kube-dns", Endpoint.pod("CoreDNS", "kube-system", Map.of("k8s-app", "kube-dns"), base + "60", Map.of("dns", 53)));
        ENDPOINTS.put("ingress-nginx", Endpoint.pod("ingress-nginx", "ingress-nginx",
                Map.of("app.kubernetes.io/name", "ingress-nginx"), base + "61", Map.of("http", 80)));
        // The hub-metrics scraper, with the labels its Deployment in the plan gives its pods; beside it, the
        // add-on's own agent in the same namespace, and a pod wearing the scraper's label in another namespace.
        var scraper = plan.resource("kubernetes:apps/v1:Deployment", "naas-prod-hub-metrics");
        @SuppressWarnings("unchecked")
        var scraperLabels = (Map<String, String>) scraper.requireInput("spec.template.metadata.labels");
        String scraperNamespace = (String) scraper.requireInput("metadata.namespace");
        ENDPOINTS.put("scraper", Endpoint.pod("the hub-metrics scraper", scraperNamespace, scraperLabels, base + "70", Map.of()));
        ENDPOINTS.put("cloudwatch-agent", Endpoint.pod("the add-on's CloudWatch agent", scraperNamespace,
                Map.of("app.kubernetes.io/name", "cloudwatch-agent"), base + "71", Map.of()));
        ENDPOINTS.put("impostor", Endpoint.pod("a pod labelled like the scraper in naas", "naas", scraperLabels, base + "72", Map.of()));
        ENDPOINTS.put("database", Endpoint.address("the RDS instance", base + "100"));
        ENDPOINTS.put("efs", Endpoint.address("an EFS mount target", base + "101"));
        ENDPOINTS.put("metadata", Endpoint.address("the instance metadata service", "169.254.169.254"));
        ENDPOINTS.put("internet", Endpoint.address("a web site", "93.184.215.14"));

        int next = 50;
        var renderer = ChartRenderer.forChart("naas-service").forKubernetes("1.33.0");
        for (PlannedResource release : plan.ofType(RELEASE)) {
            String name = (String) release.requireInput("name");
            if (!name.startsWith("naas-")) {
                continue;
            }
            String namespace = (String) release.requireInput("namespace");
            @SuppressWarnings("unchecked")
            var values = (Map<String, Object>) release.requireInput("values");
            var manifests = renderer.inNamespace(namespace).template(name, values);
            for (ObjectNode policy : manifests.ofKind("NetworkPolicy")) {
                ((ObjectNode) policy.path("metadata")).put("namespace", namespace);
                policies.add(policy);
            }
            JsonNode template = manifests.single("Deployment").path("spec").path("template");
            var labels = JSON.convertValue(template.path("metadata").path("labels"), Map.class);
            var ports = new HashMap<String, Integer>();
            template.path("spec").path("containers").get(0).path("ports")
                    .forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
            @SuppressWarnings("unchecked")
            Map<String, String> podLabels = labels;
            ENDPOINTS.put(name, Endpoint.pod(name, namespace, podLabels, base + next++, ports));
        }
        assertThat(ENDPOINTS).containsKeys("naas-proxy", "naas-notifications", "naas-callback");
        cluster = new NetworkPolicyEvaluator(policies);
    }

    @ParameterizedTest(name = "{0} -> {1}:{2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            jane          | hub                | 8081 | allowed
            jane          | proxy              | 8000 | allowed
            jane          | naas-proxy         | 3002 | allowed
            jane          | naas-notifications | 3003 | allowed
            jane          | naas-callback      | 3004 | allowed
            jane          | internet           | 443  | allowed
            jane          | database           | 5432 | denied
            jane          | efs                | 2049 | denied
            jane          | bob                | 5000 | denied
            jane          | bob                | 8888 | denied
            jane          | metadata           | 80   | denied
            jane          | hub                | 8001 | denied
            naas-proxy    | jane               | 5000 | allowed
            naas-proxy    | jane               | 8888 | denied
            hub           | jane               | 8888 | allowed
            proxy         | jane               | 8888 | allowed
            ingress-nginx | naas-proxy         | 3002 | allowed
            ingress-nginx | naas-notifications | 3003 | denied
            internet      | jane               | 5000 | denied
            scraper       | hub                | 8081 | allowed
            scraper       | hub                | 8001 | denied
            scraper       | proxy              | 8001 | denied
            scraper       | jane               | 8888 | denied
            scraper       | jane               | 5000 | denied
            cloudwatch-agent | hub             | 8081 | denied
            impostor      | hub                | 8081 | denied
            naas-proxy    | hub                | 8081 | denied
            """)
    void aUserServerReachesWhatItNeedsAndNothingOfOthers(String from, String to, int port, String expected) {
        var source = ENDPOINTS.get(from);
        var destination = ENDPOINTS.get(to);
        assertThat(cluster.allows(source, destination, port))
                .as("%s -> %s:%d", source, destination, port)
                .isEqualTo(expected.equals("allowed"));
    }

    @Test
    void aUserServerResolvesNamesThroughTheClustersDns() {
        assertThat(cluster.allows(ENDPOINTS.get("jane"), ENDPOINTS.get("kube-dns"), 53, "UDP")).isTrue();
        assertThat(cluster.allows(ENDPOINTS.get("jane"), ENDPOINTS.get("metadata"), 53, "UDP"))
                .as("the chart's DNS rule includes the metadata address, on port 53 only").isTrue();
    }

    @Test
    void withAUserContentDomainTheProxyAndCallbackLeaveTheHubsDomain() {
        Plan plan = StackPlans.of("prod", Map.of("naas:platform", """
                {"domain": "naas.example.com", "userContentDomain": "naas-content.example.net",
                 "certificateArn": "arn:aws:acm:eu-west-3:123456789012:certificate/66666666-7777-8888-9999-000000000000"}"""));
        var proxy = plan.resource(RELEASE, "naas-proxy");
        assertThat(proxy.requireInput("values.ingress.host")).isEqualTo("public.naas-content.example.net");
        assertThat(proxy.requireInput("values.env.NAAS_PROXY_HOST")).isEqualTo("public.naas-content.example.net");
        assertThat(proxy.requireInput("values.env.HUB_HOST")).isEqualTo("hub.naas.example.com");
        assertThat(plan.resource(RELEASE, "naas-callback").requireInput("values.ingress.host"))
                .isEqualTo("callback.naas-content.example.net");
        var hub = plan.resource(RELEASE, "jupyterhub");
        assertThat(hub.requireInput("values.ingress.hosts")).isEqualTo(List.of("hub.naas.example.com"));
        assertThat(hub.requireInput("values.singleuser.extraEnv.PROXY_API")).isEqualTo("https://public.naas-content.example.net");
        assertThat(hub.requireInput("values.singleuser.extraEnv.CALLBACK_API")).isEqualTo("https://callback.naas-content.example.net");
    }

    @Test
    void theNaasNamespacesEnforceRestrictedPodSecurityAndTheJupyterOneBaseline() {
        Plan plan = StackPlans.of("prod");
        var enforced = new HashMap<String, Object>();
        plan.ofType("kubernetes:core/v1:Namespace").forEach(ns -> enforced.put((String) ns.requireInput("metadata.name"),
                ((Map<?, ?>) ns.requireInput("metadata.labels")).get("pod-security.kubernetes.io/enforce")));
        assertThat(enforced).containsEntry("naas", "restricted").containsEntry("naas-platform", "restricted")
                .as("the home init container runs as root to create homes owned by the notebook uid")
                .containsEntry(JUPYTER, "baseline");
    }

    @Test
    void theEvaluatorItselfSeesAnUnselectedPodAsOpen() {
        // Without any policy every pair is allowed: the denials above come from the policies, not the evaluator.
        var open = new NetworkPolicyEvaluator(List.of());
        assertThat(open.allows(ENDPOINTS.get("jane"), ENDPOINTS.get("database"), 5432)).isTrue();
        assertThat(open.allows(ENDPOINTS.get("jane"), ENDPOINTS.get("bob"), 5000)).isTrue();
    }
}
