package ai.naas.aws.apps.jupyterhub;

import ai.naas.aws.config.UserNames;
import ai.naas.aws.platform.spi.DatabaseConnection;
import ai.naas.aws.platform.spi.Endpoint;
import ai.naas.aws.platform.spi.Placement;
import ai.naas.aws.platform.spi.SharedHomes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Collections;

/**
 * The values of the Zero to JupyterHub chart (4.x schema, {@code jupyterhub/values.schema.yaml}) for Naas.
 * Plain data only: no secret is in here, so Pulumi never marks the release's values secret and a preview
 * shows every change. Passwords and client secrets reach the pods as {@code secretKeyRef}s instead.
 */
final class JupyterHubValues {

    /** Where the user pods mount the shared home tree; Naas's image runs as user ftp, whose home this is. */
    static final String HOME_MOUNT_PATH = "/home/ftp";
    /**
     * The busybox that creates a missing home before the server starts, as published; pinned like every image.
     * Pulled as the platform says ({@code Inputs.homeInitImage}).
     */
    static final String HOME_INIT_IMAGE = "busybox:1.36.1";
    /** Where that init container mounts the claim's root. */
    static final String HOMES_ROOT = "/homes";

    /** The Naas apps a user's server talks to, and the variable the Naas runner reads each one's URL from. */
    static final Map<String, String> NAAS_SERVICE_VARIABLES = orderedMap(
            "naas-proxy", "PROXY_API",
            "naas-notifications", "NOTIFICATIONS_API",
            "naas-screenshot", "SCREENSHOT_API",
            "naas-callback", "CALLBACK_API");

    /**
     * What the values are made of, besides the settings.
     *
     * @param hubHost          the hub's public host name
     * @param ingressClassName the IngressClass of the platform's ingress controller
     * @param databaseUrl      the hub's SQLAlchemy database URL, without a password
     * @param databaseSecret   the Kubernetes Secret holding the database role's password (key {@code password})
     * @param databaseChecksum changes when that Secret is written ({@link DatabaseConnection#secretChecksum()}): on
     *                         the hub pod, so that a new password restarts the hub
     * @param homes            the shared home tree
     * @param naasServices     the enabled Naas apps' endpoints, by app name
     * @param sentry           whether the Sentry DSN Secret exists
     * @param metrics          whether the metrics token Secret exists: the hub then serves its metrics to the scraper
     * @param core             where the hub, the proxy and the chart's helpers run
     * @param user             where the single-user servers run
     * @param kubernetesMinor  the cluster's Kubernetes minor, which the user scheduler's image must match
     * @param userImageName    the single-user image's repository as the nodes pull it (through the image cache)
     * @param homeInitImage    {@link #HOME_INIT_IMAGE} as the nodes pull it
     */
    record Inputs(String hubHost, String ingressClassName, String databaseUrl, String databaseSecret,
                  String databaseChecksum, SharedHomes homes, Map<String, Endpoint> naasServices, boolean sentry,
                  boolean metrics, Placement core, Placement user, java.util.OptionalInt kubernetesMinor,
                  String userImageName, String homeInitImage) {
    }

    /** The user scheduler runs the upstream kube-scheduler; the chart's default is v1.30.14. */
    static final String USER_SCHEDULER_IMAGE = "registry.k8s.io/kube-scheduler";

    /**
     * Kubernetes minor to kube-scheduler tag: a scheduler may not be newer than the API server and at most one
     * minor older (Kubernetes' version skew policy), so it follows the cluster. Patch releases of 2025-06-17
     * (1.30.14, as in z2jh 4.4.0, 1.31.10, 1.32.6, 1.33.2), 1.29's last (1.29.15) and 1.34.1; not checked against
     * the registry from here.
     */
    static final Map<Integer, String> USER_SCHEDULER_TAGS = Map.of(
            29, "v1.29.15",
            30, "v1.30.14",
            31, "v1.31.10",
            32, "v1.32.6",
            33, "v1.33.2",
            34, "v1.34.1");

    private JupyterHubValues() {
    }

