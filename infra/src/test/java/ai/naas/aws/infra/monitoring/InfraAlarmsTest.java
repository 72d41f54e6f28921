package ai.naas.aws.infra.monitoring;

import ai.naas.aws.infra.InfraFixture;
import ai.naas.aws.infra.cluster.NodePool;
import ai.naas.aws.infra.network.NatGateways;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import com.pulumi.aws.efs.FileSystem;
import com.pulumi.aws.efs.FileSystemArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The infra alarms under the mock engine, composed on the fixture's cluster: node-group alarms follow the
 * Auto Scaling group each node group reports, and the file system is watched by what its throughput mode
 * can run out of.
 */
class InfraAlarmsTest {

    private static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

    private static Plan plan(String throughputMode) {
        return InfraFixture.plan(InfraFixture.network(NatGateways.SINGLE), InfraFixture.cluster(List.of()), (ctx, eks) -> {
            var files = new FileSystem("homes", FileSystemArgs.builder().throughputMode(throughputMode).build());
            new InfraAlarms(InfraFixture.NAME, new InfraAlarms.Args(Output.of("arn:aws:sns:eu-west-3:123456789012:alerts"),
                    new AlarmThresholds(null, null, null, null, 250, null, 20, null, null, null, null, null, null),
                    Output.of("naas-test-db"), files.id(), throughputMode, Output.of("net/sftp/0123456789abcdef"),
                    Output.of("targetgroup/sftp/0123456789abcdef"),
                    Arrays.stream(NodePool.values()).map(pool -> new InfraAlarms.NodeGroup(pool.poolName(),
                            eks.workerGroup(pool).autoscalingGroupName(), InfraFixture.nodeGroups().of(pool).maxSize()))
                            .toList(),
                    List.of(Output.of("nat-0123456789abcdef0")),
                    Output.of("arn:aws:acm:eu-west-3:123456789012:certificate/11111111-2222-3333-4444-555555555555")),
                    ComponentResourceOptions.Empty);
        });
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    @Test
    void eachNodeGroupIsWatchedThroughTheAutoScalingGroupEksReportsAtItsOwnMaximum() {
        var plan = plan("elastic");
        for (var pool : NodePool.values()) {
            var group = plan.resource("aws:eks/nodeGroup:NodeGroup", InfraFixture.NAME + "-" + pool.poolName());
            var alarm = plan.resource(ALARM, InfraFixture.NAME + "-" + pool.poolName() + "-nodes-at-max");
            assertThat(alarm.requireInput("dimensions.AutoScalingGroupName"))
                    .isEqualTo(group.output("resources.0.autoscalingGroups.0.name").orElseThrow());
            assertThat(number(alarm.requireInput("threshold"))).isEqualTo((double) InfraFixture.nodeGroups().of(pool).maxSize());
            assertThat(number(alarm.requireInput("evaluationPeriods")) * number(alarm.requireInput("period")))
                    .as("20 minutes at max").isEqualTo(20 * 60);
            assertThat(plan.waitsFor(alarm, group)).isTrue();
        }
    }

    @Test
    void anElasticFileSystemIsWatchedOnItsIoLimitAndABurstingOneOnItsCredits() {
        var elastic = plan("elastic");
        var fs = elastic.ofType("aws:efs/fileSystem:FileSystem").get(0);
        assertThat(elastic.ofType(ALARM)).extracting(PlannedResource::name)
                .contains("naas-test-files-io-limit").doesNotContain("naas-test-files-burst-credits");
        assertThat(elastic.resource(ALARM, "naas-test-files-io-limit").requireInput("dimensions.FileSystemId")).isEqualTo(fs.id());

        var bursting = plan("bursting");
        var credits = bursting.resource(ALARM, "naas-test-files-burst-credits");
        assertThat(bursting.ofType(ALARM)).extracting(PlannedResource::name).doesNotContain("naas-test-files-io-limit");
        assertThat(credits.requireInput("metricName")).isEqualTo("BurstCreditBalance");
        assertThat(number(credits.requireInput("threshold"))).isEqualTo(250.0 * 1024 * 1024 * 1024);
        assertThat(credits.requireInput("comparisonOperator")).isEqualTo("LessThanThreshold");
        assertThat(credits.requireInput("dimensions.FileSystemId"))
                .isEqualTo(bursting.ofType("aws:efs/fileSystem:FileSystem").get(0).id());
    }
}
