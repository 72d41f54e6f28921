package ai.naas.aws.platform.spi;

/** What an app may ask of the platform, beyond its namespace and the node pools. */
public enum Need {
    /** Its own PostgreSQL role and database on the stack's RDS instance. */
    DATABASE,
    /** The shared EFS home tree, {@code home/<username>}, as a claim in its namespace. */
    SHARED_HOMES,
    /** A host name under the stack's domain, served by the ingress controller with TLS. */
    INGRESS
}
