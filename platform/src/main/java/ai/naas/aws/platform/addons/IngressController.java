package ai.naas.aws.platform.addons;

import ai.naas.aws.infra.cluster.NodePool;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * ingress-nginx behind an internet-facing AWS Network Load Balancer that terminates TLS with the stack's
 * ACM certificate: HTTPS on 443 reaches nginx as plain HTTP, HTTP on 80 is answered with a redirect to
 * HTTPS, and only {@link PlatformSettings#ingressAllowedCidrs()} may connect. Apps publish their hosts with
 * Ingresses of class {@value #INGRESS_CLASS} and need no TLS secret.
 *
 * <p><b>Load balancer type.</b> The Service asks for {@code aws-load-balancer-type: nlb}, which the AWS cloud
 * controller that EKS runs in its control plane implements: nothing else has to be installed. The
 * {@code external} type would need the AWS Load Balancer Controller (a chart, a webhook and an IAM role with
 * broad EC2/ELB rights) only to get IP targets; with instance targets and
 * {@code externalTrafficPolicy: Local} nginx still sees client addresses, and the cloud controller enforces
 * {@code loadBalancerSourceRanges} on the nodes' security group (an NLB preserves client IPs). The NLB is
 * placed in the public subnets, which the network tags {@code kubernetes.io/role/elb=1}.
 *
 * <p>Two controller replicas on the naas pool, spread over zones, with a PodDisruptionBudget keeping one up
 * during node drains.
 */
public final class IngressController extends ComponentResource {

    public static final String REPOSITORY = "https://kubernetes.github.io/ingress-nginx";
    public static final String NAMESPACE = "ingress-nginx";
    /** The IngressClass apps use. */
    public static final String INGRESS_CLASS = "nginx";
    public static final int REPLICAS = 2;
    /** Strict-Transport-Security: a year, the hosts' subdomains included. */
    public static final String HSTS = "max-age=31536000; includeSubDomains";
    /** The container port that answers plain HTTP with a redirect to HTTPS. */
    static final int REDIRECT_PORT = 2443;

    /**
     * Kubernetes minor to chart version: the newest chart whose controller upstream tested on that minor,
     * from the "Supported Versions table" of kubernetes/ingress-nginx's README: 4.13.5 (controller v1.13.5,
     * Kubernetes 1.29-1.33) and 4.14.1 (v1.14.1, 1.30-1.34). ingress-nginx is being retired upstream
     * (best-effort maintenance until March 2026); its successor here is a Gateway API implementation.
     */
    public static final Map<Integer, String> CHART_VERSIONS = Map.of(
            29, "4.13.5",
            30, "4.14.1",
            31, "4.14.1",
            32, "4.14.1",
            33, "4.14.1",
            34, "4.14.1");

    private final HelmChart chart;
    private final Release release;

    /**
     * @param args where it runs, which certificate it serves and who may reach it
     */
    public IngressController(String name, Args args, ComponentResourceOptions options) {
        super("naas:platform:IngressController", name, options);
        this.chart = chart(args.kubernetesMinor());
        this.release = new Release(name, chart.release("ingress-nginx", NAMESPACE)
                .createNamespace(true)
                .values(args.certificateArn().applyValue(arn -> values(arn, args.allowedCidrs())))
                .build(), AddOnSupport.onCluster(this, args.provider(), args.dependsOn()));
        registerOutputs(Map.of());
    }

    /**
     * The pinned chart for a Kubernetes minor.
     *
     * @throws IllegalArgumentException for a minor with no pinned version
     */
    public static HelmChart chart(int minor) {
        var version = CHART_VERSIONS.get(minor);
        if (version == null) {
            throw new IllegalArgumentException("ingress-nginx has no pinned chart for Kubernetes 1." + minor
                    + "; pinned minors are " + CHART_VERSIONS.keySet().stream().sorted().map(m -> "1." + m)
                    .collect(Collectors.joining(", ")) + ". Add one to IngressController.CHART_VERSIONS from the "
                    + "supported versions table of https://github.com/kubernetes/ingress-nginx");
        }
        return new HelmChart("ingress-nginx", REPOSITORY, version);
    }

    /** The annotations that make the controller's Service an internet-facing NLB terminating TLS. */
    static Map<String, String> loadBalancerAnnotations(String certificateArn) {
        var annotations = new LinkedHashMap<String, String>();
        annotations.put("service.beta.kubernetes.io/aws-load-balancer-type", "nlb");
        annotations.put("service.beta.kubernetes.io/aws-load-balancer-ssl-cert", certificateArn);
        annotations.put("service.beta.kubernetes.io/aws-load-balancer-ssl-ports", "https");
        annotations.put("service.beta.kubernetes.io/aws-load-balancer-backend-protocol", "tcp");
        annotations.put("service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled", "true");
        return annotations;
    }

    static Map<String, Object> values(String certificateArn, List<String> allowedCidrs) {
        var service = new LinkedHashMap<String, Object>();
        service.put("type", "LoadBalancer");
        service.put("externalTrafficPolicy", "Local");
        service.put("annotations", loadBalancerAnnotations(certificateArn));
        service.put("loadBalancerSourceRanges", List.copyOf(allowedCidrs));
        // TLS ends at the NLB: its 443 listener forwards to nginx's plain HTTP port; its 80 listener to the
        // port that redirects to HTTPS.
        service.put("targetPorts", Map.of("https", "http", "http", "tohttps"));

        var controller = new LinkedHashMap<String, Object>();
        controller.put("replicaCount", REPLICAS);
        controller.put("minAvailable", 1);
        controller.put("nodeSelector", NodePool.NAAS.labels());
        controller.put("topologySpreadConstraints", List.of(Map.of(
                "maxSkew", 1,
                "topologyKey", "topology.kubernetes.io/zone",
                "whenUnsatisfiable", "ScheduleAnyway",
                "labelSelector", Map.of("matchLabels", Map.of(
                        "app.kubernetes.io/name", "ingress-nginx",
                        "app.kubernetes.io/instance", "ingress-nginx",
                        "app.kubernetes.io/component", "controller")))));
        controller.put("ingressClassResource", Map.of(
                "name", INGRESS_CLASS, "enabled", true, "default", false, "controllerValue", "k8s.io/ingress-nginx"));
        controller.put("ingressClass", INGRESS_CLASS);
        controller.put("containerPort", Map.of("http", 80, "https", 443, "tohttps", REDIRECT_PORT));
        controller.put("config", Map.of(
                "http-snippet", "server { listen " + REDIRECT_PORT + "; return 308 https://$host$request_uri; }",
                "server-tokens", "false"));
        // HSTS on every response: browsers only ever reach these hosts over HTTPS (the NLB), but nginx sees plain
        // HTTP and would not add its own HSTS header (it does so on TLS requests only); the chart turns this
        // map into the add-headers ConfigMap.
        controller.put("addHeaders", Map.of("Strict-Transport-Security", HSTS));
        controller.put("service", service);
        controller.put("admissionWebhooks", Map.of("patch", Map.of("nodeSelector", NodePool.NAAS.labels())));
        controller.put("resources", Map.of("requests", Map.of("cpu", "100m", "memory", "128Mi")));
        controller.put("metrics", Map.of("enabled", false));
        return Map.of("controller", controller);
    }

    /** The chart and version installed. */
    public HelmChart chart() {
        return chart;
    }

    /** The IngressClass apps use. */
    public String ingressClassName() {
        return INGRESS_CLASS;
    }

    /** The Helm release: Ingresses wait for it (its admission webhook validates them). */
    public Release release() {
        return release;
    }

    /**
     * What the ingress controller needs.
     *
     * @param provider        the cluster's Kubernetes provider
     * @param kubernetesMinor the cluster's Kubernetes minor, which picks the chart
     * @param certificateArn  the ACM certificate the NLB serves, once the stack's preflight has checked it
     * @param allowedCidrs    who may connect
     * @param dependsOn       what the release waits for: the node groups
     */
    public record Args(Provider provider, int kubernetesMinor, Output<String> certificateArn, List<String> allowedCidrs,
                       List<Resource> dependsOn) {
        public Args {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(certificateArn, "certificateArn");
            allowedCidrs = List.copyOf(allowedCidrs);
            if (allowedCidrs.isEmpty()) {
                throw new IllegalArgumentException("allowedCidrs must not be empty");
            }
            dependsOn = List.copyOf(dependsOn);
        }
    }
}
