package ai.naas.aws.platform.addons;

import ai.naas.aws.infra.cluster.NodePool;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * metrics-server: the resource metrics API ({@code metrics.k8s.io}) that HorizontalPodAutoscalers and
 * {@code kubectl top} read. On the naas pool, in {@code kube-system}.
 */
public final class MetricsServer extends ComponentResource {

    /**
     * Chart 3.13.0 (metrics-server v0.8.0) from the project's own repository; its API
     * ({@code metrics.k8s.io/v1beta1}) is the same on every Kubernetes minor this stack supports.
     */
    public static final HelmChart CHART = new HelmChart("metrics-server",
            "https://kubernetes-sigs.github.io/metrics-server/", "3.13.0");
    public static final String NAMESPACE = "kube-system";

    private final Release release;

    /**
     * @param args where it runs
     */
    public MetricsServer(String name, Args args, ComponentResourceOptions options) {
        super("naas:platform:MetricsServer", name, options);
        this.release = new Release(name, CHART.release("metrics-server", NAMESPACE)
                .values(values())
                .build(), AddOnSupport.onCluster(this, args.provider(), args.dependsOn()));
        registerOutputs(Map.of());
    }

    static Map<String, Object> values() {
        return Map.of(
                "nodeSelector", NodePool.NAAS.labels(),
                "resources", Map.of("requests", Map.of("cpu", "100m", "memory", "200Mi")));
    }

    /** The Helm release. */
    public Release release() {
        return release;
    }

    /**
     * What metrics-server needs.
     *
     * @param provider  the cluster's Kubernetes provider
     * @param dependsOn what the release waits for: the node groups
     */
    public record Args(Provider provider, List<Resource> dependsOn) {
        public Args {
            Objects.requireNonNull(provider, "provider");
            dependsOn = List.copyOf(dependsOn);
        }
    }
}
