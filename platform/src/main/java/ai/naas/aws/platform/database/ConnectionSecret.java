package ai.naas.aws.platform.database;

import ai.naas.aws.config.Secret;
import ai.naas.aws.platform.spi.DatabaseConnection;
import ai.naas.aws.platform.spi.SecretData;
import ai.naas.aws.support.Digests;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

/**
 * An app's database connection as a Kubernetes Secret in the app's namespace: what its pods read, never its
 * values. The one place that names an app's database, role and Secret, for the platform and its test harness.
 */
public final class ConnectionSecret {

    private ConnectionSecret() {
    }

    /** The Secret an app's connection lives in: {@code <app>-database}. */
    public static String nameFor(String app) {
        return app + "-database";
    }

    /** Database names are SQL identifiers: {@code naas-proxy} owns database and role {@code naas_proxy}. */
    public static AppDatabase databaseFor(String app) {
        return AppDatabase.named(app.replace('-', '_'));
    }

    /**
     * Registers the Secret (keys {@code host}, {@code port}, {@code database}, {@code username}, {@code password},
     * {@code url}) and returns the connection the app receives. The URL asks libpq for {@code verify-full} against
     * the RDS bundle where pods mount it ({@link DatabaseConnection#CA_BUNDLE_PATH}).
     */
    public static DatabaseConnection register(String app, String namespace, Output<String> host, Output<Integer> port,
                                              Secret password, CustomResourceOptions options) {
        var db = databaseFor(app);
        String secretName = nameFor(app);
        Output<String> portText = port.applyValue(String::valueOf);
        Output<String> passwordValue = password.asOutput();
        var entries = new LinkedHashMap<String, Output<String>>();
        entries.put("host", host);
        entries.put("port", portText);
        entries.put("database", Output.of(db.database()));
        entries.put("username", Output.of(db.role()));
        entries.put("password", passwordValue);
        entries.put("url", Output.tuple(host, portText, passwordValue).applyValue(t ->
                "postgresql://" + db.role() + ":" + URLEncoder.encode(t.t3, StandardCharsets.UTF_8)
                        + "@" + t.t1 + ":" + t.t2 + "/" + db.database() + "?sslmode=" + DatabaseConnection.SSL_MODE
                        + "&sslrootcert=" + DatabaseConnection.CA_BUNDLE_PATH));
        var secret = new com.pulumi.kubernetes.core.v1.Secret(secretName, SecretArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(secretName).namespace(namespace).build())
                .stringData(SecretData.of(entries))
                .build(), options);
        return new DatabaseConnection(host, port, db.database(), db.role(), secretName, versionChecksum(secret), secret);
    }

    /**
     * A checksum that changes whenever {@code secret} is written, for a pod-template annotation that restarts the
     * pods reading it: SHA-256 of the object's {@code uid} and {@code resourceVersion}, which the API server
     * gives every write of the object anew.
     *
     * <p>Why not a digest of the password itself: annotations are not secret. Anyone who may read a Deployment,
     * a Helm release's values, a preview or Pulumi's state would hold a value to test guessed passwords against
     * offline, salted or not (a salt stored beside it stops precomputed tables, not guessing), and a keyed digest
     * needs a key kept secret somewhere else. The object's version carries no bit of the password, so there is
     * nothing to guess. Its cost: a preview shows the restart only when it is applied (the new version exists once
     * the Secret is written), and any write of the Secret, not only a new password, restarts the pods.
     */
    public static Output<String> versionChecksum(com.pulumi.kubernetes.core.v1.Secret secret) {
        return secret.metadata().applyValue(meta -> Digests.sha256(meta.uid().orElse("") + "/"
                + meta.resourceVersion().orElseThrow(() -> new IllegalStateException(
                        "the API server answered Secret " + meta.name().orElse("?") + " without a resourceVersion"))));
    }
}
