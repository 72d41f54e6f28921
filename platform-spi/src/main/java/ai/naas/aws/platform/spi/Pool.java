package ai.naas.aws.platform.spi;

/**
 * The worker pools an app can put pods on. The platform maps each to the node labels and taint of the
 * cluster's node group; apps only name the pool and receive a {@link Placement}.
 */
public enum Pool {
    /** Platform add-ons, the hub and proxy, and the Naas services. */
    NAAS,
    /** Single-user Jupyter servers only: tainted, so only pods that tolerate it land there. */
    JUPYTER
}
