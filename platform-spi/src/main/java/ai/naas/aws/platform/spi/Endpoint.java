package ai.naas.aws.platform.spi;

import java.util.Optional;

/**
 * Where an app serves HTTP inside the cluster, and on the internet if it is exposed.
 *
 * @param namespace the app's namespace
 * @param service   the Kubernetes Service name
 * @param port      the Service port
 * @param publicUrl {@code https://<host>.<domain>} for an app served through the ingress controller
 */
public record Endpoint(String namespace, String service, int port, Optional<String> publicUrl) {

    /** An endpoint inside the cluster only. */
    public Endpoint(String namespace, String service, int port) {
        this(namespace, service, port, Optional.empty());
    }

    /** This endpoint, also served at {@code url}. */
    public Endpoint withPublicUrl(String url) {
        return new Endpoint(namespace, service, port, Optional.of(url));
    }

    /** The URL to hand to someone outside the cluster: the public one when there is one. */
    public String urlForUsers() {
        return publicUrl.orElse(url());
    }

    /** {@code http://<service>.<namespace>.svc.cluster.local:<port>}. */
    public String url() {
        return "http://" + service + "." + namespace + ".svc.cluster.local:" + port;
    }
}
