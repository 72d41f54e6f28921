package ai.naas.aws.platform.spi;

import com.pulumi.core.Output;

/**
 * An app's own PostgreSQL database and role. The password never leaves Kubernetes: it is in the Secret
 * {@link #secretName()} in the app's namespace, under the keys {@code host}, {@code port}, {@code database},
 * {@code username}, {@code password} and {@code url} ({@code postgresql://user:password@host:port/database?sslmode=require}).
 *
 * @param host       the RDS endpoint
 * @param port       the RDS port
 * @param database   the database name
 * @param username   the role name
 * @param secretName the Kubernetes Secret holding the connection
 */
public record DatabaseConnection(Output<String> host, Output<Integer> port, String database, String username, String secretName) {
}
