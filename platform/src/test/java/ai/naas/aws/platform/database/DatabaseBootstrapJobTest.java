package ai.naas.aws.platform.database;

import ai.naas.aws.config.ConfigReader;
import ai.naas.aws.config.MapConfigSource;
import ai.naas.aws.config.Secret;
import ai.naas.aws.infra.cluster.OidcIdentity;
import ai.naas.aws.infra.iam.RoleBoundary;
import ai.naas.aws.plan.OfflineEngine;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import ai.naas.aws.plan.PlausibleCloud;
import ai.naas.aws.platform.spi.DatabaseConnection;
import com.fasterxml.jackson.databind.JsonNode;
import ai.naas.aws.platform.PullThroughImages;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.test.Mocks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseBootstrapJobTest {

    private static final String HUB_PASSWORD = "hub-password-that-must-not-leak";
    private static final String PROXY_PASSWORD = "proxy-password-that-must-not-leak";
    private static final String REGION = "eu-west-3";
    private static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-3:123456789012:secret:rds!db-1-AbCdEf";
    private static final String KEY_ARN = "arn:aws:kms:eu-west-3:123456789012:key/0b2c3d4e-1111-2222-3333-444455556666";
    private static final String ISSUER = "https://oidc.eks.eu-west-3.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    private static final String BOUNDARY = "arn:aws:iam::123456789012:policy/naas-test-boundary";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the program handed the engine, secrets in clear: only a test sees it. */
    private static final Map<String, Map<String, Object>> written = new ConcurrentHashMap<>();
    private static final String REGISTRY = "123456789012.dkr.ecr.eu-west-3.amazonaws.com";
    private static Plan plan;

    static Secret secret(String value) {
        return new ConfigReader(new MapConfigSource(Map.of("naas:test", value), Set.of("naas:test")))
                .requiredSecret("naas:test");
    }

    static Plan planWith(String hubPassword, Map<String, Map<String, Object>> capture) {
        var cloud = new PlausibleCloud(REGION);
        Mocks capturing = new Mocks() {
            @Override
            public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
                capture.put(args.type + "::" + args.name, args.inputs);
                return cloud.newResourceAsync(args);
            }

            @Override
            public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
                return cloud.callAsync(args);
            }
        };
        return new OfflineEngine(capturing).run("naas", "test", Map.of(), Set.of(), ctx -> {
            var provider = new Provider("k8s", ProviderArgs.builder().kubeconfig("{}").build());
            new DatabaseBootstrapJob("database-bootstrap", new DatabaseBootstrapJob.DatabaseBootstrapArgs(
                    provider, new OidcIdentity(Output.of("arn:aws:iam::123456789012:oidc-provider/"
                    + ISSUER.substring(8)), Output.of(ISSUER)), new RoleBoundary(Output.of(BOUNDARY)), REGION,
                    "naas-platform",
                    Output.of("db.example.internal"), Output.of(5432), "naas_admin",
                    Output.of(SECRET_ARN), Output.of(KEY_ARN),
                    List.of(new DatabaseBootstrapJob.AppRole(AppDatabase.named("jupyterhub"), secret(hubPassword)),
                            new DatabaseBootstrapJob.AppRole(AppDatabase.named("naas_proxy"), secret(PROXY_PASSWORD))),
                    List.of(), new PullThroughImages(Output.of(REGISTRY), "naas-test-docker-hub")
                            .image(DatabaseBootstrapJob.IMAGE)), ComponentResourceOptions.Empty);
        });
    }

    @BeforeAll
    static void planTheJob() {
        plan = planWith(HUB_PASSWORD, written);
    }

    private static PlannedResource job() {
        return plan.ofType("kubernetes:batch/v1:Job").get(0);
    }

    private static Map<?, ?> container(String path) {
        return (Map<?, ?>) job().requireInput("spec.template.spec." + path);
    }

    private static Map<String, Object> env(Map<?, ?> container) {
        var env = new java.util.TreeMap<String, Object>();
        for (Object entry : (List<?>) container.get("env")) {
            var e = (Map<?, ?>) entry;
            env.put(String.valueOf(e.get("name")), e.get("value"));
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> objects(Object list) {
        return (List<Object>) list;
    }

    @Test
    void psqlRunsTheScriptAsTheMasterUserOverTlsThatVerifiesTheRdsEndpoint() {
        assertThat(job().requireInput("metadata.namespace")).isEqualTo("naas-platform");
        var psql = container("containers.0");
        // Docker Hub's official image, pulled through the image cache.
        assertThat(psql.get("image")).isEqualTo(REGISTRY + "/naas-test-docker-hub/library/" + DatabaseBootstrapJob.IMAGE);
        assertThat(psql.get("command")).isEqualTo(DatabaseBootstrap.jobCommand("/run/naas/master/secret.json",
                "/etc/naas/db-bootstrap/bootstrap.sql"));
        // libpq: verify-full checks the chain against PGSSLROOTCERT and that the certificate names PGHOST.
        assertThat(env(psql)).containsEntry("PGHOST", "db.example.internal").containsEntry("PGPORT", "5432")
                .containsEntry("PGUSER", "naas_admin").containsEntry("PGDATABASE", "postgres")
                .containsEntry("PGSSLMODE", "verify-full")
                .containsEntry("PGSSLROOTCERT", "/etc/naas/rds-ca/rds-ca-bundle.pem")
                .doesNotContainKey("PGPASSWORD");
        var mounts = objects(psql.get("volumeMounts"));
        assertThat(mounts).contains(Map.of("name", "rds-ca", "mountPath", "/etc/naas/rds-ca", "readOnly", true));
        assertThat(objects(job().requireInput("spec.template.spec.volumes"))).contains(Map.of("name", "rds-ca",
                "configMap", Map.of("name", DatabaseConnection.CA_BUNDLE_CONFIG_MAP)));
        var sql = plan.ofType("kubernetes:core/v1:ConfigMap").get(0);
        assertThat(((Map<?, ?>) sql.requireInput("data")).get("bootstrap.sql")).isEqualTo(DatabaseBootstrap.script(
                List.of(AppDatabase.named("jupyterhub"), AppDatabase.named("naas_proxy"))));
    }

    @Test
    void theInitContainerFetchesTheMasterSecretAtRunTimeIntoMemoryOnly() {
        var fetch = container("initContainers.0");
        assertThat(fetch.get("image")).isEqualTo(DatabaseBootstrapJob.AWS_CLI_IMAGE);
        assertThat(fetch.get("command")).isEqualTo(DatabaseBootstrap.fetchMasterSecretCommand("/run/naas/master/secret.json"));
        assertThat(env(fetch)).containsEntry("MASTER_SECRET_ARN", SECRET_ARN).containsEntry("AWS_REGION", REGION);
        assertThat(objects(job().requireInput("spec.template.spec.volumes"))).contains(Map.of("name", "master",
                "emptyDir", Map.of("medium", "Memory", "sizeLimit", "1Mi")));
        // The psql container may only read it.
        assertThat(objects(container("containers.0").get("volumeMounts")))
                .contains(Map.of("name", "master", "mountPath", "/run/naas/master", "readOnly", true));
    }

    @Test
    void theMasterPasswordIsInNoKubernetesObjectAndTheProgramNeverReadsIt() throws Exception {
        // PlausibleCloud answers no getSecretVersion: had the program asked, the run would have failed.
        String json = JSON.writeValueAsString(plan);
        assertThat(json).doesNotContain(HUB_PASSWORD, PROXY_PASSWORD);
        var credentials = plan.ofType("kubernetes:core/v1:Secret").get(0);
        assertThat(credentials.requireInput("stringData")).isEqualTo("[secret]");
        // In clear, as the engine received it: the app roles' passwords, and no master password.
        var stringData = (Map<?, ?>) written.get("kubernetes:core/v1:Secret::database-bootstrap-credentials").get("stringData");
        assertThat(objects(List.copyOf(stringData.keySet()))).containsExactly("NAAS_DB_PASSWORD_JUPYTERHUB", "NAAS_DB_PASSWORD_NAAS_PROXY");
        assertThat(job().requireInput("spec.template.spec.containers.0.envFrom.0.secretRef.name"))
                .isEqualTo(credentials.requireInput("metadata.name"));
        assertThat(job().dependsOn()).contains(credentials.urn(), plan.ofType("kubernetes:core/v1:ConfigMap").get(0).urn());
    }

    @Test
    void theJobsRoleMayReadTheOneMasterSecretAndDecryptItOnlyThroughSecretsManager() throws Exception {
        var policy = JSON.readTree((String) plan.ofType("aws:iam/rolePolicy:RolePolicy").get(0).requireInput("policy"));
        JsonNode statements = policy.get("Statement");
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).get("Effect").asText()).isEqualTo("Allow");
        assertThat(statements.get(0).get("Action").toString()).isEqualTo("\"secretsmanager:GetSecretValue\"");
        assertThat(statements.get(0).get("Resource").asText()).isEqualTo(SECRET_ARN);
        assertThat(statements.get(1).get("Action").toString()).isEqualTo("\"kms:Decrypt\"");
        assertThat(statements.get(1).get("Resource").asText()).isEqualTo(KEY_ARN);
        // Secrets Manager calls KMS on the caller's behalf from secretsmanager.<region>.amazonaws.com, with the
        // secret's ARN as encryption context "SecretARN" (AWS Secrets Manager User Guide, "Secret encryption and
        // decryption in AWS Secrets Manager").
        var conditions = statements.get(1).get("Condition").get("StringEquals");
        assertThat(conditions.get("kms:ViaService").asText()).isEqualTo("secretsmanager.eu-west-3.amazonaws.com");
        assertThat(conditions.get("kms:EncryptionContext:SecretARN").asText()).isEqualTo(SECRET_ARN);

        assertThat(plan.ofType("aws:iam/role:Role").get(0).requireInput("permissionsBoundary")).isEqualTo(BOUNDARY);
        var trust = JSON.readTree((String) plan.ofType("aws:iam/role:Role").get(0).requireInput("assumeRolePolicy"));
        assertThat(trust.toString()).contains("\"system:serviceaccount:naas-platform:database-bootstrap\"");
        var serviceAccount = plan.ofType("kubernetes:core/v1:ServiceAccount").get(0);
        assertThat(serviceAccount.requireInput("metadata.name")).isEqualTo(DatabaseBootstrapJob.SERVICE_ACCOUNT);
        assertThat(serviceAccount.requireInput("metadata.annotations")).isEqualTo(Map.of("eks.amazonaws.com/role-arn",
                plan.ofType("aws:iam/role:Role").get(0).output("arn").orElseThrow()));
        assertThat(job().requireInput("spec.template.spec.serviceAccountName")).isEqualTo(DatabaseBootstrapJob.SERVICE_ACCOUNT);
        assertThat(job().dependsOn()).contains(serviceAccount.urn());
    }

    @Test
    void bothContainersRunRestrictedWithRequestsOnTheNaasPool() {
        assertThat(job().requireInput("spec.template.spec.nodeSelector")).isEqualTo(Map.of("hub.jupyter.org/node-purpose", "core"));
        assertThat(job().requireInput("spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(job().requireInput("spec.template.spec.securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
        for (String path : List.of("containers.0", "initContainers.0")) {
            var c = container(path);
            var security = (Map<?, ?>) c.get("securityContext");
            assertThat(security.get("allowPrivilegeEscalation")).as(path).isEqualTo(false);
            assertThat(security.get("readOnlyRootFilesystem")).as(path).isEqualTo(true);
            assertThat(((Map<?, ?>) security.get("capabilities")).get("drop")).as(path).isEqualTo(List.of("ALL"));
            var requests = (Map<?, ?>) ((Map<?, ?>) c.get("resources")).get("requests");
            assertThat(objects(List.copyOf(requests.keySet()))).as(path).contains("cpu", "memory");
        }
    }

    @Test
    void aNewAppPasswordRerunsTheJobAndTheAnnotationIsNotADigestOfIt() {
        var again = planWith(HUB_PASSWORD, new ConcurrentHashMap<>());
        var rotated = planWith("hub-password-rotated", new ConcurrentHashMap<>());
        String path = "spec.template.metadata.annotations";
        Object before = job().requireInput(path);
        assertThat(again.ofType("kubernetes:batch/v1:Job").get(0).requireInput(path)).isEqualTo(before);
        assertThat(rotated.ofType("kubernetes:batch/v1:Job").get(0).requireInput(path)).isNotEqualTo(before);
        String checksum = (String) ((Map<?, ?>) before).get(DatabaseBootstrapJob.INPUTS_ANNOTATION);
        assertThat(checksum).matches("[0-9a-f]{64}")
                .isNotEqualTo(ai.naas.aws.support.Digests.sha256(HUB_PASSWORD))
                .isNotEqualTo(ai.naas.aws.support.Digests.sha256(DatabaseBootstrap.script(
                        List.of(AppDatabase.named("jupyterhub"), AppDatabase.named("naas_proxy"))) + "\n" + HUB_PASSWORD
                        + "\n" + PROXY_PASSWORD));
    }
}
