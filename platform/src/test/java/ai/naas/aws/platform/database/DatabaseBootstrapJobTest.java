package ai.naas.aws.platform.database;

import ai.naas.aws.config.MapConfigSource;
import ai.naas.aws.config.ConfigReader;
import ai.naas.aws.config.Secret;
import ai.naas.aws.plan.OfflineEngine;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlausibleCloud;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResourceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseBootstrapJobTest {

    private static final String HUB_PASSWORD = "hub-password-that-must-not-leak";
    private static final String PROXY_PASSWORD = "proxy-password-that-must-not-leak";
    private static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-3:123456789012:secret:rds!db-1";
    private static Plan plan;

    static Secret secret(String value) {
        return new ConfigReader(new MapConfigSource(Map.of("naas:test", value), Set.of("naas:test")))
                .requiredSecret("naas:test");
    }

    @BeforeAll
    static void planTheJob() {
        plan = new OfflineEngine(new PlausibleCloud("eu-west-3")).run("naas", "test", Map.of(), Set.of(), ctx -> {
            var provider = new Provider("k8s", ProviderArgs.builder().kubeconfig("{}").build());
            new DatabaseBootstrapJob("database-bootstrap", new DatabaseBootstrapJob.DatabaseBootstrapArgs(
                    provider, "naas-platform", Output.of("db.example.internal"), Output.of(5432), "naas_admin",
                    Output.of(SECRET_ARN),
                    List.of(new DatabaseBootstrapJob.AppRole(AppDatabase.named("jupyterhub"), secret(HUB_PASSWORD)),
                            new DatabaseBootstrapJob.AppRole(AppDatabase.named("naas_proxy"), secret(PROXY_PASSWORD))),
                    List.of()), ComponentResourceOptions.Empty);
        });
    }

    @Test
    void theJobRunsTheBootstrapScriptWithPsqlAsTheMasterUserOverTls() {
        var job = plan.ofType("kubernetes:batch/v1:Job").get(0);
        assertThat(job.requireInput("metadata.namespace")).isEqualTo("naas-platform");
        var container = (Map<?, ?>) job.requireInput("spec.template.spec.containers.0");
        assertThat(container.get("command")).isEqualTo(DatabaseBootstrap.psqlCommand("/etc/naas/db-bootstrap/bootstrap.sql"));
        assertThat(container.get("env").toString()).contains("PGHOST", "db.example.internal", "PGUSER", "naas_admin",
                "PGSSLMODE", "require");
        var sql = plan.ofType("kubernetes:core/v1:ConfigMap").get(0);
        assertThat(((Map<?, ?>) sql.requireInput("data")).get("bootstrap.sql")).isEqualTo(DatabaseBootstrap.script(
                List.of(AppDatabase.named("jupyterhub"), AppDatabase.named("naas_proxy"))));
    }

    @Test
    void passwordsReachTheJobOnlyThroughASecretAndNeverThePlan() throws Exception {
        String json = new ObjectMapper().writeValueAsString(plan);
        assertThat(json).doesNotContain(HUB_PASSWORD, PROXY_PASSWORD, "offline-plan-placeholder");
        var credentials = plan.ofType("kubernetes:core/v1:Secret").get(0);
        assertThat(credentials.requireInput("stringData")).isEqualTo("[secret]");
        var job = plan.ofType("kubernetes:batch/v1:Job").get(0);
        assertThat(job.requireInput("spec.template.spec.containers.0.envFrom.0.secretRef.name"))
                .isEqualTo(credentials.requireInput("metadata.name"));
        assertThat(job.dependsOn()).contains(credentials.urn(), plan.ofType("kubernetes:core/v1:ConfigMap").get(0).urn());
    }

    @Test
    void theJobRunsRestrictedOnTheNaasPool() {
        var pod = plan.ofType("kubernetes:batch/v1:Job").get(0);
        assertThat(pod.requireInput("spec.template.spec.nodeSelector")).isEqualTo(Map.of("hub.jupyter.org/node-purpose", "core"));
        assertThat(pod.requireInput("spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(pod.requireInput("spec.template.spec.containers.0.securityContext.capabilities.drop")).isEqualTo(List.of("ALL"));
        assertThat(pod.requireInput("spec.template.spec.containers.0.securityContext.readOnlyRootFilesystem")).isEqualTo(true);
    }
}
