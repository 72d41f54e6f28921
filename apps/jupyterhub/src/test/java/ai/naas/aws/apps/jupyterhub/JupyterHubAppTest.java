package ai.naas.aws.apps.jupyterhub;

import ai.naas.aws.config.UserNames;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import ai.naas.aws.plan.WireValues;
import ai.naas.aws.support.Digests;
import ai.naas.aws.platform.AppCatalog;
import ai.naas.aws.platform.AppHarness;
import ai.naas.aws.platform.Placements;
import ai.naas.aws.platform.Platform;
import ai.naas.aws.platform.spi.NaasApp;
import ai.naas.aws.platform.spi.Need;
import ai.naas.aws.platform.spi.Pool;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static ai.naas.aws.apps.jupyterhub.JupyterHubFixture.ALL_NAAS_SERVICES;
import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("unchecked")
class JupyterHubAppTest {

    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final String SECRET = "kubernetes:core/v1:Secret";
    private static final String SERVICE = "kubernetes:core/v1:Service";

    /** Every Naas service enabled, the Sentry DSN and the metrics token set, culling on after two hours, two placeholders. */
    private static Plan full;
    /** Only the Naas proxy enabled, no Sentry DSN nor metrics token, the defaults. */
    private static Plan proxyOnly;

    @BeforeAll
    static void planTheApp() {
        full = JupyterHubFixture.hub("""
                {"cullIdleServers": true, "cullTimeoutSeconds": 7200, "placeholders": 2,
                 "oauth": {"clientId": "naas-hub",
                           "authorizeUrl": "https://login.example.com/oauth2/authorize",
                           "tokenUrl": "https://login.example.com/oauth2/token",
                           "userdataUrl": "https://login.example.com/oauth2/userinfo",
                           "allowedUsers": ["jane"], "adminUsers": ["admin"]}}""", true)
                .endpoints(ALL_NAAS_SERVICES).plan().plan();
        proxyOnly = JupyterHubFixture.hub(JupyterHubFixture.MINIMAL, false)
                .endpoint("naas-proxy", ALL_NAAS_SERVICES.get("naas-proxy")).plan().plan();
    }

    private static PlannedResource release(Plan plan) {
        return plan.resource(RELEASE, JupyterHubApp.NAME);
    }

    private static Object value(Plan plan, String path) {
        return release(plan).requireInput("values." + path);
    }

    @Test
    void theHubDatabaseIsTheAppsOwnPostgresqlDatabaseWithThePasswordFromItsKubernetesSecret() {
        assertThat(value(full, "hub.db.type")).isEqualTo("postgres");
        assertThat(value(full, "hub.db.url")).isEqualTo("postgresql+psycopg2://jupyterhub@" + AppHarness.DATABASE_HOST
                + ":5432/jupyterhub?sslmode=verify-full&sslrootcert=/etc/naas/rds-ca/rds-ca-bundle.pem");
        assertThat(release(full).dependsOn()).as("the release waits for the database its host comes from")
                .contains(full.resource("kubernetes:core/v1:ConfigMap", AppHarness.DATABASE_RESOURCE).urn());
        assertThat((Map<String, Object>) value(full, "hub.db")).doesNotContainKey("password");
        assertThat(value(full, "hub.extraEnv.PGPASSWORD")).isEqualTo(Map.of("valueFrom",
                Map.of("secretKeyRef", Map.of("name", AppHarness.databaseSecret(new JupyterHubApp()), "key", "password"))));
    }

