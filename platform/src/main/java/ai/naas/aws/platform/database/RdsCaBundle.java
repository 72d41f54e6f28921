package ai.naas.aws.platform.database;

import ai.naas.aws.platform.spi.DatabaseConnection;
import ai.naas.aws.support.Digests;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The RDS certificate authorities every database client verifies the server against: AWS's global bundle,
 * vendored as {@value #RESOURCE} beside this class (its source and fingerprint in the README there), and the
 * ConfigMap {@value DatabaseConnection#CA_BUNDLE_CONFIG_MAP} that carries it into a namespace.
 *
 * <p>Vendored rather than fetched at pod start: a pod then starts without reaching AWS's web site, and the bundle
 * changes only in a reviewed commit.
 */
public final class RdsCaBundle {

    /** The bundle, a class-path resource beside this class. */
    public static final String RESOURCE = "global-bundle.pem";
    /** SHA-256 of the vendored bytes; {@link #pem()} refuses anything else. */
    public static final String SHA256 = "fefac91d6800404461cece76724bc0a2383f4f556a1c9beb0813fac6f2e1e49f";

    private RdsCaBundle() {
    }

    /** The bundle's PEM text, checked against {@link #SHA256}. */
    public static String pem() {
        try (InputStream in = RdsCaBundle.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the RDS CA bundle " + RESOURCE + " is missing from the class path");
            }
            byte[] bytes = in.readAllBytes();
            String digest = Digests.sha256(bytes);
            if (!digest.equals(SHA256)) {
                throw new IllegalStateException("the RDS CA bundle " + RESOURCE + " has SHA-256 " + digest
                        + ", not the reviewed " + SHA256);
            }
            return new String(bytes, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ConfigMap {@value DatabaseConnection#CA_BUNDLE_CONFIG_MAP} in {@code namespace}. */
    public static ConfigMap register(String name, String namespace, CustomResourceOptions options) {
        return new ConfigMap(name, ConfigMapArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(DatabaseConnection.CA_BUNDLE_CONFIG_MAP).namespace(namespace)
                        .labels(Map.of("app.kubernetes.io/part-of", "naas")).build())
                .data(Map.of(DatabaseConnection.CA_BUNDLE_KEY, pem()))
                .build(), options);
    }
}
