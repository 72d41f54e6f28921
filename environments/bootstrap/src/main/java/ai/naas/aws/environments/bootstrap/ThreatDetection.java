package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.accessanalyzer.Analyzer;
import com.pulumi.aws.accessanalyzer.AnalyzerArgs;
import com.pulumi.aws.accessanalyzer.inputs.AnalyzerConfigurationArgs;
import com.pulumi.aws.accessanalyzer.inputs.AnalyzerConfigurationUnusedAccessArgs;
import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.guardduty.Detector;
import com.pulumi.aws.guardduty.DetectorArgs;
import com.pulumi.aws.guardduty.DetectorFeature;
import com.pulumi.aws.guardduty.DetectorFeatureArgs;
import com.pulumi.aws.guardduty.inputs.DetectorFeatureAdditionalConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * Threat detection and analysis for the account, in the bootstrap's region:
 * <ul>
 *   <li>GuardDuty, with its protections as settings (each a {@code DetectorFeature}, set to ENABLED or
 *   DISABLED explicitly, so turning one off in config turns it off in the account);</li>
 *   <li>an EventBridge rule that sends GuardDuty's findings of medium severity and above (severity 4.0 or
 *   more; GuardDuty's scale is low 1-3.9, medium 4-6.9, high 7-8.9, critical 9-10) to the alert topic;</li>
 *   <li>IAM Access Analyzer for the account: which resources are shared outside it (external access), and,
 *   as a setting, which roles and credentials go unused.</li>
 * </ul>
 */
public final class ThreatDetection extends ComponentResource {

    /** The lowest GuardDuty severity that notifies the team: medium. */
    public static final double MINIMUM_SEVERITY = 4;

    /** The EventBridge rule's name, which the topic's policy names. */
    public static final String FINDINGS_RULE = "naas-guardduty-findings";

    /**
     * What the account's alert topic must allow for the findings to arrive: EventBridge publishing for this rule
     * only ({@code aws:SourceArn}), the resource left to the topic.
     */
    public static Statement findingsPublisher(Output<String> accountId, String region) {
        return Statement.allow("sns:Publish")
                .by("Service", "events.amazonaws.com")
                .when("ArnEquals", "aws:SourceArn", accountId.applyValue(id ->
                        "arn:aws:events:" + region + ":" + id + ":rule/" + FINDINGS_RULE))
                .withSid("AllowTheGuardDutyFindingsRule");
    }

    /**
     * @param settings the protections and analyzers, validated
     * @param topicArn the account's alert topic
     */
    public record Args(ThreatDetectionSettings settings, Output<String> topicArn) {
    }

    private final Detector detector;

    public ThreatDetection(String name, Args args, ComponentResourceOptions options) {
        super("naas:bootstrap:ThreatDetection", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var settings = args.settings();

        this.detector = new Detector(name, DetectorArgs.builder()
                .enable(true)
                .findingPublishingFrequency(settings.findingPublishingFrequency())
                .build(), child);
        feature(name, "EKS_AUDIT_LOGS", settings.eksAuditLogs(), false, child);
        feature(name, "RUNTIME_MONITORING", settings.eksRuntimeMonitoring(), true, child);
        feature(name, "S3_DATA_EVENTS", settings.s3Protection(), false, child);
        feature(name, "EBS_MALWARE_PROTECTION", settings.malwareProtection(), false, child);

        var rule = new EventRule(name + "-findings", EventRuleArgs.builder()
                .name(FINDINGS_RULE)
                .description("GuardDuty findings of medium severity and above, to the account's alert topic")
                .eventPattern("{\"source\":[\"aws.guardduty\"],\"detail-type\":[\"GuardDuty Finding\"],"
                        + "\"detail\":{\"severity\":[{\"numeric\":[\">=\"," + (int) MINIMUM_SEVERITY + "]}]}}")
                .build(), child);
        new EventTarget(name + "-findings", EventTargetArgs.builder()
                .rule(rule.name())
                .targetId("alert-topic")
                .arn(args.topicArn())
                .build(), child);

        new Analyzer(name + "-external-access", AnalyzerArgs.builder()
                .analyzerName("naas-account-external-access")
                .type("ACCOUNT")
                .build(), child);
        if (settings.unusedAccessAnalyzer()) {
            new Analyzer(name + "-unused-access", AnalyzerArgs.builder()
                    .analyzerName("naas-account-unused-access")
                    .type("ACCOUNT_UNUSED_ACCESS")
                    .configuration(AnalyzerConfigurationArgs.builder()
                            .unusedAccess(AnalyzerConfigurationUnusedAccessArgs.builder()
                                    .unusedAccessAge(settings.unusedAccessAgeDays()).build())
                            .build())
                    .build(), child);
        }
        registerOutputs(Map.of("detectorId", detector.id()));
    }

    /** One GuardDuty protection, on or off; Runtime Monitoring with GuardDuty managing its EKS add-on. */
    private void feature(String name, String feature, boolean enabled, boolean eksAddOn, CustomResourceOptions child) {
        String status = enabled ? "ENABLED" : "DISABLED";
        var args = DetectorFeatureArgs.builder().detectorId(detector.id()).name(feature).status(status);
        if (eksAddOn) {
            args.additionalConfigurations(DetectorFeatureAdditionalConfigurationArgs.builder()
                    .name("EKS_ADDON_MANAGEMENT").status(status).build());
        }
        new DetectorFeature(name + "-" + feature.toLowerCase().replace('_', '-'), args.build(), child);
    }
}