    @Test
    void theHubVerifiesTheDatabaseServerAgainstTheRdsAuthoritiesItMounts() {
        // libpq's verify-full: the chain against sslrootcert, the certificate's name against the URL's host, which
        // is the RDS endpoint itself (checked above).
        String url = (String) value(full, "hub.db.url");
        assertThat(url).contains("sslmode=verify-full");
        String bundle = url.substring(url.indexOf("sslrootcert=") + "sslrootcert=".length());
        var volume = (Map<String, Object>) value(full, "hub.extraVolumes.0");
        var mount = (Map<String, Object>) value(full, "hub.extraVolumeMounts.0");
        assertThat(volume).isEqualTo(Map.of("name", mount.get("name"), "configMap", Map.of("name", "rds-ca-bundle")));
        assertThat(mount).containsEntry("readOnly", true);
        assertThat(bundle).isEqualTo(mount.get("mountPath") + "/rds-ca-bundle.pem");
        assertThat(value(full, "hub.extraEnv.PGSSLROOTCERT")).isEqualTo(bundle);
        // The ConfigMap is the platform's, in the hub's namespace, and the release waits for it.
        var caBundle = full.ofType("kubernetes:core/v1:ConfigMap").stream()
                .filter(c -> "rds-ca-bundle".equals(c.requireInput("metadata.name"))).findFirst().orElseThrow();
        assertThat(caBundle.requireInput("metadata.namespace")).isEqualTo(JupyterHubApp.NAMESPACE);
        assertThat(((Map<String, Object>) caBundle.requireInput("data")).keySet()).containsExactly("rds-ca-bundle.pem");
        assertThat(release(full).dependsOn()).contains(caBundle.urn());
    }

    @Test
    void aNewDatabasePasswordRestartsTheHubAndTheReleaseWaitsForItsSecret() {
        var hubAnnotations = (Map<String, Object>) value(proxyOnly, "hub.annotations");
        String before = (String) hubAnnotations.get("naas.ai/database-secret-checksum");
        assertThat(before).matches("[0-9a-f]{64}");
        var same = JupyterHubFixture.hub(JupyterHubFixture.MINIMAL, false)
                .endpoint("naas-proxy", ALL_NAAS_SERVICES.get("naas-proxy")).plan().plan();
        var rotated = JupyterHubFixture.hub(JupyterHubFixture.MINIMAL, false)
                .secret(AppCatalog.DATABASE_PASSWORD, "a-new-database-password")
                .endpoint("naas-proxy", ALL_NAAS_SERVICES.get("naas-proxy")).plan().plan();
        assertThat(((Map<String, Object>) value(same, "hub.annotations")).get("naas.ai/database-secret-checksum"))
                .isEqualTo(before);
        assertThat(((Map<String, Object>) value(rotated, "hub.annotations")).get("naas.ai/database-secret-checksum"))
                .isNotEqualTo(before);
        // Not a digest of the password: nothing in it to test guesses against.
        assertThat(before).isNotEqualTo(Digests.sha256(AppHarness.DATABASE_PASSWORD));

        var secret = proxyOnly.resource(SECRET, AppHarness.databaseSecret(new JupyterHubApp()));
        assertThat(release(proxyOnly).dependsOn()).contains(secret.urn());
    }

    @Test
    void noSecretIsInTheValuesNorAnywhereInThePlan() throws Exception {
        assertThat(release(full).requireInput("values")).isInstanceOf(Map.class).isNotEqualTo(WireValues.SECRET);
        String json = new ObjectMapper().writeValueAsString(full);
        assertThat(json).doesNotContain(JupyterHubFixture.OAUTH_CLIENT_SECRET).doesNotContain(JupyterHubFixture.SENTRY_DSN)
                .doesNotContain(JupyterHubFixture.METRICS_TOKEN);

        var oauth = full.resource(SECRET, "jupyterhub-oauth");
        assertThat(oauth.requireInput("metadata.name")).isEqualTo(JupyterHubApp.OAUTH_SECRET_NAME);
        assertThat(oauth.requireInput("metadata.namespace")).isEqualTo(JupyterHubApp.NAMESPACE);
        assertThat(oauth.requireInput("stringData")).isEqualTo(WireValues.SECRET);
        assertThat(value(full, "hub.extraEnv.OAUTH_CLIENT_SECRET")).isEqualTo(Map.of("valueFrom", Map.of("secretKeyRef",
                Map.of("name", JupyterHubApp.OAUTH_SECRET_NAME, "key", JupyterHubApp.OAUTH_SECRET_KEY))));
        assertThat((Map<String, Object>) value(full, "hub.config.GenericOAuthenticator")).doesNotContainKey("client_secret");

        var sentry = full.resource(SECRET, "jupyterhub-naas-sentry");
        assertThat(sentry.requireInput("stringData")).isEqualTo(WireValues.SECRET);
        assertThat(value(full, "singleuser.extraEnv.NAAS_SENTRY_DSN")).isEqualTo(Map.of("valueFrom", Map.of("secretKeyRef",
                Map.of("name", JupyterHubApp.SENTRY_SECRET_NAME, "key", JupyterHubApp.SENTRY_SECRET_KEY))));
    }