    static Map<String, Object> of(JupyterHubSettings settings, Inputs in) {
        var values = new LinkedHashMap<String, Object>();
        values.put("hub", hub(settings, in));
        values.put("proxy", proxy(in));
        values.put("singleuser", singleUser(settings, in));
        values.put("scheduling", scheduling(settings, in));
        values.put("prePuller", Map.of("hook", Map.of("nodeSelector", in.core().nodeSelector())));
        // The idle culler only sees Jupyter activity: the Naas runner's scheduled notebooks and the webhooks the
        // Naas proxy forwards to port 5000 are not activity, so culling would silently stop them. Off unless
        // the stack accepts that (cullIdleServers); users are never deleted.
        values.put("cull", Map.of(
                "enabled", settings.cullIdleServers(),
                "users", false,
                "timeout", settings.cullTimeoutSeconds(),
                "every", settings.cullEverySeconds()));
        values.put("ingress", Map.of(
                "enabled", true,
                "ingressClassName", in.ingressClassName(),
                "annotations", Map.of(
                        // nginx refuses bodies over 1 MiB by default (413): notebooks and uploads are larger.
                        "nginx.ingress.kubernetes.io/proxy-body-size", UPLOAD_LIMIT),
                "hosts", List.of(in.hubHost()),
                "pathType", "Prefix"));
        return values;
    }

    private static Map<String, Object> hub(JupyterHubSettings settings, Inputs in) {
        var oauth = settings.oauth();
        var authenticator = new LinkedHashMap<String, Object>();
        authenticator.put("client_id", oauth.clientId());
        authenticator.put("oauth_callback_url", "https://" + in.hubHost() + "/hub/oauth_callback");
        authenticator.put("authorize_url", oauth.authorizeUrl());
        authenticator.put("token_url", oauth.tokenUrl());
        authenticator.put("userdata_url", oauth.userdataUrl());
        authenticator.put("username_claim", oauth.usernameClaim());
        authenticator.put("scope", oauth.scopes());
        authenticator.put("allow_all", oauth.allowAll());
        if (!oauth.allowedUsers().isEmpty()) {
            authenticator.put("allowed_users", oauth.allowedUsers());
        }
        // OAuthenticator answers 403 with this text when login_user() returns None, which is what a name
        // refused by username_pattern gives: the user learns why, not only that they are out.
        authenticator.put("custom_403_message", REFUSED_LOGIN_MESSAGE);
        var config = new LinkedHashMap<String, Object>();
        config.put("JupyterHub", orderedMap(
                "authenticator_class", "generic-oauth",
                // Cookie tossing (GHSA-7r3h-4ph8-w38g): __Host- cookies cannot be set by a sibling subdomain.
                // They are Secure and on path / by definition; every other hub cookie is Secure too, since
                // browsers only ever reach the hub over HTTPS (TLS ends at the load balancer).
                "cookie_host_prefix_enabled", true,
                "cookie_options", Map.of("secure", true)));
        config.put("GenericOAuthenticator", authenticator);
        config.put("Authenticator", authenticatorConfig(oauth));

        var hub = new LinkedHashMap<String, Object>();
        hub.put("config", config);
        // The password is not in the URL nor in hub.db.password (which the chart would put in its own Secret
        // from the values): libpq reads PGPASSWORD, set from the database Secret below.
        hub.put("db", Map.of("type", "postgres", "url", in.databaseUrl(), "upgrade", true));
        var extraEnv = new LinkedHashMap<String, Object>();
        extraEnv.put("PGPASSWORD", secretRef(in.databaseSecret(), "password"));
        extraEnv.put("PGSSLROOTCERT", DatabaseConnection.CA_BUNDLE_PATH);
        // OAuthenticator reads the client secret from OAUTH_CLIENT_SECRET when it is not configured.
        extraEnv.put("OAUTH_CLIENT_SECRET", secretRef(JupyterHubApp.OAUTH_SECRET_NAME, JupyterHubApp.OAUTH_SECRET_KEY));
        // The RDS certificate authorities, which the URL's sslrootcert names (libpq's PGSSLROOTCERT too, for
        // any other libpq connection the hub makes).
        hub.put("extraVolumes", List.of(Map.of("name", RDS_CA_VOLUME,
                "configMap", Map.of("name", DatabaseConnection.CA_BUNDLE_CONFIG_MAP))));
        hub.put("extraVolumeMounts", List.of(Map.of("name", RDS_CA_VOLUME,
                "mountPath", DatabaseConnection.CA_BUNDLE_DIR, "readOnly", true)));
        var extraConfig = new LinkedHashMap<String, Object>();
        extraConfig.put("10-naas-pod-hostname", POD_HOSTNAME_HOOK);
        if (in.metrics()) {
            // The token reaches the hub from its Secret, never through the chart's values (hub.services.*.apiToken).
            extraEnv.put(METRICS_TOKEN_VARIABLE, secretRef(JupyterHubApp.METRICS_SECRET_NAME, JupyterHubApp.METRICS_SECRET_KEY));
            extraConfig.put("20-naas-metrics", METRICS_CONFIG);
            hub.put("loadRoles", Map.of(METRICS_SERVICE, orderedMap(
                    "description", "The cluster's CloudWatch agent reads the hub's metrics, nothing else",
                    "scopes", List.of("read:metrics"),
                    "services", List.of(METRICS_SERVICE))));
            hub.put("networkPolicy", Map.of("ingress", List.of(SCRAPER_INGRESS)));
        }
        hub.put("extraEnv", Collections.unmodifiableMap(extraEnv));
        hub.put("extraConfig", Collections.unmodifiableMap(extraConfig));
        hub.put("nodeSelector", in.core().nodeSelector());
        // hub.annotations go on the hub pod's template: a new database Secret changes it, and the hub restarts.
        hub.put("annotations", orderedMap(
                "cluster-autoscaler.kubernetes.io/safe-to-evict", NOT_EVICTABLE.get("cluster-autoscaler.kubernetes.io/safe-to-evict"),
                DatabaseConnection.CHECKSUM_ANNOTATION, in.databaseChecksum()));
        hub.put("resources", HUB_RESOURCES);
        return hub;
    }

