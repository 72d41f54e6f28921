package ai.naas.aws.platform.database;

import ai.naas.aws.infra.cluster.NodePool;
import ai.naas.aws.config.Secret;
import ai.naas.aws.platform.spi.SecretData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.aws.secretsmanager.SecretsmanagerFunctions;
import com.pulumi.aws.secretsmanager.inputs.GetSecretVersionArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.batch.v1.Job;
import com.pulumi.kubernetes.batch.v1.JobArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobSpecArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretEnvSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the {@link DatabaseBootstrap} script in the cluster, as a Kubernetes Job, before the apps that need
 * their databases: psql connects as the RDS master user, whose password Pulumi reads from the secret RDS
 * manages and hands to the Job only through a Kubernetes Secret. Each app's role password comes from the
 * app's stack secret; the same value goes into the app's own connection Secret.
 *
 * <p>Jobs are immutable: a changed script or password changes the pod template's checksum annotation, so
 * Pulumi replaces the Job and the script runs again (it is idempotent, and rotates changed passwords).
 */
public final class DatabaseBootstrapJob extends ComponentResource {

    /** psql 16 client; the script needs psql 15 or later. */
    public static final String IMAGE = "postgres:16.4-alpine";
    private static final String SCRIPT_DIR = "/etc/naas/db-bootstrap";

    private final Job job;

    public DatabaseBootstrapJob(String name, DatabaseBootstrapArgs args, ComponentResourceOptions options) {
        super("naas:platform:DatabaseBootstrapJob", name, options);
        var k8s = CustomResourceOptions.builder().parent(this).provider(args.provider()).dependsOn(args.readyWhen()).build();
        List<AppDatabase> databases = args.apps().stream().map(AppRole::database).toList();
        String script = DatabaseBootstrap.script(databases);

        Output<String> masterPassword = SecretsmanagerFunctions.getSecretVersion(GetSecretVersionArgs.builder()
                        .secretId(args.masterSecretArn()).build())
                .applyValue(v -> password(v.secretString()))
                .asSecret();
        var secretData = new LinkedHashMap<String, Output<String>>();
        secretData.put("PGPASSWORD", masterPassword);
        args.apps().forEach(a -> secretData.put(a.database().passwordEnvVar(), a.password().asOutput()));

        var credentials = new com.pulumi.kubernetes.core.v1.Secret(name + "-credentials", SecretArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(name + "-credentials").namespace(args.namespace()).build())
                .stringData(SecretData.of(secretData))
                .build(), k8s);
        var sql = new ConfigMap(name + "-sql", ConfigMapArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(name + "-sql").namespace(args.namespace()).build())
                .data(Map.of("bootstrap.sql", script))
                .build(), k8s);

        // What makes a new run necessary: the script, and any password (hashed: no value leaves the Secret).
        Output<String> checksum = Output.all(new ArrayList<>(secretData.values()))
                .applyValue(values -> sha256(script + "\n" + String.join("\n", values))).asSecret();

        var restricted = SecurityContextArgs.builder()
                .allowPrivilegeEscalation(false).readOnlyRootFilesystem(true).runAsNonRoot(true)
                .capabilities(CapabilitiesArgs.builder().drop("ALL").build())
                .build();
        this.job = new Job(name, JobArgs.builder()
                .metadata(ObjectMetaArgs.builder().namespace(args.namespace())
                        .labels(Map.of("app.kubernetes.io/name", "database-bootstrap", "app.kubernetes.io/part-of", "naas"))
                        .build())
                .spec(JobSpecArgs.builder()
                        .backoffLimit(4)
                        .activeDeadlineSeconds(600)
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder()
                                        .annotations(checksum.applyValue(c -> Map.of("naas.ai/inputs-checksum", c)))
                                        .build())
                                .spec(PodSpecArgs.builder()
                                        .restartPolicy("Never")
                                        .nodeSelector(NodePool.NAAS.labels())
                                        .automountServiceAccountToken(false)
                                        .securityContext(PodSecurityContextArgs.builder()
                                                .runAsNonRoot(true).runAsUser(70).runAsGroup(70)
                                                .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build())
                                                .build())
                                        .containers(ContainerArgs.builder()
                                                .name("psql")
                                                .image(IMAGE)
                                                .command(DatabaseBootstrap.psqlCommand(SCRIPT_DIR + "/bootstrap.sql"))
                                                .env(EnvVarArgs.builder().name("PGHOST").value(args.host()).build(),
                                                        EnvVarArgs.builder().name("PGPORT").value(args.port().applyValue(String::valueOf)).build(),
                                                        EnvVarArgs.builder().name("PGUSER").value(args.masterUser()).build(),
                                                        EnvVarArgs.builder().name("PGDATABASE").value("postgres").build(),
                                                        // RDS forces TLS (rds.force_ssl); the CA bundle is not in the image.
                                                        EnvVarArgs.builder().name("PGSSLMODE").value("require").build())
                                                .envFrom(EnvFromSourceArgs.builder().secretRef(SecretEnvSourceArgs.builder()
                                                        .name(name + "-credentials").build()).build())
                                                .volumeMounts(VolumeMountArgs.builder().name("sql").mountPath(SCRIPT_DIR).readOnly(true).build())
                                                .securityContext(restricted)
                                                .build())
                                        .volumes(VolumeArgs.builder().name("sql")
                                                .configMap(ConfigMapVolumeSourceArgs.builder().name(name + "-sql").build()).build())
                                        .build())
                                .build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).provider(args.provider())
                .dependsOn(merge(args.readyWhen(), credentials, sql)).build());
        registerOutputs(Map.of());
    }

    /** The Job: apps that use their database wait for it. */
    public Job job() {
        return job;
    }

    private static List<Resource> merge(List<Resource> first, Resource... more) {
        var all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    private static String password(String secretString) {
        try {
            return new ObjectMapper().readTree(secretString).path("password").asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the RDS master secret is not the JSON RDS writes", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * One app's database and the password its role gets.
     *
     * @param database the database and role
     * @param password the role's password, from the app's stack secret
     */
    public record AppRole(AppDatabase database, Secret password) {
    }

    /**
     * What the Job is built from.
     *
     * @param provider        the cluster's provider
     * @param namespace       where the Job runs
     * @param host            the RDS endpoint
     * @param port            the RDS port
     * @param masterUser      the RDS master user
     * @param masterSecretArn the Secrets Manager secret RDS keeps the master password in
     * @param apps            the apps' databases and passwords
     * @param readyWhen       what the Job waits for (namespace, nodes)
     */
    public record DatabaseBootstrapArgs(Provider provider, String namespace, Output<String> host, Output<Integer> port,
                                        String masterUser, Output<String> masterSecretArn, List<AppRole> apps,
                                        List<Resource> readyWhen) {
        public DatabaseBootstrapArgs {
            apps = List.copyOf(apps);
            readyWhen = List.copyOf(readyWhen);
        }
    }
}