    @Test
    void homesAreTheSharedClaimAtHomeUsernameCreatedWithTheNotebookOwnerBeforeTheServerStarts() {
        assertThat(value(full, "singleuser.storage.type")).isEqualTo("static");
        assertThat(value(full, "singleuser.storage.static.pvcName")).isEqualTo(AppHarness.homes().claimName());
        assertThat(value(full, "singleuser.storage.static.subPath")).isEqualTo("home/{username}");
        assertThat(value(full, "singleuser.storage.homeMountPath")).isEqualTo("/home/ftp");
        assertThat(value(full, "singleuser.uid")).isEqualTo(21L);
        assertThat(value(full, "singleuser.fsGid")).isEqualTo(21L);

        var init = (Map<String, Object>) value(full, "singleuser.initContainers.0");
        // busybox is a Docker Hub official image: pulled through the platform's image cache, with library/.
        assertThat(init.get("image")).isEqualTo(AppHarness.IMAGE_REGISTRY + "/" + AppHarness.IMAGE_PREFIX + "/library/busybox:1.36.1");
        assertThat(init.get("volumeMounts")).isEqualTo(List.of(Map.of("name", "home", "mountPath", "/homes")));
        assertThat(((List<String>) init.get("command")).get(2))
                .contains("home=/homes/home/{username};", "mkdir -p \"$home\"", "chown 21:21 \"$home\"");
        var security = (Map<String, Object>) init.get("securityContext");
        assertThat(security.get("runAsUser")).isEqualTo(0L);
        assertThat(security.get("allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(security.get("capabilities")).isEqualTo(Map.of(
                "drop", List.of("ALL"), "add", List.of("CHOWN", "FOWNER", "DAC_OVERRIDE")));
        assertThat(value(full, "singleuser.cloudMetadata.blockWithIptables"))
                .as("no privileged init container: IMDSv2 with hop limit 1 already keeps pods off the metadata")
                .isEqualTo(false);
    }

    @Test
    void userServersRunOnlyOnTheJupyterPoolAndTheHubAndProxyOnTheNaasPool() {
        var jupyter = Placements.all().get(Pool.JUPYTER);
        assertThat(value(full, "singleuser.nodeSelector")).isEqualTo(jupyter.nodeSelector());
        assertThat(value(full, "singleuser.extraTolerations")).isEqualTo(jupyter.tolerations());
        assertThat(jupyter.tolerations()).as("the toleration the chart gives user pods by default")
                .containsExactly(Map.of("key", "hub.jupyter.org/dedicated", "operator", "Equal", "value", "user",
                        "effect", "NoSchedule"));
        assertThat(value(full, "scheduling.userPods.nodeAffinity.matchNodePurpose")).isEqualTo("require");

        var naas = Placements.all().get(Pool.NAAS).nodeSelector();
        assertThat(value(full, "hub.nodeSelector")).isEqualTo(naas);
        assertThat(value(full, "proxy.chp.nodeSelector")).isEqualTo(naas);
        assertThat(value(full, "scheduling.userScheduler.nodeSelector")).isEqualTo(naas);
        assertThat(value(full, "prePuller.hook.nodeSelector")).isEqualTo(naas);
        assertThat(value(full, "scheduling.corePods.nodeAffinity.matchNodePurpose")).isEqualTo("require");
    }

