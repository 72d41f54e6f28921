package ai.naas.aws.platform.spi;

/**
 * Public host names under the stack's domain, served by the platform's ingress controller. TLS ends at
 * the load balancer with the stack's ACM certificate, so apps' Ingresses need no TLS secret.
 *
 * @param domain    the stack's domain, e.g. {@code naas.example.com}
 * @param className the IngressClass to use
 */
public record IngressHosts(String domain, String className) {

    /** {@code <name>.<domain>}. */
    public String host(String name) {
        return name + "." + domain;
    }
}
