package ai.naas.aws.environments.bootstrap;

import com.pulumi.aws.cloudwatch.LogMetricFilter;
import com.pulumi.aws.cloudwatch.LogMetricFilterArgs;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.cloudwatch.inputs.LogMetricFilterMetricTransformationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * The CIS AWS Foundations Benchmark's account-level alarms: a metric filter on the trail's log group and an
 * alarm on its metric for each event below, notifying the account's alert topic on the first occurrence.
 * The filter patterns are the ones AWS Security Hub's controls CloudWatch.1, .3, .4, .5, .7 and .10 check for,
 * verbatim: Security Hub fails a control whose filter differs in any term.
 */
public final class AccountAlarms extends ComponentResource {

    /**
     * One CIS event.
     *
     * @param control Security Hub's control id
     * @param name    the filter, metric and alarm name
     * @param what    what happened, for the alarm's description
     * @param pattern the metric filter pattern, verbatim from Security Hub's control
     */
    public record CisEvent(String control, String name, String what, String pattern) {
    }

    /** The namespace Security Hub's remediation steps use for every CIS metric. */
    public static final String NAMESPACE = "LogMetrics";

    /** The events, in Security Hub's order. */
    public static final List<CisEvent> EVENTS = List.of(
            new CisEvent("CloudWatch.1", "RootAccountUsage", "the root user was used",
                    "{$.userIdentity.type=\"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !=\"AwsServiceEvent\"}"),
            new CisEvent("CloudWatch.3", "ConsoleSigninWithoutMFA", "a console sign-in without MFA succeeded",
                    "{ ($.eventName = \"ConsoleLogin\") && ($.additionalEventData.MFAUsed != \"Yes\") && "
                            + "($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }"),
            new CisEvent("CloudWatch.4", "IAMPolicyChanges", "an IAM policy was created, changed, attached or detached",
                    "{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || "
                            + "($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || "
                            + "($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || "
                            + "($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || "
                            + "($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || "
                            + "($.eventName=DetachGroupPolicy)}"),
            new CisEvent("CloudWatch.5", "CloudTrailChanges", "a trail was created, changed, deleted, started or stopped",
                    "{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || "
                            + "($.eventName=StartLogging) || ($.eventName=StopLogging)}"),
            new CisEvent("CloudWatch.7", "DisableOrDeleteCMK", "a KMS key was disabled or scheduled for deletion",
                    "{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}"),
            new CisEvent("CloudWatch.10", "SecurityGroupChanges", "a security group was created, changed or deleted",
                    "{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || "
                            + "($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || "
                            + "($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}"));

    /**
     * @param logGroupName the trail's log group ({@link AuditTrail#logGroupName()})
     * @param topicArn     the account's alert topic ({@link ai.naas.aws.infra.monitoring.AlertTopic#arn()})
     */
    public record Args(Output<String> logGroupName, Output<String> topicArn) {
    }

    public AccountAlarms(String name, Args args, ComponentResourceOptions options) {
        super("naas:bootstrap:AccountAlarms", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        for (var event : EVENTS) {
            var filter = new LogMetricFilter("cis-" + event.name(), LogMetricFilterArgs.builder()
                    .name(event.name())
                    .logGroupName(args.logGroupName())
                    .pattern(event.pattern())
                    .metricTransformation(LogMetricFilterMetricTransformationArgs.builder()
                            .namespace(NAMESPACE).name(event.name()).value("1").build())
                    .build(), child);
            new MetricAlarm("cis-" + event.name(), MetricAlarmArgs.builder()
                    .name("naas-account-" + event.name())
                    .alarmDescription(event.control() + " (CIS): " + event.what() + ". Find the event in CloudTrail's "
                            + "event history or the trail's log group; if nobody on the team expected it, treat it as an incident.")
                    // Through the filter's output, so the alarm follows the filter it watches.
                    .metricName(filter.metricTransformation().applyValue(t -> t.name()))
                    .namespace(NAMESPACE)
                    .statistic("Sum")
                    .period(300)
                    .evaluationPeriods(1)
                    .threshold(1.0)
                    .comparisonOperator("GreaterThanOrEqualToThreshold")
                    // No events is the normal case, not a missing metric.
                    .treatMissingData("notBreaching")
                    .alarmActions(args.topicArn().applyValue(List::of))
                    .build(), child);
        }
        registerOutputs(Map.of());
    }
}