    @Test
    void theUserSchedulerRunsTheKubeSchedulerOfTheClustersMinor() {
        assertThat(value(full, "scheduling.userScheduler.image")).isEqualTo(Map.of(
                "name", "registry.k8s.io/kube-scheduler", "tag", "v1.33.2"));
        assertThat(JupyterHubValues.USER_SCHEDULER_TAGS).allSatisfy((minor, tag) ->
                assertThat(tag).startsWith("v1." + minor + "."));
    }

    @Test
    void theUserSchedulerPacksPodsAndPlaceholdersKeepHeadroomBelowRealUsers() {
        assertThat(value(full, "scheduling.userScheduler.enabled")).isEqualTo(true);
        assertThat(value(full, "scheduling.userPlaceholder.replicas")).isEqualTo(2L);
        assertThat(value(full, "scheduling.podPriority.enabled")).isEqualTo(true);
        assertThat(value(proxyOnly, "scheduling.userPlaceholder.replicas")).isEqualTo(0L);
    }

    @Test
    void serversAreNotCulledUnlessTheStackAcceptsThatScheduledNotebooksStopWithThem() {
        assertThat(value(proxyOnly, "cull.enabled")).as("the runner's scheduler is not Jupyter activity").isEqualTo(false);
        assertThat(value(proxyOnly, "cull.users")).isEqualTo(false);

        assertThat(value(full, "cull.enabled")).isEqualTo(true);
        assertThat(value(full, "cull.users")).as("culling stops servers, never deletes users").isEqualTo(false);
        assertThat(value(full, "cull.timeout")).isEqualTo(7200L);
        assertThat(value(full, "cull.every")).isEqualTo(600L);
        assertThat(value(proxyOnly, "cull.every")).isEqualTo(360L);
    }

    @Test
    void theHubAndProxyKeepTheirNodeAgainstTheAutoscalerAndReserveWhatTheyUse() {
        var pinned = Map.of("cluster-autoscaler.kubernetes.io/safe-to-evict", "false");
        assertThat((Map<String, Object>) value(full, "hub.annotations")).containsAllEntriesOf(pinned);
        assertThat(value(full, "proxy.annotations")).as("the proxy pod's annotations key").isEqualTo(pinned);
        assertThat((Map<String, Object>) value(full, "proxy.chp")).doesNotContainKey("annotations");

        assertThat(value(full, "hub.resources.requests")).isEqualTo(Map.of("cpu", "250m", "memory", "512Mi"));
        assertThat(value(full, "hub.resources.limits.memory")).isEqualTo("1Gi");
        assertThat(value(full, "proxy.chp.resources.requests")).isEqualTo(Map.of("cpu", "100m", "memory", "256Mi"));
        assertThat(value(full, "proxy.chp.resources.limits.memory")).isEqualTo("512Mi");
    }

    @Test
    void aFirstServerHasTimeForANewNodeAndAnImagePullAndUploadsAreNotCutAtOneMebibyte() {
        assertThat(value(full, "singleuser.startTimeout")).isEqualTo(900L);
        assertThat(value(full, "ingress.annotations")).isEqualTo(Map.of("nginx.ingress.kubernetes.io/proxy-body-size", "512m"));
    }

    @Test
    void hubCookiesAreHostPrefixedAndSecureAndHelmKeepsTenRevisions() {
        assertThat(value(full, "hub.config.JupyterHub.cookie_host_prefix_enabled")).isEqualTo(true);
        assertThat(value(full, "hub.config.JupyterHub.cookie_options")).isEqualTo(Map.of("secure", true));
        assertThat(release(full).requireInput("maxHistory")).isEqualTo(10L);
        assertThat((Map<String, Object>) release(full).requireInput("values")).doesNotContainKey("maxHistory");
    }

