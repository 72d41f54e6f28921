package ai.naas.aws.infra.monitoring;

import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.Map;
import java.util.Objects;

/**
 * One CloudWatch alarm on one metric of one resource, notifying the stack's topic when it fires and when it
 * clears. Its description is what the person paged reads first: what is wrong, then the runbook line (what
 * to do), then the section of {@code docs/OPERATIONS.md} with the details.
 *
 * @param name        the alarm's logical and CloudWatch name, {@code <stack>-<what>}
 * @param namespace   the metric's namespace, e.g. {@code AWS/RDS}
 * @param metric      the metric's name
 * @param dimensions  the metric's dimensions, built from the watched resource's outputs (its id, never a
 *                    name typed again), so the alarm follows the resource
 * @param statistic   {@code Average}, {@code Minimum}, {@code Maximum} or {@code Sum}
 * @param periodSeconds   the length of one data point
 * @param periods     how many consecutive breaching data points fire the alarm
 * @param comparison  a CloudWatch comparison operator
 * @param threshold   the threshold, in the metric's unit
 * @param missingData what a missing data point means: {@code missing}, {@code breaching}, {@code notBreaching}
 * @param summary     what is wrong, one sentence
 * @param runbook     what to do first, one sentence, and the {@code docs/OPERATIONS.md} section
 */
public record Alarm(String name, String namespace, String metric, Output<Map<String, String>> dimensions,
                    String statistic, int periodSeconds, int periods, String comparison, double threshold,
                    String missingData, String summary, String runbook) {

    public Alarm {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dimensions, "dimensions");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(runbook, "runbook");
    }

    /** The description CloudWatch shows and sends: the summary, then {@code Runbook: ...}. */
    public String description() {
        return summary + " Runbook: " + runbook;
    }

    /** Registers the alarm under {@code parent}, notifying {@code topicArn}. */
    MetricAlarm register(Resource parent, Output<String> topicArn) {
        return new MetricAlarm(name, MetricAlarmArgs.builder()
                .name(name)
                .alarmDescription(description())
                .namespace(namespace)
                .metricName(metric)
                .dimensions(dimensions)
                .statistic(statistic)
                .period(periodSeconds)
                .evaluationPeriods(periods)
                .comparisonOperator(comparison)
                .threshold(threshold)
                .treatMissingData(missingData)
                .alarmActions(topicArn.applyValue(java.util.List::of))
                .okActions(topicArn.applyValue(java.util.List::of))
                .build(), CustomResourceOptions.builder().parent(parent).build());
    }
}
