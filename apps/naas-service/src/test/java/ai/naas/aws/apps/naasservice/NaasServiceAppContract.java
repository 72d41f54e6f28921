package ai.naas.aws.apps.naasservice;

import ai.naas.aws.apps.naasservice.ChartRenderer.Manifests;
import ai.naas.aws.config.ConfigException;
import ai.naas.aws.plan.PlannedResource;
import ai.naas.aws.platform.AppHarness;
import ai.naas.aws.support.Digests;
import ai.naas.aws.platform.spi.DatabaseConnection;
import ai.naas.aws.platform.AppCatalog;
import ai.naas.aws.platform.spi.Endpoint;
import ai.naas.aws.platform.spi.Need;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every Naas service on {@code charts/naas-service} must show, inherited by each service module's test:
 * <ul>
 *   <li>the chart, linted and rendered by Helm (Kubernetes {@value #KUBERNETES}) with the values the app's own code
 *       builds from settings read by the real config reader;</li>
 *   <li>the app deployed under the offline engine: what it registers, what waits for what, and that no secret
 *       reaches the values or the plan;</li>
 *   <li>bad settings refused by the config reader, naming the key.</li>
 * </ul>
 * A subclass says which app, its config and secrets, and the image it should run.
 *
 * @param <S> the app's settings record
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class NaasServiceAppContract<S extends ServiceSettings> {

    /** EKS's current version. */
    protected static final String KUBERNETES = "1.33.0";
    protected static final ChartRenderer CHART = ChartRenderer.forChart(NaasServiceApp.CHART)
            .inNamespace(NaasServiceApp.NAMESPACE).forKubernetes(KUBERNETES);
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper SORTED = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** The hub's namespace, as the {@code jupyterhub} app's endpoint tells the services. */
    protected static final String JUPYTER_NAMESPACE = "jupyter";
    protected static final Endpoint HUB = new Endpoint(JUPYTER_NAMESPACE, "proxy-public", 80);

    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final String SECRET = "kubernetes:core/v1:Secret";

    /** The app under test. */
    protected abstract NaasServiceApp<S> app();

    /** {@code naas:<app>} as a stack would set it (JSON), the least that is valid. */
    protected abstract String config();

    /** The app's secrets, plain text, as a stack would set them. */
    protected Map<String, String> secrets() {
        return Map.of();
    }

    /** The image the app should run with {@link #config()}. */
    protected abstract String expectedImage();

    protected S settings;
    protected Map<String, Object> values;
    protected Manifests manifests;
    protected AppHarness.Planned<S> planned;

    @BeforeAll
    void renderAndPlan() {
        planned = harness(config()).plan();
        settings = planned.context().settings();
        values = app().values(settings, wiring(ChartLocation.find(NaasServiceApp.CHART).digest()));
        manifests = CHART.template(app().name(), values);
    }

    /** The app with {@code naas:<app>} set to {@code json}, its {@link #secrets()}, and the hub enabled. */
    protected AppHarness<S> harness(String json) {
        var harness = AppHarness.of(app()).settings(json).endpoint(NaasServiceApp.JUPYTERHUB_APP, HUB);
        secrets().forEach(harness::secret);
        return harness;
    }

    /** {@code naas:<app>} read by the platform's real config reader. */
    protected S parse(String json) {
        return harness(json).readSettings();
    }

    /** {@code value} as JSON with sorted keys: values compared as the release receives them, whatever the number types. */
    protected static String asJson(Object value) {
        try {
            return SORTED.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** What the app derives from the context the platform gave it in {@link #planned}. */
    protected Wiring wiring(String chartDigest) {
        return app().wiring(planned.context(), chartDigest);
    }

    protected String configKey() {
        return "naas:" + app().name();
    }

    protected JsonNode container() {
        JsonNode containers = manifests.single("Deployment").at("/spec/template/spec/containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    /** The container's variable {@code name}. */
    protected JsonNode variable(String name) {
        for (JsonNode variable : container().path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("no env " + name + " in " + container().path("env"));
    }

    /** Plain variables, name to value. */
    protected Map<String, String> plainEnvironment() {
        var env = new TreeMap<String, String>();
        container().path("env").forEach(v -> {
            if (v.has("value")) {
                env.put(v.path("name").asText(), v.path("value").asText());
            }
        });
        return env;
    }

    protected static Map<String, String> strings(JsonNode node) {
        return JSON.convertValue(node, new TypeReference<Map<String, String>>() { });
    }

    /** Every secret as the services could see it: plain, and percent-encoded. */
    private List<String> secretForms() {
        var forms = new ArrayList<String>();
        secrets().values().forEach(value -> {
            forms.add(value);
            forms.add(UrlText.percentEncode(value));
        });
        return forms;
    }

    // ---- The chart, rendered by Helm with the app's values ----

    @Test
    void theChartLintsCleanWithTheAppsValues() {
        LintResult result = CHART.lint(values);

        assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).allSatisfy(message -> assertThat(message).startsWith("[INFO] Chart.yaml: icon"));
    }

    @Test
    void runsItsImageOnItsPortBehindTheServiceItsEndpointNames() {
        assertThat(container().path("image").asText()).isEqualTo(expectedImage());
        assertThat(container().at("/ports/0/containerPort").asInt()).isEqualTo(app().port());
        assertThat(plainEnvironment()).containsEntry("PORT", String.valueOf(app().port()));

        Endpoint endpoint = app().endpoint(settings).orElseThrow();
        JsonNode service = manifests.single("Service");
        assertThat(endpoint.namespace()).isEqualTo("naas");
        assertThat(service.at("/metadata/name").asText()).isEqualTo(endpoint.service()).isEqualTo(app().name());
        assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(endpoint.port()).isEqualTo(app().port());
        assertThat(strings(service.at("/spec/selector"))).containsEntry("app.kubernetes.io/name", app().service());
    }

    @Test
    void runsRestrictedNonRootWithoutPrivilegeOrCapabilities() {
        JsonNode pod = manifests.single("Deployment").at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(1000);
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        JsonNode container = container().path("securityContext");
        assertThat(container.path("allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(container.path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(container.at("/capabilities/drop")).extracting(JsonNode::asText).containsExactly("ALL");
        boolean readOnly = container.path("readOnlyRootFilesystem").asBoolean();
        assertThat(readOnly).isEqualTo(((Map<?, ?>) values.get("securityContext")).get("readOnlyRootFilesystem"));
        assertThat(pod.has("volumes")).as("an emptyDir at /tmp exactly when the root filesystem is read-only").isEqualTo(readOnly);
    }

    @Test
    void declaresTheSettingsRequestsAndLimitsAndProbesItsPort() {
        JsonNode resources = container().path("resources");
        assertThat(resources.at("/requests/cpu").asText()).isEqualTo(settings.resources().requests().cpu());
        assertThat(resources.at("/requests/memory").asText()).isEqualTo(settings.resources().requests().memory());
        assertThat(resources.at("/limits/cpu").asText()).isEqualTo(settings.resources().limits().cpu());
        assertThat(resources.at("/limits/memory").asText()).isEqualTo(settings.resources().limits().memory());
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
            assertThat(container().at("/" + probe + "/tcpSocket/port").asText()).as(probe).isEqualTo("http");
        }
    }

    @Test
    void hasADisruptionBudgetOverItsPodsAndReplicasFromItsSettings() {
        JsonNode pdb = manifests.single("PodDisruptionBudget");
        assertThat(pdb.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
        assertThat(strings(pdb.at("/spec/selector/matchLabels")))
                .isEqualTo(strings(manifests.single("Deployment").at("/spec/selector/matchLabels")));
        if (settings.autoscaling().enabled()) {
            assertThat(manifests.single("HorizontalPodAutoscaler").at("/spec/maxReplicas").asInt())
                    .isEqualTo(settings.autoscaling().maxReplicas());
        } else {
            assertThat(manifests.ofKind("HorizontalPodAutoscaler")).isEmpty();
            assertThat(manifests.single("Deployment").at("/spec/replicas").asInt()).isEqualTo(settings.replicas());
        }
    }

    @Test
    void admitsTheJupyterNamespaceAndOnlyWhenExposedTheIngressController() {
        JsonNode policy = manifests.single("NetworkPolicy");
        assertThat(policy.at("/spec/policyTypes")).extracting(JsonNode::asText).containsExactly("Ingress");
        List<String> namespaces = policy.at("/spec/ingress/0/from").findValuesAsText("kubernetes.io/metadata.name");
        if (app().needs().contains(Need.INGRESS)) {
            assertThat(namespaces).containsExactly(NaasServiceApp.INGRESS_CONTROLLER_NAMESPACE, JUPYTER_NAMESPACE);
        } else {
            assertThat(namespaces).containsExactly(JUPYTER_NAMESPACE);
        }
        assertThat(policy.at("/spec/ingress/0/ports/0/port").asText()).isEqualTo("http");
    }

    @Test
    void isExposedOnlyWhenItDeclaresIngress() {
        if (app().needs().contains(Need.INGRESS)) {
            JsonNode ingress = manifests.single("Ingress");
            assertThat(ingress.at("/spec/ingressClassName").asText()).isEqualTo(AppHarness.ingress().className());
            assertThat(ingress.at("/spec/rules/0/host").asText()).endsWith("." + AppHarness.DOMAIN);
            assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText()).isEqualTo(app().name());
            // TLS ends at the load balancer (IngressHosts): no certificate Secret to name.
            assertThat(ingress.at("/spec/tls").isMissingNode()).isTrue();
        } else {
            assertThat(manifests.ofKind("Ingress")).isEmpty();
        }
    }

    @Test
    void runsOnTheNaasPoolUnderItsOwnAccountWithoutAnApiToken() {
        JsonNode pod = manifests.single("Deployment").at("/spec/template/spec");
        assertThat(strings(pod.path("nodeSelector"))).isEqualTo(Map.of("hub.jupyter.org/node-purpose", "core"));
        assertThat(pod.has("tolerations")).isFalse();
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo(app().name());
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
    }

    @Test
    void labelsItsObjectsWithTheServiceAndTheImageTag() {
        assertThat(manifests.objects()).allSatisfy(object -> assertThat(strings(object.at("/metadata/labels")))
                .containsEntry("app.kubernetes.io/name", app().service())
                .containsEntry("app.kubernetes.io/instance", app().name())
                .containsEntry("app.kubernetes.io/version", settings.image().tag())
                .containsEntry("app.kubernetes.io/part-of", "naas"));
    }

    @Test
    void takesEverySecretFromASecretKeyAndRendersNoSecret() {
        var expected = new TreeMap<String, Map<String, String>>();
        if (app().needs().contains(Need.DATABASE)) {
            expected.put("PROXY_DB", Map.of("name", AppHarness.databaseSecret(app()), "key", "url"));
        }
        secrets().keySet().forEach(name -> {
            // Which variable reads the secret is the app's business; that it is read from the app's Secret is ours.
            assertThat(new ArrayList<Object>(((Map<?, ?>) values.get("secretEnv")).values()))
                    .contains(Map.of("secretName", app().secretName(), "key", name));
        });
        ((Map<?, ?>) values.get("secretEnv")).forEach((env, ref) -> {
            Map<?, ?> r = (Map<?, ?>) ref;
            expected.putIfAbsent((String) env, Map.of("name", (String) r.get("secretName"), "key", (String) r.get("key")));
        });
        var fromSecrets = new ArrayList<String>();
        container().path("env").forEach(v -> {
            if (v.has("valueFrom")) {
                fromSecrets.add(v.path("name").asText());
            }
        });
        assertThat(fromSecrets).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(expected).allSatisfy((env, ref) -> {
            JsonNode variable = variable(env);
            assertThat(variable.has("value")).as(env).isFalse();
            assertThat(strings(variable.at("/valueFrom/secretKeyRef"))).as(env).isEqualTo(ref);
        });
        assertThat(app().secretNames()).containsExactlyInAnyOrderElementsOf(secrets().keySet());
        assertThat(manifests.ofKind("Secret")).isEmpty();
        assertThat(secretForms()).allSatisfy(secret -> assertThat(manifests.text()).doesNotContain(secret));
    }

    // ---- The app, planned ----

    @Test
    void theReleaseCarriesExactlyTheValuesBuilderOutputAndNoSecret() throws JsonProcessingException {
        PlannedResource release = planned.single(RELEASE);
        Map<String, Object> built = app().values(planned.context().settings(),
                app().wiring(planned.context(), ChartLocation.find(NaasServiceApp.CHART).digest()));
        // Only the image's repository is the platform's: where the nodes pull it from.
        Map<String, Object> expected = asDeployed(built);

        assertThat(SORTED.writeValueAsString(builderPart(release))).isEqualTo(SORTED.writeValueAsString(expected));
        assertThat(JSON.writeValueAsString(release.inputs())).doesNotContain("[secret]");
        // Beyond the builder's values, only the database Secret's checksum on the pods of a service that has one.
        var values = (Map<?, ?>) release.requireInput("values");
        if (app().needs().contains(Need.DATABASE)) {
            assertThat(new ArrayList<Object>(((Map<?, ?>) values.get("podAnnotations")).keySet()))
                    .containsExactly(DatabaseConnection.CHECKSUM_ANNOTATION);
        } else {
            assertThat(values.containsKey("podAnnotations")).isFalse();
        }
    }

    /** A release's values without the pod annotations the release adds to the values builder's output. */
    protected static Map<String, Object> builderPart(PlannedResource release) {
        var values = new java.util.LinkedHashMap<String, Object>();
        ((Map<?, ?>) release.requireInput("values")).forEach((k, v) -> values.put((String) k, v));
        values.remove("podAnnotations");
        return values;
    }

    @Test
    void verifiesTheDatabaseServerAgainstTheRdsBundleTheChartMounts() {
        JsonNode deployment = manifests.single("Deployment");
        JsonNode volumes = deployment.at("/spec/template/spec/volumes");
        JsonNode mounts = container().path("volumeMounts");
        if (!app().needs().contains(Need.DATABASE)) {
            assertThat(plainEnvironment()).doesNotContainKeys("PGSSLMODE", "NODE_EXTRA_CA_CERTS");
            assertThat(volumes.toString()).doesNotContain(DatabaseConnection.CA_BUNDLE_CONFIG_MAP);
            return;
        }
        // node-postgres: PGSSLMODE=verify-full connects with Node's TLS defaults (chain and host name checked);
        // NODE_EXTRA_CA_CERTS adds the RDS authorities to Node's store, from the file the chart mounts.
        assertThat(plainEnvironment()).containsEntry("PGSSLMODE", "verify-full")
                .containsEntry("NODE_EXTRA_CA_CERTS", "/etc/naas/rds-ca/rds-ca-bundle.pem");
        JsonNode mount = null;
        for (JsonNode m : mounts) {
            if (m.path("mountPath").asText().equals("/etc/naas/rds-ca")) {
                mount = m;
            }
        }
        assertThat(mount).as("the bundle's mount in " + mounts).isNotNull();
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        JsonNode volume = null;
        for (JsonNode v : volumes) {
            if (v.path("name").asText().equals(mount.path("name").asText())) {
                volume = v;
            }
        }
        assertThat(volume).isNotNull();
        assertThat(volume.at("/configMap/name").asText()).isEqualTo(DatabaseConnection.CA_BUNDLE_CONFIG_MAP);
        // The platform's ConfigMap in the app's namespace, with that key, and the release waits for it.
        PlannedResource bundle = planned.plan().ofType("kubernetes:core/v1:ConfigMap").stream()
                .filter(c -> DatabaseConnection.CA_BUNDLE_CONFIG_MAP.equals(c.requireInput("metadata.name")))
                .findFirst().orElseThrow();
        assertThat(bundle.requireInput("metadata.namespace")).isEqualTo(NaasServiceApp.NAMESPACE);
        assertThat(new ArrayList<Object>(((Map<?, ?>) bundle.requireInput("data")).keySet()))
                .containsExactly(DatabaseConnection.CA_BUNDLE_KEY);
        assertThat(planned.single(RELEASE).dependsOn()).contains(bundle.urn());
    }

    @Test
    void aNewDatabasePasswordRestartsThePodsAndTheReleaseWaitsForItsDatabaseSecret() {
        if (!app().needs().contains(Need.DATABASE)) {
            assertThat(planned.plan().ofType(SECRET).stream().map(PlannedResource::name))
                    .doesNotContain(AppHarness.databaseSecret(app()));
            return;
        }
        PlannedResource release = planned.single(RELEASE);
        PlannedResource secret = planned.plan().resource(SECRET, AppHarness.databaseSecret(app()));
        assertThat(release.dependsOn()).contains(secret.urn());

        String before = checksum(release);
        assertThat(before).matches("[0-9a-f]{64}").isNotEqualTo(Digests.sha256(AppHarness.DATABASE_PASSWORD));
        assertThat(checksum(harness(config()).plan().single(RELEASE))).isEqualTo(before);
        assertThat(checksum(harness(config()).secret(AppCatalog.DATABASE_PASSWORD, "a-new-database-password").plan()
                .single(RELEASE))).isNotEqualTo(before);
        // The chart puts it on the pod template, which is what restarts the pods.
        Manifests rendered = CHART.template(app().name(), JSON.convertValue(release.requireInput("values"),
                new TypeReference<Map<String, Object>>() { }));
        assertThat(rendered.single("Deployment").at("/spec/template/metadata/annotations")
                .path(DatabaseConnection.CHECKSUM_ANNOTATION).asText()).isEqualTo(before);
    }

    private static String checksum(PlannedResource release) {
        var annotations = (Map<?, ?>) ((Map<?, ?>) release.requireInput("values")).get("podAnnotations");
        return (String) annotations.get(DatabaseConnection.CHECKSUM_ANNOTATION);
    }

    @Test
    void itsImageIsPulledThroughThePlatformsImageCache() {
        PlannedResource release = planned.single(RELEASE);

        // A Docker Hub organisation's image: <registry>/<prefix>/<organisation>/<name>, no library/ (ECR User Guide).
        assertThat(settings.image().repository()).startsWith("jupyternaas/");
        assertThat(release.requireInput("values.image.repository"))
                .isEqualTo(AppHarness.IMAGE_REGISTRY + "/" + AppHarness.IMAGE_PREFIX + "/" + settings.image().repository());
        assertThat(release.requireInput("values.image.tag")).isEqualTo(settings.image().tag());
    }

    @Test
    void anImageOfAnotherRegistryIsPulledAsConfigured() throws JsonProcessingException {
        String own = "123456789012.dkr.ecr.eu-west-3.amazonaws.com/naas/" + app().service();
        ObjectNode json = (ObjectNode) JSON.readTree(config());
        json.putObject("image").put("repository", own).put("tag", "1.2.4-r1");

        PlannedResource release = harness(JSON.writeValueAsString(json)).plan().single(RELEASE);

        assertThat(release.requireInput("values.image.repository")).isEqualTo(own);
        assertThat(release.requireInput("values.image.tag")).isEqualTo("1.2.4-r1");
    }

    /** Where the harness's platform pulls a Docker Hub organisation's repository from. */
    private static String cachedRepository(String repository) {
        return AppHarness.IMAGE_REGISTRY + "/" + AppHarness.IMAGE_PREFIX + "/" + repository;
    }

    /**
     * {@code built} (the values builder's output, a Docker Hub organisation's image) as the release carries it: with
     * the repository the nodes pull through the harness's image cache.
     */
    protected static Map<String, Object> asDeployed(Map<String, Object> built) {
        String repository = (String) ((Map<?, ?>) built.get("image")).get("repository");
        return ServiceValues.withImageRepository(built, cachedRepository(repository));
    }

    @Test
    void noSecretValueAppearsAnywhereInThePlan() throws JsonProcessingException {
        String plan = JSON.writeValueAsString(planned.plan());

        assertThat(secretForms()).allSatisfy(secret -> assertThat(plan).doesNotContain(secret));
        assertThat(plan).doesNotContain(AppHarness.DATABASE_PASSWORD);
        var appSecrets = planned.plan().ofType(SECRET).stream()
                .filter(s -> !s.name().equals(AppHarness.databaseSecret(app()))).toList();
        if (secrets().isEmpty()) {
            assertThat(appSecrets).isEmpty();
        } else {
            assertThat(appSecrets).hasSize(1);
            PlannedResource secret = appSecrets.get(0);
            assertThat(secret.requireInput("metadata.name")).isEqualTo(app().secretName());
            assertThat(secret.requireInput("metadata.namespace")).isEqualTo("naas");
            assertThat(secret.requireInput("stringData")).isEqualTo("[secret]");
        }
    }

    @Test
    void theReleaseWaitsForItsSecretAndForWhatThePlatformReadied() {
        PlannedResource release = planned.single(RELEASE);
        PlannedResource namespace = planned.single("kubernetes:core/v1:Namespace");
        PlannedResource provider = planned.single("pulumi:providers:kubernetes");

        assertThat(release.dependsOn()).contains(namespace.urn());
        assertThat(release.provider()).isEqualTo(provider.urn());
        assertThat(planned.plan().byUrn(release.parent()).name()).isEqualTo(app().name());
        if (!secrets().isEmpty()) {
            PlannedResource secret = planned.plan().resource(SECRET, app().secretName());
            assertThat(release.dependsOn()).contains(secret.urn());
            assertThat(secret.dependsOn()).contains(namespace.urn());
            assertThat(secret.provider()).isEqualTo(provider.urn());
        }
    }

    @Test
    void theReleaseIsNamedAfterTheAppAndInstallsTheRepositorysChart() {
        PlannedResource release = planned.single(RELEASE);
        String chart = (String) release.requireInput("chart");

        assertThat(release.requireInput("name")).isEqualTo(app().name());
        assertThat(release.requireInput("namespace")).isEqualTo("naas");
        assertThat(chart).isEqualTo(ChartLocation.find(NaasServiceApp.CHART).path());
        assertThat(Paths.get(chart)).as("relative, so that it reads the same on every machine").isRelative();
        assertThat(Files.isRegularFile(Paths.get(chart).resolve("Chart.yaml"))).isTrue();
        assertThat(release.requireInput("maxHistory")).isEqualTo((long) NaasServiceApp.MAX_HISTORY);
    }

    // ---- Settings ----

    /** {@link #config()} with {@code overridesJson} merged over it, key by key. */
    protected String configWith(String overridesJson) {
        try {
            ObjectNode merged = (ObjectNode) JSON.readTree(config());
            merge(merged, (ObjectNode) JSON.readTree(overridesJson));
            return JSON.writeValueAsString(merged);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void merge(ObjectNode target, ObjectNode overrides) {
        overrides.properties().forEach(e -> {
            if (e.getValue().isObject() && target.path(e.getKey()).isObject()) {
                merge((ObjectNode) target.get(e.getKey()), (ObjectNode) e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        });
    }

    /** Settings every service refuses, each with the field the error must name. */
    Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("{\"image\": {\"repository\": \"JupyterNaas/Proxy\"}}", "image.repository"),
                Arguments.of("{\"image\": {\"repository\": \"jupyternaas/proxy:1.2.4\"}}", "image.repository"),
                Arguments.of("{\"image\": {\"repository\": \"registry.example.com/naas/x\", \"tag\": null}}", "image.tag"),
                Arguments.of("{\"image\": {\"tag\": \"latest\"}}", "image.tag"),
                Arguments.of("{\"image\": {\"tag\": \"1.0 beta\"}}", "image.tag"),
                Arguments.of("{\"image\": {\"tag\": 1.1}}", "image.tag"),
                Arguments.of("{\"replicas\": 0}", "replicas"),
                Arguments.of("{\"replicas\": 50}", "replicas"),
                Arguments.of("{\"replicas\": \"3\"}", "replicas"),
                Arguments.of("{\"resources\": {\"requests\": {\"cpu\": \"lots\"}}}", "resources.requests.cpu"),
                Arguments.of("{\"resources\": {\"limits\": {\"memory\": \"256m\"}}}", "resources.limits.memory"),
                Arguments.of("{\"resources\": {\"limits\": {\"memory\": \"256\"}}}", "resources.limits.memory"),
                Arguments.of("{\"resources\": {\"requests\": {\"memory\": \"64Gi\"}}}", "resources.requests.memory"),
                Arguments.of("{\"resources\": {\"limits\": {\"cpu\": \"1m\"}}}", "resources.requests.cpu"),
                Arguments.of("{\"resources\": {\"limits\": {\"cpu\": \"64\"}}}", "resources.limits.cpu"),
                Arguments.of("{\"resources\": {\"requests\": {\"gpu\": \"1\"}}}", "resources.requests.gpu"),
                Arguments.of("{\"autoscaling\": {\"minReplicas\": 6, \"maxReplicas\": 3}}", "autoscaling.minReplicas"),
                Arguments.of("{\"autoscaling\": {\"maxReplicas\": 21}}", "autoscaling.maxReplicas"),
                Arguments.of("{\"autoscaling\": {\"targetCpuUtilizationPercentage\": 5}}", "autoscaling.targetCpuUtilizationPercentage"),
                Arguments.of("{\"replica\": 3}", "replica"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badSettings")
    void badSettingsAreRefusedInOneLineNamingTheKey(String overrides, String field) {
        assertThatThrownBy(() -> parse(configWith(overrides)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    assertThat(((ConfigException) e).key()).isEqualTo(configKey() + "." + field);
                    assertThat(e.getMessage()).doesNotContain("\n");
                });
    }
}