    @Test
    void theReleaseIsThePinnedUpstreamChartInTheAppsNamespaceOnTheClustersProviderAfterWhatItReads() {
        var release = release(full);
        assertThat(release.requireInput("chart")).isEqualTo("jupyterhub");
        assertThat(release.requireInput("version")).isEqualTo("4.4.0");
        assertThat(release.requireInput("repositoryOpts.repo")).isEqualTo("https://hub.jupyter.org/helm-chart/");
        assertThat(release.requireInput("namespace")).isEqualTo("jupyter");
        assertThat(release.requireInput("name")).isEqualTo("jupyterhub");

        assertThat(release.provider()).isEqualTo(full.ofType("pulumi:providers:kubernetes").get(0).urn());
        assertThat(release.parent()).isEqualTo(full.resource(Platform.APP_TYPE, "jupyterhub").urn());
        assertThat(release.dependsOn()).contains(
                full.resource("kubernetes:core/v1:Namespace", JupyterHubApp.NAMESPACE).urn(),
                full.resource(SECRET, "jupyterhub-oauth").urn(),
                full.resource(SECRET, "jupyterhub-naas-sentry").urn());
    }

    @Test
    void theHubIsServedByTheIngressControllerAtItsHostAndLogsUsersInWithOAuth() {
        assertThat(value(full, "ingress.enabled")).isEqualTo(true);
        assertThat(value(full, "ingress.ingressClassName")).isEqualTo("nginx");
        assertThat(value(full, "ingress.hosts")).isEqualTo(List.of("hub.naas.example.com"));
        assertThat(value(full, "proxy.service.type")).isEqualTo("ClusterIP");
        assertThat(value(full, "proxy.https.enabled")).isEqualTo(false);

        assertThat(value(full, "hub.config.JupyterHub.authenticator_class")).isEqualTo("generic-oauth");
        assertThat(value(full, "hub.config.GenericOAuthenticator.client_id")).isEqualTo("naas-hub");
        assertThat(value(full, "hub.config.GenericOAuthenticator.oauth_callback_url"))
                .isEqualTo("https://hub.naas.example.com/hub/oauth_callback");
        assertThat(value(full, "hub.config.GenericOAuthenticator.allowed_users")).isEqualTo(List.of("jane"));
        assertThat(value(full, "hub.config.Authenticator.admin_users")).isEqualTo(List.of("admin"));
    }

    @Test
    void userServersRunTheNaasImageAndKnowTheNaasServicesThatAreEnabled() {
        // Through the platform's image cache (Docker Hub's anonymous pull limit would stall scale-ups).
        assertThat(value(full, "singleuser.image.name"))
                .isEqualTo(AppHarness.IMAGE_REGISTRY + "/" + AppHarness.IMAGE_PREFIX + "/jupyternaas/naas");
        assertThat(value(full, "singleuser.image.tag")).isEqualTo("2.6.3");
        var env = (Map<String, Object>) value(full, "singleuser.extraEnv");
        assertThat(env).containsEntry("JUPYTERHUB_URL", "https://hub.naas.example.com")
                .containsEntry("PROXY_API", "https://public.naas.example.com")
                .containsEntry("NOTIFICATIONS_API", "http://naas-notifications.naas.svc.cluster.local:3003")
                .containsEntry("CALLBACK_API", "https://callback.naas.example.com")
                .containsEntry("SCREENSHOT_API", "http://naas-screenshot.naas.svc.cluster.local:9000");

        var proxyOnlyEnv = (Map<String, Object>) value(proxyOnly, "singleuser.extraEnv");
        assertThat(proxyOnlyEnv).containsKeys("JUPYTERHUB_URL", "PROXY_API")
                .doesNotContainKeys("NOTIFICATIONS_API", "CALLBACK_API", "SCREENSHOT_API", "NAAS_SENTRY_DSN");
        assertThat(proxyOnly.find(SECRET, "jupyterhub-naas-sentry")).isEmpty();
    }

