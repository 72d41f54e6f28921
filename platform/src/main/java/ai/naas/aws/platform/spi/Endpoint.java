package ai.naas.aws.platform.spi;

/**
 * Where an app serves HTTP inside the cluster.
 *
 * @param namespace the app's namespace
 * @param service   the Kubernetes Service name
 * @param port      the Service port
 */
public record Endpoint(String namespace, String service, int port) {

    /** {@code http://<service>.<namespace>.svc.cluster.local:<port>}. */
    public String url() {
        return "http://" + service + "." + namespace + ".svc.cluster.local:" + port;
    }

    /** {@code <service>.<namespace>.svc.cluster.local}. */
    public String host() {
        return service + "." + namespace + ".svc.cluster.local";
    }
}
