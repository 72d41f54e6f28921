package ai.naas.aws.apps.naasservice;

import ai.naas.aws.apps.naasservice.ChartRenderer.Manifests;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart {@code charts/naas-service}, rendered by Helm for each of the four Naas services with the example
 * values in its {@code ci/} directory, which are what the chart promises a release of each service looks like.
 */
class NaasServiceChartTest {

    /** EKS's current version; Helm alone would assume v1.20, which the chart refuses. */
    private static final String KUBERNETES = "1.33.0";
    private static final String NAMESPACE = "naas";
    private static final String TAG = "1.0.0";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final ChartRenderer CHART =
            ChartRenderer.forChart("naas-service").inNamespace(NAMESPACE).forKubernetes(KUBERNETES);

    /** The four services, with the image and port each release must run. */
    enum Service {
        PROXY("jupyternaas/proxy", 3002),
        NOTIFICATIONS("jupyternaas/notifications", 3003),
        CALLBACK("jupyternaas/callback", 3004),
        SCREENSHOT("jupyternaas/screenshot", 9000);

        final String image;
        final int port;

        Service(String image, int port) {
            this.image = image;
            this.port = port;
        }

        String id() {
            return name().toLowerCase();
        }

        String release() {
            return "naas-" + id();
        }

        Path valuesFile() {
            return CHART.chartDirectory().resolve("ci").resolve(id() + "-values.yaml");
        }

        Manifests render() {
            return CHART.template(release(), List.of(valuesFile()));
        }
    }

    @TempDir
    Path tmp;