    @Test
    void eachUserPodHasADnsNameThroughTheHeadlessServiceThatTheNaasProxyMayReachOnTheRunnerPort() {
        var service = full.resource(SERVICE, "jupyterhub-single-user");
        assertThat(service.requireInput("metadata.name")).isEqualTo("jupyter-single-user");
        assertThat(service.requireInput("metadata.namespace")).isEqualTo("jupyter");
        assertThat(service.requireInput("spec.clusterIP")).isEqualTo("None");
        assertThat(service.requireInput("spec.selector")).isEqualTo(Map.of("component", "singleuser-server"));
        assertThat(service.requireInput("spec.ports.0.port")).isEqualTo(5000L);
        assertThat(service.requireInput("spec.ports.0.targetPort")).isEqualTo(5000L);

        assertThat(value(full, "singleuser.extraPodConfig.subdomain")).isEqualTo("jupyter-single-user");
        assertThat((String) value(full, "hub.extraConfig.10-naas-pod-hostname"))
                .contains("pod.spec.hostname = pod.metadata.name", "c.KubeSpawner.modify_pod_hook = naas_pod_hostname");

        assertThat(value(full, "singleuser.networkPolicy.ingress")).isEqualTo(List.of(Map.of(
                "from", List.of(Map.of("namespaceSelector", Map.of("matchLabels",
                        Map.of("kubernetes.io/metadata.name", "naas")))),
                "ports", List.of(Map.of("port", 5000L, "protocol", "TCP")))));
        assertThat((List<Object>) value(full, "singleuser.networkPolicy.egress")).hasSize(4);
        assertThat((List<Object>) value(proxyOnly, "singleuser.networkPolicy.egress")).hasSize(1);
    }

    @Test
    void theHubAdmitsOnlyPlatformUserNamesAndTellsARefusedUserWhy() {
        String pattern = (String) value(full, "hub.config.Authenticator.username_pattern");
        assertThat(pattern).isEqualTo(UserNames.PATTERN);
        // JupyterHub applies it with Python's re.match after lowercasing; java.util.regex reads this pattern alike.
        var hub = java.util.regex.Pattern.compile(pattern);
        assertThat(List.of("jane", "partneretl", "j" + "0".repeat(45)))
                .allSatisfy(name -> assertThat(hub.matcher(name).lookingAt()).as(name).isTrue());
        assertThat(List.of("jane.doe", "jane-doe", "partner_etl", "1user", "user@example.com", "a".repeat(47)))
                .allSatisfy(name -> assertThat(hub.matcher(name).lookingAt()).as(name).isFalse());
        assertThat((String) value(full, "hub.config.GenericOAuthenticator.custom_403_message"))
                .contains("user names must be " + UserNames.DESCRIPTION);
        assertThat(value(full, "hub.config.Authenticator.admin_users")).isEqualTo(List.of("admin"));
    }

    @Test
    void theAppIsDiscoveredByServiceLoaderAndDeclaresWhatItNeeds() {
        var apps = ServiceLoader.load(NaasApp.class).stream().map(ServiceLoader.Provider::get).toList();
        assertThat(apps).anySatisfy(app -> assertThat(app).isInstanceOf(JupyterHubApp.class));
        var app = new JupyterHubApp();
        assertThat(app.name()).isEqualTo("jupyterhub");
        assertThat(app.namespace()).isEqualTo("jupyter");
        assertThat(app.needs()).containsExactlyInAnyOrder(Need.DATABASE, Need.SHARED_HOMES, Need.INGRESS);
        assertThat(app.secretNames()).containsExactly("oauthClientSecret");
        assertThat(app.optionalSecretNames()).containsExactly("sentryDsn", "metricsToken");
    }