    /** The hub's volume holding the RDS certificate authorities. */
    static final String RDS_CA_VOLUME = "rds-ca";

    /** The hub service whose token may read the hub's metrics, and nothing else. */
    static final String METRICS_SERVICE = "naas-metrics";
    /** The hub's environment variable holding that service's token. */
    static final String METRICS_TOKEN_VARIABLE = "NAAS_METRICS_TOKEN";
    /**
     * Where the scraper runs: the platform's {@code HubMetrics} (platform/addons), one CloudWatch agent pod in the
     * namespace of the {@code amazon-cloudwatch-observability} add-on. An app cannot import the platform, so its
     * namespace and labels are repeated here; {@code TenantIsolationTest} proves the two agree on the stack's plan.
     */
    static final String SCRAPER_NAMESPACE = "amazon-cloudwatch";
    static final Map<String, String> SCRAPER_LABELS = Map.of("app.kubernetes.io/name", "naas-hub-metrics");
    /** The hub's port: its API, and its metrics at {@code /hub/metrics}. */
    static final int HUB_PORT = 8081;

    /**
     * hub.networkPolicy.ingress: the scraper's pods, and only they, may reach the hub's port. The chart's own rule
     * admits labelled pods of the hub's namespace only; the scraper lives in another one.
     */
    static final Map<String, Object> SCRAPER_INGRESS = orderedMap(
            "from", List.of(orderedMap(
                    "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", SCRAPER_NAMESPACE)),
                    "podSelector", Map.of("matchLabels", SCRAPER_LABELS))),
            "ports", List.of(orderedMap("port", HUB_PORT, "protocol", "TCP")));

    /**
     * The hub's side of its metrics. JupyterHub 5 serves Prometheus metrics at {@code /hub/metrics} to a token with
     * {@code read:metrics} ({@code authenticate_prometheus} stays on: users reach the hub's port too). The service is
     * added here rather than in {@code hub.services}, where the chart would want the token in its values or make
     * up one of its own in a Secret of this namespace, which the scraper (in another) cannot mount.
     *
     * <p>The CloudWatch agent drops Prometheus histograms, and spawn outcomes and durations exist only as the
     * histogram {@code jupyterhub_server_spawn_duration_seconds{status}}: a collector re-exposes its count and sum
     * per status as two counters (the agent publishes a counter's increase per scrape), in the hub's own registry,
     * which {@code /hub/metrics} serves.
     */
    static final String METRICS_CONFIG = """
            # Naas: the hub's metrics for the cluster's CloudWatch agent (docs/OPERATIONS.md).
            import os

            from jupyterhub.metrics import SERVER_SPAWN_DURATION_SECONDS
            from prometheus_client import REGISTRY
            from prometheus_client.core import CounterMetricFamily

            c.JupyterHub.services.append({"name": "%1$s", "api_token": os.environ["%2$s"]})


            class NaasSpawnCounters:
                # Spawns and seconds spent spawning, by status, from the spawn duration histogram.
                def collect(self):
                    spawns = CounterMetricFamily("%3$s", "Server spawns, by status", labels=["status"])
                    seconds = CounterMetricFamily("%4$s", "Seconds spent spawning servers, by status", labels=["status"])
                    for family in SERVER_SPAWN_DURATION_SECONDS.collect():
                        for sample in family.samples:
                            if sample.name.endswith("_count"):
                                spawns.add_metric([sample.labels["status"]], sample.value)
                            elif sample.name.endswith("_sum"):
                                seconds.add_metric([sample.labels["status"]], sample.value)
                    yield spawns
                    yield seconds


            REGISTRY.register(NaasSpawnCounters())
            """.formatted(METRICS_SERVICE, METRICS_TOKEN_VARIABLE, "naas_hub_server_spawns", "naas_hub_server_spawn_seconds");

    /** The largest request body the hub's ingress accepts: uploads through JupyterLab go in one request. */
    static final String UPLOAD_LIMIT = "512m";

    /**
     * cluster-autoscaler removes a node whose pods can all move elsewhere; moving the hub is an outage and
     * moving the proxy loses its routes until the hub restores them. This annotation keeps their node.
     */
    static final Map<String, String> NOT_EVICTABLE = Map.of("cluster-autoscaler.kubernetes.io/safe-to-evict", "false");

    /**
     * The hub: one Python process, a few hundred users; JupyterHub's own guidance for this size is well under
     * one core and a gigabyte. Requests make the autoscaler count it; the memory limit is twice the request.
     */
    static final Map<String, Object> HUB_RESOURCES = Map.of(
            "requests", Map.of("cpu", "250m", "memory", "512Mi"),
            "limits", Map.of("memory", "1Gi"));
    /** configurable-http-proxy: one Node.js process routing every request to the hub and the servers. */
    static final Map<String, Object> PROXY_RESOURCES = Map.of(
            "requests", Map.of("cpu", "100m", "memory", "256Mi"),
            "limits", Map.of("memory", "512Mi"));

    /** What a user whose login is refused reads, instead of OAuthenticator's bare "not authorized". */
    static final String REFUSED_LOGIN_MESSAGE = "Sorry, you cannot log in to this hub. Either your account is not"
            + " allowed here, or your user name is not one this platform can serve: user names must be "
            + UserNames.DESCRIPTION + " (your identity provider's name is lowercased first). Please contact the"
            + " hub administrator.";

    /**
     * The platform's one user-name rule ({@link UserNames}): JupyterHub lowercases the provider's claim
     * ({@code Authenticator.normalize_username}, the only normalisation that cannot merge two people) and then
     * refuses any name for which the home sub-path, the pod's DNS name or the runner's URL would not be the
     * name itself.
     */
    private static Map<String, Object> authenticatorConfig(OAuthSettings oauth) {
        var authenticator = new LinkedHashMap<String, Object>();
        authenticator.put("username_pattern", UserNames.PATTERN);
        if (!oauth.adminUsers().isEmpty()) {
            authenticator.put("admin_users", oauth.adminUsers());
        }
        return authenticator;
    }

    /**
     * Each user pod gets its own name as host name; with the subdomain and the headless Service of the same
     * name, it resolves as {@code <pod>.jupyter-single-user.<namespace>.svc}. Kubernetes only publishes that
     * record for a pod whose {@code spec.hostname} is set, and the pod name is only known per spawn.
     */
    static final String POD_HOSTNAME_HOOK = """
            # Naas: the Naas proxy reaches a user's runner as <pod name>.%s.<namespace>.svc:%d.
            def naas_pod_hostname(spawner, pod):
                pod.spec.hostname = pod.metadata.name
                return pod

            c.KubeSpawner.modify_pod_hook = naas_pod_hostname
            """.formatted(JupyterHubApp.SINGLE_USER_SERVICE, JupyterHubApp.NAAS_RUNNER_PORT);

    private static Map<String, Object> proxy(Inputs in) {
        return Map.of(
                // TLS ends at the load balancer in front of the ingress controller.
                "https", Map.of("enabled", false),
                "service", Map.of("type", "ClusterIP"),
                // The proxy pod's annotations live here, not under chp (the chart's schema refuses that).
                "annotations", NOT_EVICTABLE,
                "chp", Map.of("nodeSelector", in.core().nodeSelector(), "resources", PROXY_RESOURCES));
    }

    private static Map<String, Object> singleUser(JupyterHubSettings settings, Inputs in) {
        var homes = in.homes();
        var user = in.user();
        var resources = settings.userResources();

        var singleUser = new LinkedHashMap<String, Object>();
        singleUser.put("image", Map.of(
                "name", in.userImageName(),
                "tag", settings.naasImage().tag(),
                "pullPolicy", "IfNotPresent"));
        singleUser.put("uid", homes.uid());
        singleUser.put("fsGid", homes.gid());
        singleUser.put("defaultUrl", "/lab");
        // A first server may wait for a jupyter node to be added and for the multi-GB image to be pulled.
        singleUser.put("startTimeout", settings.startTimeoutSeconds());
        singleUser.put("nodeSelector", user.nodeSelector());
        singleUser.put("extraTolerations", user.tolerations());
        singleUser.put("cpu", Map.of(
                "guarantee", resources.cpuGuaranteeMillicores() / 1000.0,
                "limit", resources.cpuLimitMillicores() / 1000.0));
        // KubeSpawner reads M as MiB (ByteSpecification: M = 1024 * 1024).
        singleUser.put("memory", Map.of(
                "guarantee", resources.memoryGuaranteeMiB() + "M",
                "limit", resources.memoryLimitMiB() + "M"));
        singleUser.put("storage", Map.of(
                "type", "static",
                "static", Map.of("pvcName", homes.claimName(), "subPath", homes.homeSubPath()),
                "homeMountPath", HOME_MOUNT_PATH));
        singleUser.put("initContainers", List.of(homeInitContainer(homes, in.homeInitImage())));
        singleUser.put("extraEnv", userEnvironment(in));
        singleUser.put("extraPodConfig", Map.of("subdomain", JupyterHubApp.SINGLE_USER_SERVICE));
        // The jupyter nodes require IMDSv2 with a hop limit of 1 (infra's WorkerGroup): a pod cannot get a
        // metadata token, so the chart's privileged iptables init container would block nothing more.
        singleUser.put("cloudMetadata", Map.of("blockWithIptables", false));
        networkPolicy(in).ifPresent(policy -> singleUser.put("networkPolicy", policy));
        return singleUser;
    }

    /**
     * Creates the user's home, owned by the notebook uid/gid, before the server mounts it: a sub-path that does
     * not exist is otherwise created by the kubelet, owned by root, and the notebook user cannot write its home.
     * KubeSpawner expands {@code {username}} in init containers exactly as in the volume mount's sub-path, so
     * both name the same directory. Root, but only with the capabilities that take.
     */
    private static Map<String, Object> homeInitContainer(SharedHomes homes, String image) {
        String home = HOMES_ROOT + "/" + homes.homeSubPath();
        String owner = homes.uid() + ":" + homes.gid();
        var container = new LinkedHashMap<String, Object>();
        container.put("name", "naas-home");
        container.put("image", image);
        container.put("command", List.of("sh", "-c",
                "set -eu; home=" + home + "; mkdir -p \"$home\"; chown " + owner + " \"$home\"; chmod 0770 \"$home\""));
        container.put("securityContext", Map.of(
                "runAsUser", 0,
                "runAsGroup", 0,
                "runAsNonRoot", false,
                "allowPrivilegeEscalation", false,
                "readOnlyRootFilesystem", true,
                "capabilities", Map.of("drop", List.of("ALL"), "add", List.of("CHOWN", "FOWNER", "DAC_OVERRIDE"))));
        container.put("resources", Map.of(
                "requests", Map.of("cpu", "10m", "memory", "16Mi"),
                "limits", Map.of("cpu", "100m", "memory", "32Mi")));
        // "home" is the volume the chart defines for static storage (c.KubeSpawner.volumes).
        container.put("volumeMounts", List.of(Map.of("name", "home", "mountPath", HOMES_ROOT)));
        return container;
    }

    private static Map<String, Object> userEnvironment(Inputs in) {
        var env = new LinkedHashMap<String, Object>();
        // Run directly as uid 21, the image's HOME may still be its base image's: the home is here.
        env.put("HOME", HOME_MOUNT_PATH);
        env.put("JUPYTERHUB_URL", "https://" + in.hubHost());
        env.put("NAAS_API_PORT", String.valueOf(JupyterHubApp.NAAS_RUNNER_PORT));
        NAAS_SERVICE_VARIABLES.forEach((app, variable) -> {
            var endpoint = in.naasServices().get(app);
            if (endpoint != null) {
                // The runner hands these URLs to users (links, webhooks): the public one where the service has one.
                env.put(variable, endpoint.urlForUsers());
            }
        });
        if (in.sentry()) {
            env.put("NAAS_SENTRY_DSN", secretRef(JupyterHubApp.SENTRY_SECRET_NAME, JupyterHubApp.SENTRY_SECRET_KEY));
        }
        return env;
    }

    /**
     * The chart's user-pod NetworkPolicy admits only the proxy and the hub, and lets the pods reach no private
     * address: open the runner's port to the Naas proxy's namespace, and the Naas services to the users.
     */
    private static Optional<Map<String, Object>> networkPolicy(Inputs in) {
        var ingress = new ArrayList<Object>();
        var egress = new ArrayList<Object>();
        var proxy = in.naasServices().get("naas-proxy");
        if (proxy != null) {
            ingress.add(Map.of(
                    "from", List.of(namespace(proxy.namespace())),
                    "ports", List.of(Map.of("port", JupyterHubApp.NAAS_RUNNER_PORT, "protocol", "TCP"))));
        }
        NAAS_SERVICE_VARIABLES.keySet().forEach(app -> {
            var endpoint = in.naasServices().get(app);
            if (endpoint != null) {
                egress.add(Map.of(
                        "to", List.of(namespace(endpoint.namespace())),
                        "ports", List.of(Map.of("port", endpoint.port(), "protocol", "TCP"))));
            }
        });
        if (ingress.isEmpty() && egress.isEmpty()) {
            return Optional.empty();
        }
        var policy = new LinkedHashMap<String, Object>();
        if (!ingress.isEmpty()) {
            policy.put("ingress", ingress);
        }
        if (!egress.isEmpty()) {
            policy.put("egress", egress);
        }
        return Optional.of(policy);
    }

    private static Map<String, Object> scheduling(JupyterHubSettings settings, Inputs in) {
        var scheduling = new LinkedHashMap<String, Object>();
        // Packs user pods onto the fewest jupyter nodes, so that empty ones can be scaled in.
        var userScheduler = new LinkedHashMap<String, Object>();
        userScheduler.put("enabled", true);
        userScheduler.put("nodeSelector", in.core().nodeSelector());
        in.kubernetesMinor().ifPresent(minor -> {
            String tag = USER_SCHEDULER_TAGS.get(minor);
            if (tag == null) {
                throw new IllegalStateException("no kube-scheduler tag pinned for Kubernetes 1." + minor
                        + "; add one to JupyterHubValues.USER_SCHEDULER_TAGS");
            }
            userScheduler.put("image", Map.of("name", USER_SCHEDULER_IMAGE, "tag", tag));
        });
        scheduling.put("userScheduler", userScheduler);
        // Placeholders must rank below real users, or a user would wait for them instead of evicting them.
        scheduling.put("podPriority", Map.of("enabled", settings.placeholders() > 0));
        scheduling.put("userPlaceholder", Map.of("enabled", true, "replicas", settings.placeholders()));
        scheduling.put("corePods", Map.of("nodeAffinity", Map.of("matchNodePurpose", "require")));
        scheduling.put("userPods", Map.of("nodeAffinity", Map.of("matchNodePurpose", "require")));
        return scheduling;
    }


    private static Map<String, Object> namespace(String name) {
        return Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", name)));
    }

    private static Map<String, Object> secretRef(String secret, String key) {
        return Map.of("valueFrom", Map.of("secretKeyRef", Map.of("name", secret, "key", key)));
    }

    private static <V> Map<String, V> orderedMap(Object... entries) {
        var map = new LinkedHashMap<String, V>();
        for (int i = 0; i < entries.length; i += 2) {
            @SuppressWarnings("unchecked")
            V value = (V) entries[i + 1];
            map.put((String) entries[i], value);
        }
        return Collections.unmodifiableMap(map);
    }
}
