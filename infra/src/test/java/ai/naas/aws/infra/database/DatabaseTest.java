package ai.naas.aws.infra.database;

import ai.naas.aws.infra.InfraFixture;
import ai.naas.aws.infra.network.NatGateways;
import ai.naas.aws.plan.Plan;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The RDS instance as {@link Database} registers it, planned under the offline engine. */
class DatabaseTest {

    private static Plan plan;

    @BeforeAll
    static void planTheDatabase() {
        plan = InfraFixture.plan(InfraFixture.network(NatGateways.SINGLE),
                InfraFixture.cluster(List.of()), (ctx, cluster) -> new Database("naas-test-db", new Database.Args(
                        new DatabaseSettings(null, null, 100, 500, null, null), Output.of("vpc-0123456789abcdef0"),
                        Output.of(List.of("subnet-a", "subnet-b", "subnet-c")), cluster.nodeSecurityGroupId(),
                        Output.of("arn:aws:kms:eu-west-3:123456789012:key/db")), ComponentResourceOptions.Empty));
    }

    @Test
    void exportsThePostgresqlAndUpgradeLogsToCloudWatch() {
        var instance = plan.ofType("aws:rds/instance:Instance").get(0);

        // The values RDS for PostgreSQL accepts, per CreateDBInstance's EnableCloudwatchLogsExports.
        assertThat(instance.requireInput("enabledCloudwatchLogsExports")).isEqualTo(List.of("postgresql", "upgrade"));
    }

    @Test
    void autoscalesStorageUpToTheConfiguredCeiling() {
        var instance = plan.ofType("aws:rds/instance:Instance").get(0);

        assertThat(instance.requireInput("allocatedStorage")).isEqualTo(100L);
        assertThat(instance.requireInput("maxAllocatedStorage")).isEqualTo(500L);
    }
}
