package ai.naas.aws.infra.cluster;

import ai.naas.aws.support.Json;
import com.pulumi.core.Output;

import java.util.List;
import java.util.Map;

/**
 * The kubeconfig of a {@link Cluster}: it authenticates with {@code aws eks get-token} through the v1beta1
 * exec API, so it holds no credential, only the command that fetches one for whoever runs it.
 *
 * <p>It is an input of the Kubernetes provider, so it must be the same bytes on every run: keys are sorted at
 * every depth (a different order would show the provider as changed in every {@code pulumi preview}).
 */
public final class Kubeconfig {

    private Kubeconfig() {
    }

    /** The kubeconfig of a cluster, once its name, endpoint and CA are known. */
    static Output<String> of(Output<String> clusterName, Output<String> endpoint, Output<String> caData, String region) {
        return Output.tuple(clusterName, endpoint, caData).applyValue(t -> render(t.t1, t.t2, t.t3, region));
    }

    /**
     * The kubeconfig as JSON (which is YAML too), keys sorted at every depth.
     *
     * @param clusterName the EKS cluster's name: also the context's and user's name
     * @param endpoint    the API server's URL
     * @param caData      the API server's CA, base64-encoded PEM
     * @param region      the cluster's region, for {@code aws eks get-token}
     */
    public static String render(String clusterName, String endpoint, String caData, String region) {
        return Json.writePretty(Map.of(
                "apiVersion", "v1",
                "kind", "Config",
                "current-context", clusterName,
                "clusters", List.of(Map.of("name", clusterName, "cluster",
                        Map.of("server", endpoint, "certificate-authority-data", caData))),
                "contexts", List.of(Map.of("name", clusterName, "context",
                        Map.of("cluster", clusterName, "user", clusterName))),
                "users", List.of(Map.of("name", clusterName, "user", Map.of("exec", Map.of(
                        "apiVersion", "client.authentication.k8s.io/v1beta1",
                        "command", "aws",
                        "args", List.of("eks", "get-token", "--cluster-name", clusterName, "--region", region,
                                "--output", "json"),
                        "interactiveMode", "Never"))))));
    }
}
