package ai.naas.aws.platform.spi;

/**
 * Public host names under the stack's domain, served by the platform's ingress controller. TLS ends at
 * the load balancer with the stack's ACM certificate, so apps' Ingresses need no TLS secret.
 *
 * @param domain            the stack's domain, e.g. {@code naas.example.com}
 * @param className         the IngressClass to use
 * @param userContentDomain the domain of the apps that serve what users write ({@link NaasApp#servesUserContent}),
 *                          another registrable domain than {@code domain} (or {@code domain} itself when the stack
 *                          sets none)
 */
public record IngressHosts(String domain, String className, String userContentDomain) {

    /** Hosts with user content under the stack's domain too. */
    public IngressHosts(String domain, String className) {
        this(domain, className, domain);
    }

    /** {@code <name>.<domain>}. */
    public String host(String name) {
        return name + "." + domain;
    }

    /** {@code <name>.<userContentDomain>} for an app that serves user content, else {@link #host}. */
    public String host(String name, boolean userContent) {
        return userContent ? name + "." + userContentDomain : host(name);
    }
}