    /**
     * With {@code naas:jupyterhub.metricsToken}, the hub serves its metrics to one service whose token (from its
     * Secret, never from the values) may read metrics and nothing else, admits the scraper's pods to its port, and
     * re-exposes spawn outcomes as counters; without it, none of that exists.
     */
    @Test
    void withAMetricsTokenTheHubServesItsMetricsToAServiceThatMayOnlyReadThem() {
        var token = full.resource(SECRET, "jupyterhub-metrics");
        assertThat(token.requireInput("metadata.name")).isEqualTo(JupyterHubApp.METRICS_SECRET_NAME);
        assertThat(token.requireInput("metadata.namespace")).isEqualTo(JupyterHubApp.NAMESPACE);
        assertThat(token.requireInput("stringData")).isEqualTo(WireValues.SECRET);
        assertThat(value(full, "hub.extraEnv.NAAS_METRICS_TOKEN")).isEqualTo(Map.of("valueFrom", Map.of("secretKeyRef",
                Map.of("name", JupyterHubApp.METRICS_SECRET_NAME, "key", JupyterHubApp.METRICS_SECRET_KEY))));
        assertThat(release(full).dependsOn()).contains(token.urn());

        // JupyterHub 5's scope for /hub/metrics (jupyterhub/scopes.py), granted to the one service only.
        assertThat(value(full, "hub.loadRoles.naas-metrics.scopes")).isEqualTo(List.of("read:metrics"));
        assertThat(value(full, "hub.loadRoles.naas-metrics.services")).isEqualTo(List.of("naas-metrics"));
        assertThat((Map<String, Object>) value(full, "hub.config")).as("authenticate_prometheus stays on")
                .doesNotContainKey("JupyterHub.authenticate_prometheus");
        assertThat((Map<String, Object>) value(full, "hub.config.JupyterHub")).doesNotContainKey("authenticate_prometheus");
        assertThat((Map<String, Object>) value(full, "hub")).as("no token through the chart's values").doesNotContainKey("services");

        String config = (String) value(full, "hub.extraConfig.20-naas-metrics");
        assertThat(config)
                .contains("c.JupyterHub.services.append({\"name\": \"naas-metrics\", \"api_token\": os.environ[\"NAAS_METRICS_TOKEN\"]})")
                // The histogram JupyterHub 5.5 (z2jh 4.4.0's) records spawns in, re-exposed as counters per status.
                .contains("from jupyterhub.metrics import SERVER_SPAWN_DURATION_SECONDS")
                .contains("CounterMetricFamily(\"naas_hub_server_spawns\"", "labels=[\"status\"]")
                .contains("REGISTRY.register(NaasSpawnCounters())");

        assertThat((List<Object>) value(full, "hub.networkPolicy.ingress")).hasSize(1);
        assertThat(value(full, "hub.networkPolicy.ingress.0.from")).isEqualTo(List.of(Map.of(
                "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "amazon-cloudwatch")),
                "podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "naas-hub-metrics")))));
        assertThat((List<Object>) value(full, "hub.networkPolicy.ingress.0.ports")).hasSize(1);
        assertThat(((Number) value(full, "hub.networkPolicy.ingress.0.ports.0.port")).intValue()).isEqualTo(8081);
        assertThat(value(full, "hub.networkPolicy.ingress.0.ports.0.protocol")).isEqualTo("TCP");

        assertThat(proxyOnly.find(SECRET, "jupyterhub-metrics")).isEmpty();
        assertThat((Map<String, Object>) value(proxyOnly, "hub")).doesNotContainKeys("loadRoles", "networkPolicy");
        assertThat((Map<String, Object>) value(proxyOnly, "hub.extraEnv")).doesNotContainKey("NAAS_METRICS_TOKEN");
        assertThat((Map<String, Object>) value(proxyOnly, "hub.extraConfig")).containsOnlyKeys("10-naas-pod-hostname");
    }
}
