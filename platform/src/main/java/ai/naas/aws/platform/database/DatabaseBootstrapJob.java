package ai.naas.aws.platform.database;

import ai.naas.aws.config.Secret;
import ai.naas.aws.infra.cluster.NodePool;
import ai.naas.aws.infra.cluster.OidcIdentity;
import ai.naas.aws.infra.cluster.ServiceAccountRole;
import ai.naas.aws.infra.iam.RoleBoundary;
import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.Statement;
import ai.naas.aws.platform.spi.DatabaseConnection;
import ai.naas.aws.platform.spi.SecretData;
import ai.naas.aws.support.Digests;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.batch.v1.Job;
import com.pulumi.kubernetes.batch.v1.JobArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobSpecArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the {@link DatabaseBootstrap} script in the cluster, as a Kubernetes Job, before the apps that need
 * their databases. psql connects as the RDS master user over TLS that verifies the server ({@code verify-full}
 * against the RDS certificate authorities of {@link RdsCaBundle}).
 *
 * <h2>The master password is read at run time, by the Job</h2>
 * RDS keeps the master password in a Secrets Manager secret and rotates it every seven days. The program never
 * reads it (no {@code GetSecretValue}, so a preview needs no right to it), and it is in no Pulumi state, plan or
 * Kubernetes object: the Job's init container, running as the service account {@value #SERVICE_ACCOUNT} with its
 * own IAM role (IRSA), fetches the secret's current value with the AWS CLI into a memory-backed volume that only
 * the pod sees, and the psql container reads the password from it ({@link DatabaseBootstrap#jobCommand}). The
 * role may call {@code secretsmanager:GetSecretValue} on that one secret, and {@code kms:Decrypt} on its key only
 * when Secrets Manager asks on its behalf for that secret. A rotation therefore changes nothing in the program:
 * no diff, no new run.
 *
 * <p>Each app's role password comes from the app's stack secret, through the Kubernetes Secret
 * {@code <name>-credentials}; the same value goes into the app's own connection Secret.
 *
 * <p>Jobs are immutable: a changed script, app password or image changes the pod template's annotation
 * {@value #INPUTS_ANNOTATION}, so Pulumi replaces the Job and the script runs again (it is idempotent, and
 * rotates changed passwords). The annotation is keyed on the credentials Secret's version, not on the passwords
 * (see {@link ConnectionSecret#versionChecksum}).
 */
public final class DatabaseBootstrapJob extends ComponentResource {

    /**
     * psql 16 client, as published; the script needs psql 15 or later. The shell step runs in its BusyBox
     * {@code sh}. Pulled as {@link DatabaseBootstrapArgs#image}.
     */
    public static final String IMAGE = "postgres:16.4-alpine";
    /**
     * AWS's own AWS CLI v2 image, from ECR Public (no Docker Hub pull limits), pinned: fetches the master secret.
     * It runs as the pod's non-root user with {@code HOME} on an emptyDir, its root filesystem read-only.
     */
    public static final String AWS_CLI_IMAGE = "public.ecr.aws/aws-cli/aws-cli:2.31.23";
    /** The service account the Job runs as; the IAM role trusts exactly this one, in the Job's namespace. */
    public static final String SERVICE_ACCOUNT = "database-bootstrap";
    /** The pod-template annotation whose change reruns the Job. */
    public static final String INPUTS_ANNOTATION = "naas.ai/inputs-checksum";
    /** uid and gid of the {@code postgres} user of the alpine psql image. */
    static final int USER = 70;
    private static final String SCRIPT_DIR = "/etc/naas/db-bootstrap";
    /** Memory-backed: the master secret never touches the node's disk, and goes with the pod. */
    private static final String MASTER_DIR = "/run/naas/master";
    static final String MASTER_FILE = MASTER_DIR + "/secret.json";

    private final Job job;
    private final ServiceAccountRole role;

    public DatabaseBootstrapJob(String name, DatabaseBootstrapArgs args, ComponentResourceOptions options) {
        super("naas:platform:DatabaseBootstrapJob", name, options);
        var k8s = CustomResourceOptions.builder().parent(this).provider(args.provider()).dependsOn(args.readyWhen()).build();
        List<AppDatabase> databases = args.apps().stream().map(AppRole::database).toList();
        String script = DatabaseBootstrap.script(databases);

        this.role = new ServiceAccountRole(name, new ServiceAccountRole.Args(args.identity(), args.namespace(),
                SERVICE_ACCOUNT, Optional.of(masterSecretPolicy(args.region(), args.masterSecretArn(),
                args.masterSecretKeyArn())), List.of(), args.boundary()),
                ComponentResourceOptions.builder().parent(this).build());
        var serviceAccount = new ServiceAccount(name, ServiceAccountArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(SERVICE_ACCOUNT).namespace(args.namespace())
                        .annotations(role.arn().applyValue(arn -> Map.of("eks.amazonaws.com/role-arn", arn)))
                        .build())
                // The pod needs no Kubernetes API token; the IRSA web-identity token is mounted on its own.
                .automountServiceAccountToken(false)
                .build(), k8s);

        var passwords = new LinkedHashMap<String, Output<String>>();
        args.apps().forEach(a -> passwords.put(a.database().passwordEnvVar(), a.password().asOutput()));
        var credentials = new com.pulumi.kubernetes.core.v1.Secret(name + "-credentials", SecretArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(name + "-credentials").namespace(args.namespace()).build())
                .stringData(SecretData.of(passwords))
                .build(), k8s);
        var sql = new ConfigMap(name + "-sql", ConfigMapArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(name + "-sql").namespace(args.namespace()).build())
                .data(Map.of("bootstrap.sql", script))
                .build(), k8s);

        // What makes a new run necessary: the script, the images, and a new version of the credentials Secret.
        Output<String> checksum = ConnectionSecret.versionChecksum(credentials)
                .applyValue(version -> Digests.sha256(String.join("\n", script, IMAGE, AWS_CLI_IMAGE, version)));

        var restricted = SecurityContextArgs.builder()
                .allowPrivilegeEscalation(false).readOnlyRootFilesystem(true).runAsNonRoot(true)
                .capabilities(CapabilitiesArgs.builder().drop("ALL").build())
                .build();
        var fetch = ContainerArgs.builder()
                .name("master-secret")
                .image(AWS_CLI_IMAGE)
                .command(DatabaseBootstrap.fetchMasterSecretCommand(MASTER_FILE))
                .env(EnvVarArgs.builder().name("MASTER_SECRET_ARN").value(args.masterSecretArn()).build(),
                        EnvVarArgs.builder().name("AWS_REGION").value(args.region()).build(),
                        EnvVarArgs.builder().name("AWS_STS_REGIONAL_ENDPOINTS").value("regional").build(),
                        EnvVarArgs.builder().name("AWS_PAGER").value("").build(),
                        // The CLI may write its cache under HOME; the root filesystem is read-only.
                        EnvVarArgs.builder().name("HOME").value("/tmp").build())
                .volumeMounts(VolumeMountArgs.builder().name("master").mountPath(MASTER_DIR).build(),
                        VolumeMountArgs.builder().name("tmp").mountPath("/tmp").build())
                .resources(requests("50m", "128Mi", "256Mi"))
                .securityContext(restricted)
                .build();
        var psql = ContainerArgs.builder()
                .name("psql")
                .image(args.image())
                .command(DatabaseBootstrap.jobCommand(MASTER_FILE, SCRIPT_DIR + "/bootstrap.sql"))
                .env(libpqEnvironment(args.host(), args.port().applyValue(String::valueOf), args.masterUser()))
                .envFrom(EnvFromSourceArgs.builder().secretRef(SecretEnvSourceArgs.builder()
                        .name(name + "-credentials").build()).build())
                .volumeMounts(VolumeMountArgs.builder().name("sql").mountPath(SCRIPT_DIR).readOnly(true).build(),
                        VolumeMountArgs.builder().name("master").mountPath(MASTER_DIR).readOnly(true).build(),
                        VolumeMountArgs.builder().name("rds-ca").mountPath(DatabaseConnection.CA_BUNDLE_DIR)
                                .readOnly(true).build())
                .resources(requests("50m", "64Mi", "128Mi"))
                .securityContext(restricted)
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
                                        .annotations(checksum.applyValue(c -> Map.of(INPUTS_ANNOTATION, c)))
                                        .build())
                                .spec(PodSpecArgs.builder()
                                        .restartPolicy("Never")
                                        .serviceAccountName(SERVICE_ACCOUNT)
                                        .nodeSelector(NodePool.NAAS.labels())
                                        .automountServiceAccountToken(false)
                                        .securityContext(PodSecurityContextArgs.builder()
                                                .runAsNonRoot(true).runAsUser(USER).runAsGroup(USER)
                                                .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build())
                                                .build())
                                        .initContainers(fetch)
                                        .containers(psql)
                                        .volumes(VolumeArgs.builder().name("sql")
                                                        .configMap(ConfigMapVolumeSourceArgs.builder().name(name + "-sql").build()).build(),
                                                VolumeArgs.builder().name("rds-ca")
                                                        .configMap(ConfigMapVolumeSourceArgs.builder()
                                                                .name(DatabaseConnection.CA_BUNDLE_CONFIG_MAP).build()).build(),
                                                VolumeArgs.builder().name("master").emptyDir(EmptyDirVolumeSourceArgs.builder()
                                                        .medium("Memory").sizeLimit("1Mi").build()).build(),
                                                VolumeArgs.builder().name("tmp").emptyDir(EmptyDirVolumeSourceArgs.builder()
                                                        .sizeLimit("64Mi").build()).build())
                                        .build())
                                .build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).provider(args.provider())
                .dependsOn(merge(args.readyWhen(), credentials, sql, serviceAccount, role)).build());
        registerOutputs(Map.of("roleArn", role.arn()));
    }

    /**
     * The master connection as libpq's environment (the password aside): {@code PGSSLMODE=verify-full} checks
     * the server's chain against {@code PGSSLROOTCERT}, the RDS bundle, and that its certificate names
     * {@code PGHOST}, the RDS endpoint.
     */
    static List<EnvVarArgs> libpqEnvironment(Output<String> host, Output<String> port, String user) {
        return List.of(EnvVarArgs.builder().name("PGHOST").value(host).build(),
                EnvVarArgs.builder().name("PGPORT").value(port).build(),
                EnvVarArgs.builder().name("PGUSER").value(user).build(),
                EnvVarArgs.builder().name("PGDATABASE").value("postgres").build(),
                EnvVarArgs.builder().name("PGSSLMODE").value(DatabaseConnection.SSL_MODE).build(),
                EnvVarArgs.builder().name("PGSSLROOTCERT").value(DatabaseConnection.CA_BUNDLE_PATH).build());
    }

    /**
     * What the Job's role may do: read the one master secret, and decrypt with its key only through Secrets
     * Manager in the stack's region, for that secret (Secrets Manager names the secret in the encryption context).
     */
    static Output<String> masterSecretPolicy(String region, Output<String> secretArn, Output<String> keyArn) {
        return PolicyDocument.of(
                Statement.allow("secretsmanager:GetSecretValue").on(secretArn).withSid("ReadTheRdsMasterSecret"),
                Statement.allow("kms:Decrypt").on(keyArn).withSid("DecryptItThroughSecretsManager")
                        .when("StringEquals", "kms:ViaService", "secretsmanager." + region + ".amazonaws.com")
                        .when("StringEquals", "kms:EncryptionContext:SecretARN", secretArn)).toJson();
    }

    private static ResourceRequirementsArgs requests(String cpu, String memory, String memoryLimit) {
        return ResourceRequirementsArgs.builder()
                .requests(Map.of("cpu", cpu, "memory", memory))
                .limits(Map.of("memory", memoryLimit))
                .build();
    }

    /** The Job: apps that use their database wait for it. */
    public Job job() {
        return job;
    }

    /** The IAM role the Job runs with. */
    public ServiceAccountRole role() {
        return role;
    }

    private static List<Resource> merge(List<Resource> first, Resource... more) {
        var all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
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
     * @param provider           the cluster's provider
     * @param identity           the cluster's OIDC identity, which the Job's IAM role trusts
     * @param boundary           the stack's permissions boundary, which that role carries
     * @param region             the stack's region (Secrets Manager's endpoint, the KMS condition)
     * @param namespace          where the Job runs; it must hold the ConfigMap {@value DatabaseConnection#CA_BUNDLE_CONFIG_MAP}
     * @param host               the RDS endpoint
     * @param port               the RDS port
     * @param masterUser         the RDS master user
     * @param masterSecretArn    the Secrets Manager secret RDS keeps the master password in
     * @param masterSecretKeyArn the KMS key that encrypts that secret
     * @param apps               the apps' databases and passwords
     * @param readyWhen          what the Job waits for (namespace, nodes, the CA bundle, the image cache)
     * @param image              {@link #IMAGE} as the nodes pull it (through the image cache)
     */
    public record DatabaseBootstrapArgs(Provider provider, OidcIdentity identity, RoleBoundary boundary,
                                        String region, String namespace,
                                        Output<String> host, Output<Integer> port, String masterUser,
                                        Output<String> masterSecretArn, Output<String> masterSecretKeyArn,
                                        List<AppRole> apps, List<Resource> readyWhen, Output<String> image) {
        public DatabaseBootstrapArgs {
            apps = List.copyOf(apps);
            readyWhen = List.copyOf(readyWhen);
        }
    }
}
