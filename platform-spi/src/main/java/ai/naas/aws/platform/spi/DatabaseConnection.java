package ai.naas.aws.platform.spi;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

/**
 * An app's own PostgreSQL database and role. The password never leaves Kubernetes: it is in the Secret
 * {@link #secretName()} in the app's namespace, under the keys {@code host}, {@code port}, {@code database},
 * {@code username}, {@code password} and {@code url}
 * ({@code postgresql://user:password@host:port/database?sslmode=verify-full&sslrootcert=}{@value #CA_BUNDLE_PATH}).
 *
 * <p>Connections are TLS and verify the server: {@value #SSL_MODE} against the RDS certificate authorities, which
 * the platform puts in the ConfigMap {@value #CA_BUNDLE_CONFIG_MAP} (key {@value #CA_BUNDLE_KEY}) of the app's
 * namespace. An app mounts it at {@value #CA_BUNDLE_DIR} and points its client there: libpq with
 * {@code PGSSLROOTCERT} or {@code sslrootcert}, Node with {@code NODE_EXTRA_CA_CERTS}. The host to connect to is
 * {@link #host()}, the RDS endpoint, because {@value #SSL_MODE} checks the certificate is for that name.
 *
 * <p>A pod that reads the Secret carries {@link #secretChecksum()} as the pod-template annotation
 * {@value #CHECKSUM_ANNOTATION}, so that a new password restarts it; everything an app registers waits for
 * {@link #secret()} (the platform puts it in the app's {@code readyWhen}).
 *
 * @param host           the RDS endpoint
 * @param port           the RDS port
 * @param database       the database name
 * @param username       the role name
 * @param secretName     the Kubernetes Secret holding the connection
 * @param secretChecksum changes whenever the Secret is written, and tells nothing about the password
 * @param secret         the Secret itself, for {@code dependsOn}
 */
public record DatabaseConnection(Output<String> host, Output<Integer> port, String database, String username,
                                 String secretName, Output<String> secretChecksum, Resource secret) {

    /** libpq's {@code sslmode} (and node-postgres's {@code PGSSLMODE}): TLS, the chain and the host name checked. */
    public static final String SSL_MODE = "verify-full";
    /** The ConfigMap holding the RDS certificate authorities, in every namespace with a database app. */
    public static final String CA_BUNDLE_CONFIG_MAP = "rds-ca-bundle";
    /** Its one key: the PEM bundle. */
    public static final String CA_BUNDLE_KEY = "rds-ca-bundle.pem";
    /** Where pods mount the ConfigMap. */
    public static final String CA_BUNDLE_DIR = "/etc/naas/rds-ca";
    /** The bundle's path in a pod that mounts it at {@link #CA_BUNDLE_DIR}. */
    public static final String CA_BUNDLE_PATH = CA_BUNDLE_DIR + "/" + CA_BUNDLE_KEY;
    /** The pod-template annotation that carries {@link #secretChecksum()}. */
    public static final String CHECKSUM_ANNOTATION = "naas.ai/database-secret-checksum";
}