    /** Writes values to a file of their own, for a {@code -f} of their own. */
    private Path valuesFile(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(tmp, "values", ".yaml"), yaml);
    }

    /** Renders a service with its example values and then these, like a second {@code -f}. */
    private Manifests render(Service service, String overridesYaml) throws IOException {
        return CHART.template(service.release(), List.of(service.valuesFile(), valuesFile(overridesYaml)));
    }

    private static JsonNode container(Manifests manifests) {
        JsonNode containers = manifests.single("Deployment").at("/spec/template/spec/containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static Map<String, String> selectorLabels(Service service) {
        return Map.of("app.kubernetes.io/name", service.id(), "app.kubernetes.io/instance", service.release());
    }

    private static Map<String, String> labels(JsonNode labels) {
        return JSON.convertValue(labels, new TypeReference<Map<String, String>>() { });
    }

    private static JsonNode variable(JsonNode env, String name) {
        for (JsonNode variable : env) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("no env " + name + " in " + env);
    }

    private static JsonNode secretKeyRef(String secretName, String key) {
        return JSON.createObjectNode().put("name", secretName).put("key", key);
    }

    @Nested
    class Lint {

        @ParameterizedTest
        @EnumSource(Service.class)
        void isCleanWithEachServicesValues(Service service) {
            LintResult result = CHART.lint(List.of(service.valuesFile()));

            assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
            // Helm's only remark is the missing icon, which an internal chart does without.
            assertThat(result.getMessages()).allSatisfy(message -> assertThat(message).startsWith("[INFO] Chart.yaml: icon"));
        }

        @Test
        void ofTheBareChartFailsNamingTheValuesEveryReleaseMustGive() {
            LintResult result = CHART.lint(List.of());

            assertThat(result.isFailed()).isTrue();
            assertThat(String.join("\n", result.getMessages()))
                    .contains("'repository'", "'tag'")
                    .contains("'containerPort'");
        }
    }

    @Nested
    class EveryService {

        @ParameterizedTest
        @EnumSource(Service.class)
        void runsItsImageOnItsPortBehindAService(Service service) {
            Manifests manifests = service.render();

            JsonNode container = container(manifests);
            assertThat(container.path("image").asText()).isEqualTo(service.image + ":" + TAG);
            assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(service.port);
            assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
            JsonNode port = manifests.single("Service").at("/spec/ports/0");
            assertThat(port.path("port").asInt()).isEqualTo(service.port);
            assertThat(port.path("targetPort").asText()).isEqualTo("http");
            assertThat(manifests.single("Service").at("/spec/type").asText()).isEqualTo("ClusterIP");
        }

        @ParameterizedTest
        @EnumSource(Service.class)
        void spreadsItsReplicasOverNodesAndZones(Service service) {
            JsonNode deployment = service.render().single("Deployment");
            JsonNode selector = deployment.at("/spec/selector/matchLabels");
            JsonNode constraints = deployment.at("/spec/template/spec/topologySpreadConstraints");
            assertThat(constraints).hasSize(2);
            assertThat(constraints.get(0).path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
            assertThat(constraints.get(0).path("whenUnsatisfiable").asText()).isEqualTo("DoNotSchedule");
            assertThat(constraints.get(1).path("topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone");
            for (JsonNode constraint : constraints) {
                assertThat(constraint.path("maxSkew").asInt()).isEqualTo(1);
                assertThat(constraint.at("/labelSelector/matchLabels")).as("selects exactly this service's pods")
                        .isEqualTo(selector);
            }
        }

        @ParameterizedTest
        @EnumSource(Service.class)
        void runsRestrictedNonRootWithoutPrivilegeOrCapabilities(Service service) {
            Manifests manifests = service.render();

            JsonNode pod = manifests.single("Deployment").at("/spec/template/spec/securityContext");
            assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.path("runAsUser").asInt()).isEqualTo(1000);
            assertThat(pod.path("runAsGroup").asInt()).isEqualTo(1000);
            assertThat(pod.path("fsGroup").asInt()).isEqualTo(1000);
            assertThat(pod.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
            JsonNode container = container(manifests).path("securityContext");
            assertThat(container.path("runAsNonRoot").asBoolean()).isTrue();
            assertThat(container.path("allowPrivilegeEscalation").isBoolean()).isTrue();
            assertThat(container.path("allowPrivilegeEscalation").asBoolean()).isFalse();
            assertThat(container.at("/capabilities/drop")).extracting(JsonNode::asText).containsExactly("ALL");
            assertThat(container.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        }

        @ParameterizedTest
        @EnumSource(Service.class)
        void declaresRequestsAndLimitsAndBothProbes(Service service) {
            JsonNode container = container(service.render());

            assertThat(container.at("/resources/requests/cpu").isMissingNode()).isFalse();
            assertThat(container.at("/resources/requests/memory").isMissingNode()).isFalse();
            assertThat(container.at("/resources/limits/cpu").isMissingNode()).isFalse();
            assertThat(container.at("/resources/limits/memory").isMissingNode()).isFalse();
            // The services answer GET / only for hub-authenticated requests, so the probes open the port.
            for (String probe : List.of("livenessProbe", "readinessProbe")) {
                assertThat(container.at("/" + probe + "/tcpSocket/port").asText()).as(probe).isEqualTo("http");
                assertThat(container.at("/" + probe + "/periodSeconds").asInt()).as(probe).isPositive();
            }
        }

        @ParameterizedTest
        @EnumSource(Service.class)
        void labelsEveryObjectAndSelectsByNameAndInstanceOnly(Service service) {
            Manifests manifests = service.render();

            List<JsonNode> labelled = new ArrayList<>(manifests.objects());
            labelled.add(manifests.single("Deployment").at("/spec/template"));
            assertThat(labelled).allSatisfy(object -> assertThat(labels(object.at("/metadata/labels")))
                    .as("%s %s", object.path("kind").asText("pod template"), object.at("/metadata/name").asText())
                    .containsAllEntriesOf(selectorLabels(service))
                    .containsEntry("app.kubernetes.io/version", TAG)
                    .containsEntry("app.kubernetes.io/managed-by", "Helm")
                    .containsEntry("app.kubernetes.io/part-of", "naas"));
            assertThat(labels(manifests.single("Deployment").at("/spec/selector/matchLabels"))).isEqualTo(selectorLabels(service));
            assertThat(labels(manifests.single("Service").at("/spec/selector"))).isEqualTo(selectorLabels(service));
        }

        @ParameterizedTest
        @EnumSource(Service.class)
        void hasADisruptionBudgetOverTheDeploymentsPods(Service service) {
            Manifests manifests = service.render();

            JsonNode pdb = manifests.single("PodDisruptionBudget");
            assertThat(pdb.path("apiVersion").asText()).isEqualTo("policy/v1");
            assertThat(labels(pdb.at("/spec/selector/matchLabels")))
                    .isEqualTo(labels(manifests.single("Deployment").at("/spec/selector/matchLabels")));
            assertThat(pdb.at("/spec/minAvailable").isMissingNode() != pdb.at("/spec/maxUnavailable").isMissingNode())
                    .as("exactly one of minAvailable and maxUnavailable").isTrue();
        }

        @ParameterizedTest
        @EnumSource(Service.class)
        void admitsTrafficOnlyFromTheIngressControllerAndTheAllowedSources(Service service) {
            Manifests manifests = service.render();

            JsonNode policy = manifests.single("NetworkPolicy");
            assertThat(labels(policy.at("/spec/podSelector/matchLabels"))).isEqualTo(selectorLabels(service));
            assertThat(policy.at("/spec/policyTypes")).extracting(JsonNode::asText).containsExactly("Ingress");
            JsonNode rules = policy.at("/spec/ingress");
            assertThat(rules).hasSize(1);
            assertThat(rules.at("/0/from").findValuesAsText("kubernetes.io/metadata.name"))
                    .containsExactly("ingress-nginx", "jupyter");
            assertThat(rules.at("/0/ports/0/port").asText()).isEqualTo("http");
        }

        @ParameterizedTest
        @EnumSource(Service.class)
        void runsOnTheNaasNodePoolUnderItsOwnAccountWithoutAnApiToken(Service service) {
            Manifests manifests = service.render();

            JsonNode pod = manifests.single("Deployment").at("/spec/template/spec");
            assertThat(pod.at("/nodeSelector/hub.jupyter.org~1node-purpose").asText()).isEqualTo("core");
            ObjectNode account = manifests.single("ServiceAccount");
            assertThat(pod.path("serviceAccountName").asText()).isEqualTo(account.at("/metadata/name").asText())
                    .isEqualTo(service.release());
            assertThat(account.path("automountServiceAccountToken").asBoolean(true)).isFalse();
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        }

        @ParameterizedTest
        @EnumSource(Service.class)
        void takesEachSecretEnvFromItsSecretAndRendersNoSecret(Service service) throws IOException {
            Manifests manifests = service.render();
            JsonNode secretEnv = YAML.readTree(service.valuesFile().toFile()).path("secretEnv");

            assertThat(manifests.ofKind("Secret")).isEmpty();
            JsonNode env = container(manifests).path("env");
            for (Map.Entry<String, JsonNode> secret : secretEnv.properties()) {
                JsonNode variable = variable(env, secret.getKey());
                assertThat(variable.has("value")).as(secret.getKey()).isFalse();
                assertThat(variable.at("/valueFrom/secretKeyRef")).as(secret.getKey())
                        .isEqualTo(secretKeyRef(secret.getValue().path("secretName").asText(),
                                secret.getValue().path("key").asText()));
            }
        }
    }

    @Nested
    class Environment {

        @Test
        void takesSecretsFromSecretKeyRefsAndPlainSettingsAsValues() {
            JsonNode env = container(Service.NOTIFICATIONS.render()).path("env");

            assertThat(env).extracting(variable -> variable.path("name").asText())
                    .containsExactlyInAnyOrder("ADMIN_TOKEN", "EMAIL_HOST", "EMAIL_PASSWORD", "EMAIL_SECURE",
                            "EMAIL_USER", "HUB_HOST", "PROXY_DB");
            assertThat(variable(env, "HUB_HOST").path("value").asText()).isEqualTo("hub.naas.example.com");
            assertThat(variable(env, "EMAIL_SECURE").path("value").asText()).isEqualTo("true");
            assertThat(variable(env, "PROXY_DB").at("/valueFrom/secretKeyRef"))
                    .isEqualTo(secretKeyRef("naas-notifications-db", "url"));
            assertThat(variable(env, "EMAIL_USER").at("/valueFrom/secretKeyRef"))
                    .isEqualTo(secretKeyRef("naas-notifications-smtp", "username"));
            assertThat(variable(env, "EMAIL_PASSWORD").at("/valueFrom/secretKeyRef"))
                    .isEqualTo(secretKeyRef("naas-notifications-smtp", "password"));
            assertThat(variable(env, "ADMIN_TOKEN").at("/valueFrom/secretKeyRef"))
                    .isEqualTo(secretKeyRef("naas-notifications-admin", "token"));
        }

        @Test
        void passesEnvFromThrough() throws IOException {
            JsonNode container = container(render(Service.PROXY, """
                    envFrom:
                      - configMapRef:
                          name: naas-shared
                    """));

            assertThat(container.at("/envFrom/0/configMapRef/name").asText()).isEqualTo("naas-shared");
        }

        @Test
        void refusesAVariableThatIsBothPlainAndSecret() {
            assertThatThrownBy(() -> render(Service.PROXY, """
                    env:
                      PROXY_DB: postgres://proxy:hunter2@db/proxy
                    """)).hasMessageContaining("PROXY_DB is in both env and secretEnv");
        }
    }

    @Nested
    class Options {

        @Test
        void autoscalingAddsAnHpaAndLeavesTheReplicaCountToIt() {
            Manifests manifests = Service.PROXY.render();

            JsonNode hpa = manifests.single("HorizontalPodAutoscaler");
            assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
            assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
            assertThat(hpa.at("/spec/scaleTargetRef/name").asText())
                    .isEqualTo(manifests.single("Deployment").at("/metadata/name").asText());
            assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(2);
            assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(6);
            assertThat(hpa.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
            assertThat(hpa.at("/spec/metrics/0/resource/target/averageUtilization").asInt()).isEqualTo(70);
            assertThat(manifests.single("Deployment").at("/spec/replicas").isMissingNode()).isTrue();
        }

        @Test
        void withoutAutoscalingTheDeploymentSetsTheReplicaCount() {
            Manifests manifests = Service.NOTIFICATIONS.render();

            assertThat(manifests.ofKind("HorizontalPodAutoscaler")).isEmpty();
            assertThat(manifests.single("Deployment").at("/spec/replicas").asInt()).isEqualTo(2);
        }

        @Test
        void autoscalingRefusesAMaximumBelowTheMinimum() {
            assertThatThrownBy(() -> render(Service.PROXY, """
                    autoscaling:
                      minReplicas: 4
                      maxReplicas: 3
                    """)).hasMessageContaining("autoscaling.maxReplicas (3) is below autoscaling.minReplicas (4)");
        }

        @Test
        void ingressIsRenderedOnlyWhenEnabled() {
            assertThat(Service.NOTIFICATIONS.render().ofKind("Ingress")).isEmpty();
            assertThat(Service.SCREENSHOT.render().ofKind("Ingress")).isEmpty();

            Manifests proxy = Service.PROXY.render();
            JsonNode ingress = proxy.single("Ingress");
            assertThat(ingress.at("/spec/ingressClassName").asText()).isEqualTo("nginx");
            assertThat(ingress.at("/spec/rules/0/host").asText()).isEqualTo("public.naas.example.com");
            assertThat(ingress.at("/spec/rules/0/http/paths/0/path").asText()).isEqualTo("/");
            assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText())
                    .isEqualTo(proxy.single("Service").at("/metadata/name").asText());
            assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/port/name").asText()).isEqualTo("http");
            assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo("naas-public-tls");
            assertThat(ingress.at("/spec/tls/0/hosts/0").asText()).isEqualTo("public.naas.example.com");
        }

        @Test
        void anEnabledIngressNeedsAHost() {
            assertThatThrownBy(() -> render(Service.NOTIFICATIONS, "ingress: {enabled: true}"))
                    .hasMessageContaining("ingress.host is required when ingress.enabled is true");
        }

        @Test
        void aReadOnlyRootFilesystemComesWithAWritableTmp() {
            JsonNode pod = Service.PROXY.render().single("Deployment").at("/spec/template/spec");

            assertThat(pod.at("/containers/0/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(pod.at("/containers/0/volumeMounts/0/mountPath").asText()).isEqualTo("/tmp");
            assertThat(pod.at("/volumes/0/name").asText()).isEqualTo(pod.at("/containers/0/volumeMounts/0/name").asText());
            assertThat(pod.at("/volumes/0/emptyDir").isObject()).isTrue();
        }

        @Test
        void aServiceMayOptOutOfTheReadOnlyRootFilesystem() {
            JsonNode pod = Service.SCREENSHOT.render().single("Deployment").at("/spec/template/spec");

            assertThat(pod.at("/containers/0/securityContext/readOnlyRootFilesystem").isBoolean()).isTrue();
            assertThat(pod.at("/containers/0/securityContext/readOnlyRootFilesystem").asBoolean()).isFalse();
            assertThat(pod.has("volumes")).isFalse();
        }

        @Test
        void probesMayGetAnHttpPath() throws IOException {
            JsonNode container = container(render(Service.CALLBACK, """
                    probes:
                      type: httpGet
                      path: /healthz
                      port: 3004
                    """));

            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
            assertThat(container.at("/livenessProbe/httpGet/port").asInt()).isEqualTo(3004);
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/healthz");
            assertThat(container.has("tcpSocket")).isFalse();
        }

        @Test
        void theDisruptionBudgetTakesEitherMinAvailableOrMaxUnavailable() throws IOException {
            JsonNode byDefault = Service.PROXY.render().single("PodDisruptionBudget").path("spec");
            assertThat(byDefault.path("maxUnavailable").asInt()).isEqualTo(1);
            assertThat(byDefault.has("minAvailable")).isFalse();

            JsonNode screenshot = Service.SCREENSHOT.render().single("PodDisruptionBudget").path("spec");
            assertThat(screenshot.path("minAvailable").asInt()).isEqualTo(1);
            assertThat(screenshot.has("maxUnavailable")).isFalse();

            assertThatThrownBy(() -> render(Service.PROXY, "podDisruptionBudget: {minAvailable: 1}"))
                    .hasMessageContaining("set either minAvailable or maxUnavailable, not both");
            assertThat(render(Service.PROXY, "podDisruptionBudget: {maxUnavailable: 50%}")
                    .single("PodDisruptionBudget").at("/spec/maxUnavailable").asText()).isEqualTo("50%");
        }

        @Test
        void theServiceAccountMayCarryAnIamRoleAndMountATokenWhenAsked() throws IOException {
            Manifests manifests = render(Service.CALLBACK, """
                    serviceAccount:
                      annotations:
                        eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/naas-callback
                      automountServiceAccountToken: true
                    """);

            ObjectNode account = manifests.single("ServiceAccount");
            assertThat(account.at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText())
                    .isEqualTo("arn:aws:iam::123456789012:role/naas-callback");
            assertThat(account.path("automountServiceAccountToken").asBoolean()).isTrue();
            assertThat(manifests.single("Deployment").at("/spec/template/spec/automountServiceAccountToken").asBoolean())
                    .isTrue();
        }

        @Test
        void passesPodAnnotationsPullSecretsTolerationsAndAffinityThrough() throws IOException {
            JsonNode template = render(Service.SCREENSHOT, """
                    podAnnotations: {example.com/owner: platform}
                    imagePullSecrets: [{name: dockerhub}]
                    tolerations: [{key: naas, operator: Exists, effect: NoSchedule}]
                    affinity:
                      podAntiAffinity:
                        preferredDuringSchedulingIgnoredDuringExecution:
                          - weight: 100
                            podAffinityTerm:
                              topologyKey: topology.kubernetes.io/zone
                              labelSelector: {matchLabels: {app.kubernetes.io/name: screenshot}}
                    """).single("Deployment").at("/spec/template");

            assertThat(template.at("/metadata/annotations/example.com~1owner").asText()).isEqualTo("platform");
            assertThat(template.at("/spec/imagePullSecrets/0/name").asText()).isEqualTo("dockerhub");
            assertThat(template.at("/spec/tolerations/0/key").asText()).isEqualTo("naas");
            assertThat(template.at("/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0"
                    + "/podAffinityTerm/topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone");
        }

        @Test
        void aNetworkPolicyWithNoSourcesAdmitsNothing() throws IOException {
            JsonNode policy = render(Service.NOTIFICATIONS, """
                    networkPolicy:
                      ingressControllerNamespace: ""
                      allowedNamespaces: []
                    """).single("NetworkPolicy");

            assertThat(policy.at("/spec/policyTypes")).extracting(JsonNode::asText).containsExactly("Ingress");
            assertThat(policy.at("/spec/ingress")).isEmpty();
        }

        @Test
        void aNetworkPolicyAdmitsAllowedPodsOfTheReleaseNamespace() {
            JsonNode from = Service.SCREENSHOT.render().single("NetworkPolicy").at("/spec/ingress/0/from");

            assertThat(from.findValues("podSelector")).singleElement()
                    .satisfies(selector -> assertThat(labels(selector.path("matchLabels")))
                            .isEqualTo(Map.of("app.kubernetes.io/name", "notifications")));
        }
    }

    @Nested
    class InvalidValues {

        /** Values complete but for resources, given alone (not over a service's example values). */
        private static final String WITHOUT_RESOURCES = """
                image: {repository: jupyternaas/proxy, tag: "1.0.0"}
                containerPort: 3002
                """;

        private Manifests renderAlone(String yaml) throws IOException {
            return CHART.template("naas-proxy", List.of(valuesFile(yaml)));
        }

        @Test
        void missingResourcesFailRenderingWithAClearMessage() {
            assertThatThrownBy(() -> renderAlone(WITHOUT_RESOURCES))
                    .hasMessageContaining("resources.requests.cpu is required");
            assertThatThrownBy(() -> renderAlone(WITHOUT_RESOURCES + "resources: {requests: {cpu: 100m, memory: 128Mi}}"))
                    .hasMessageContaining("resources.limits.cpu is required");
            assertThatThrownBy(() -> renderAlone(WITHOUT_RESOURCES
                    + "resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m}}"))
                    .hasMessageContaining("resources.limits.memory is required");
            // Dropping resources from a service's example values fails the same way.
            assertThatThrownBy(() -> render(Service.PROXY, "resources: null"))
                    .hasMessageContaining("resources.requests.cpu is required");
        }

        @Test
        void aMissingOrEmptyImageTagFailsTheSchema() {
            String resources = "resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}\n";
            assertThatThrownBy(() -> renderAlone(resources + "image: {repository: jupyternaas/proxy}\ncontainerPort: 3002"))
                    .hasMessageContaining("at '/image': missing property 'tag'");
            assertThatThrownBy(() -> render(Service.PROXY, "image: {tag: \"\"}"))
                    .hasMessageContaining("/image/tag");
        }

        @Test
        void aPortOutsideOneTo65535FailsTheSchema() {
            assertThatThrownBy(() -> render(Service.PROXY, "containerPort: 70000"))
                    .hasMessageContaining("/containerPort").hasMessageContaining("maximum");
            assertThatThrownBy(() -> render(Service.PROXY, "containerPort: 0"))
                    .hasMessageContaining("/containerPort").hasMessageContaining("minimum");
        }

        @Test
        void aNonStringImageTagFailsTheSchema() {
            // Unquoted, 1.10 is the number 1.1: the schema wants the tag quoted.
            assertThatThrownBy(() -> render(Service.PROXY, "image: {tag: 1.10}"))
                    .hasMessageContaining("/image/tag").hasMessageContaining("string");
        }

        @Test
        void fewerThanOneReplicaFailsTheSchema() {
            assertThatThrownBy(() -> render(Service.NOTIFICATIONS, "replicaCount: 0"))
                    .hasMessageContaining("/replicaCount").hasMessageContaining("minimum");
        }

        @Test
        void aMisspelledKeyFailsTheSchema() {
            assertThatThrownBy(() -> render(Service.NOTIFICATIONS, "replicas: 3"))
                    .hasMessageContaining("'replicas'");
        }

        @Test
        void aSecretEnvEntryWithoutKeyFailsTheSchema() {
            assertThatThrownBy(() -> render(Service.NOTIFICATIONS, "secretEnv: {SENTRY_DSN: {secretName: sentry}}"))
                    .hasMessageContaining("/secretEnv/SENTRY_DSN").hasMessageContaining("'key'");
        }

        @Test
        void lintReportsSchemaViolationsToo() throws IOException {
            LintResult result = CHART.lint(List.of(Service.PROXY.valuesFile(), valuesFile("containerPort: 70000")));

            assertThat(result.isFailed()).isTrue();
            assertThat(String.join("\n", result.getMessages())).contains("/containerPort");
        }
    }

    @Nested
    class KubernetesVersion {

        @Test
        void withoutOneHelmAssumesV1_20WhichTheChartRefuses() {
            ChartRenderer helmDefault = ChartRenderer.forChart("naas-service").inNamespace(NAMESPACE);

            assertThatThrownBy(() -> helmDefault.template(Service.PROXY.release(), List.of(Service.PROXY.valuesFile())))
                    .hasMessageContaining("chart requires kubeVersion: >=1.23.0-0")
                    .hasMessageContaining("Kubernetes v1.20.0");
        }

        @Test
        void theGivenVersionReachesTheTemplates() {
            // unhealthyPodEvictionPolicy is rendered from Kubernetes 1.27 on, judged by .Capabilities.KubeVersion.
            assertThat(Service.PROXY.render().single("PodDisruptionBudget").at("/spec/unhealthyPodEvictionPolicy").asText())
                    .isEqualTo("AlwaysAllow");

            Manifests on126 = CHART.forKubernetes("v1.26.15").template(Service.PROXY.release(), List.of(Service.PROXY.valuesFile()));
            assertThat(on126.single("PodDisruptionBudget").at("/spec/unhealthyPodEvictionPolicy").isMissingNode()).isTrue();
            assertThat(on126.single("HorizontalPodAutoscaler").path("apiVersion").asText()).isEqualTo("autoscaling/v2");
        }

        @Test
        void acceptsEksVersionStrings() {
            Manifests manifests = CHART.forKubernetes("v1.33.4-eks-0a1b2c3")
                    .template(Service.PROXY.release(), List.of(Service.PROXY.valuesFile()));

            assertThat(manifests.single("HorizontalPodAutoscaler").path("apiVersion").asText()).isEqualTo("autoscaling/v2");
        }
    }

    @Test
    void noTemplateCallsLookup() throws IOException {
        // helm-java's lookup would query the cluster of whatever kubeconfig the machine has.
        try (Stream<Path> templates = Files.list(CHART.chartDirectory().resolve("templates"))) {
            assertThat(templates.toList()).isNotEmpty().allSatisfy(template ->
                    assertThat(Files.readString(template)).as("%s", template.getFileName()).doesNotContain("lookup"));
        }
    }

    @Test
    void everyObjectIsNamedAfterTheRelease() {
        Manifests manifests = Service.CALLBACK.render();

        assertThat(manifests.objects()).extracting(o -> o.at("/metadata/name").asText()).containsOnly("naas-callback");
        assertThat(manifests.objects()).extracting(o -> o.path("kind").asText()).containsExactlyInAnyOrder(
                "ServiceAccount", "Service", "Deployment", "PodDisruptionBudget", "NetworkPolicy", "Ingress");
    }
}
