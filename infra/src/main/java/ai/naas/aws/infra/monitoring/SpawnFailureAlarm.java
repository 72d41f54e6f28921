package ai.naas.aws.infra.monitoring;

import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.cloudwatch.inputs.MetricAlarmMetricQueryArgs;
import com.pulumi.aws.cloudwatch.inputs.MetricAlarmMetricQueryMetricArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The alarm on JupyterHub's server spawn failure rate, from the hub's own metrics as the cluster's hub-metrics
 * scraper publishes them ({@value #NAMESPACE}, metric {@value #SPAWNS}, dimensions {@code ClusterName},
 * {@code Namespace} and {@code status}, one data point per scrape holding the spawns since the previous one).
 *
 * <p>Metric math over one period of {@code naas:alerts.thresholds.spawnFailureMinutes}: the failures as a
 * percentage of the spawns that succeeded or failed ({@code already-pending}, {@code throttled} and
 * {@code too-many-users} are the hub refusing a request, not a spawn going wrong), counted only when there are at
 * least {@code spawnFailureMinimum} failures, so that one failed spawn in a quiet hour pages no one. A missing
 * data point is not breaching: no spawns (or no scraper) is not a failure; the hub-down alarm covers the hub.
 */
public final class SpawnFailureAlarm extends ComponentResource {

    /** The CloudWatch namespace the scraper publishes the hub's metrics in (Container Insights' for Prometheus). */
    public static final String NAMESPACE = "ContainerInsights/Prometheus";
    /**
     * The spawn counter: the hub's {@code jupyterhub_server_spawn_duration_seconds} histogram re-exposed as a
     * counter per {@code status} (the CloudWatch agent drops histograms), see the jupyterhub app's values.
     */
    public static final String SPAWNS = "naas_hub_server_spawns_total";

    private final MetricAlarm alarm;

    /**
     * @param name the stack's base name: the alarm is {@code <name>-hub-spawn-failures}
     * @param args the topic, the cluster, the hub's namespace and the thresholds
     */
    public SpawnFailureAlarm(String name, Args args, ComponentResourceOptions options) {
        super("naas:infra:SpawnFailureAlarm", name, options);
        String alarmName = name + "-hub-spawn-failures";
        int period = args.minutes() * 60;
        this.alarm = new MetricAlarm(alarmName, MetricAlarmArgs.builder()
                .name(alarmName)
                .alarmDescription(description(args))
                .metricQueries(List.of(
                        spawns("failures", "failure", args, period),
                        spawns("successes", "success", args, period),
                        MetricAlarmMetricQueryArgs.builder().id("rate")
                                .expression(expression(args.minimumFailures()))
                                .label("Failed spawns, % of spawns")
                                .returnData(true).build()))
                .evaluationPeriods(1)
                .comparisonOperator("GreaterThanOrEqualToThreshold")
                .threshold((double) args.percent())
                .treatMissingData("notBreaching")
                .alarmActions(args.topicArn().applyValue(List::of))
                .okActions(args.topicArn().applyValue(List::of))
                .build(), CustomResourceOptions.builder().parent(this).build());
        registerOutputs(Map.of());
    }

    /**
     * The rate, 0 below the minimum count of failures; {@code FILL} makes a status with no data point count as
     * zero spawns, and the minimum (at least 1) keeps the division away from zero.
     */
    static String expression(int minimumFailures) {
        return "IF(FILL(failures, 0) >= " + minimumFailures
                + ", 100 * FILL(failures, 0) / (FILL(failures, 0) + FILL(successes, 0)), 0)";
    }

    private static MetricAlarmMetricQueryArgs spawns(String id, String status, Args args, int period) {
        var dimensions = args.clusterName().applyValue(cluster -> Map.of(
                "ClusterName", cluster, "Namespace", args.hubNamespace(), "status", status));
        return MetricAlarmMetricQueryArgs.builder().id(id).returnData(false)
                .metric(MetricAlarmMetricQueryMetricArgs.builder()
                        .namespace(NAMESPACE).metricName(SPAWNS).dimensions(dimensions)
                        .stat("Sum").period(period).build())
                .build();
    }

    private static String description(Args args) {
        return "At least " + args.percent() + "% of JupyterHub's server spawns failed in " + args.minutes()
                + " minutes (and at least " + args.minimumFailures() + " failed): users cannot start their servers."
                + " Runbook: kubectl -n " + args.hubNamespace() + " logs deploy/hub and get events for the failed pods; "
                + InfraAlarms.RUNBOOKS + "#hub-spawn-failures";
    }

    /** The alarm, as registered. */
    public MetricAlarm alarm() {
        return alarm;
    }

    /**
     * What is watched.
     *
     * @param topicArn        the stack's alert topic
     * @param clusterName     the EKS cluster (an output of the cluster): the metrics' {@code ClusterName}
     * @param hubNamespace    the hub's namespace: the metrics' {@code Namespace}
     * @param percent         {@code naas:alerts.thresholds.spawnFailurePercent}
     * @param minimumFailures {@code naas:alerts.thresholds.spawnFailureMinimum}
     * @param minutes         {@code naas:alerts.thresholds.spawnFailureMinutes}
     */
    public record Args(Output<String> topicArn, Output<String> clusterName, String hubNamespace, int percent,
                       int minimumFailures, int minutes) {
        public Args {
            Objects.requireNonNull(topicArn, "topicArn");
            Objects.requireNonNull(clusterName, "clusterName");
            Objects.requireNonNull(hubNamespace, "hubNamespace");
        }

        /** The thresholds from {@code naas:alerts.thresholds}. */
        public static Args of(Output<String> topicArn, Output<String> clusterName, String hubNamespace,
                              AlarmThresholds thresholds) {
            return new Args(topicArn, clusterName, hubNamespace, thresholds.spawnFailurePercent(),
                    thresholds.spawnFailureMinimum(), thresholds.spawnFailureMinutes());
        }
    }
}
