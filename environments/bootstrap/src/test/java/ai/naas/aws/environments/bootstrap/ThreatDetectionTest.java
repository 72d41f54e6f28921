package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static ai.naas.aws.environments.bootstrap.BootstrapPlans.JSON;
import static ai.naas.aws.environments.bootstrap.BootstrapPlans.statement;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GuardDuty with its protections as settings, its medium-and-above findings routed to the account's topic,
 * and IAM Access Analyzer.
 */
class ThreatDetectionTest {

    private final Plan plan = BootstrapPlans.example();

    private static Map<String, PlannedResource> features(Plan plan) {
        var detector = plan.ofType("aws:guardduty/detector:Detector");
        assertThat(detector).hasSize(1);
        var byName = new HashMap<String, PlannedResource>();
        plan.ofType("aws:guardduty/detectorFeature:DetectorFeature").forEach(f -> {
            assertThat(f.requireInput("detectorId")).isEqualTo(detector.get(0).id());
            byName.put((String) f.requireInput("name"), f);
        });
        return byName;
    }

    @Test
    void guardDutyRunsWithEksAuditLogsEksRuntimeMonitoringS3AndMalwareProtection() {
        var detector = plan.ofType("aws:guardduty/detector:Detector").get(0);
        assertThat(detector.requireInput("enable")).isEqualTo(true);
        assertThat(detector.requireInput("findingPublishingFrequency")).isEqualTo("FIFTEEN_MINUTES");
        var features = features(plan);
        assertThat(features).containsOnlyKeys("EKS_AUDIT_LOGS", "RUNTIME_MONITORING", "S3_DATA_EVENTS", "EBS_MALWARE_PROTECTION");
        features.values().forEach(f -> assertThat(f.requireInput("status")).as(f.name()).isEqualTo("ENABLED"));
        assertThat(features.get("RUNTIME_MONITORING").requireInput("additionalConfigurations.0.name")).isEqualTo("EKS_ADDON_MANAGEMENT");
        assertThat(features.get("RUNTIME_MONITORING").requireInput("additionalConfigurations.0.status")).isEqualTo("ENABLED");
    }

    @Test
    void eachProtectionIsASettingAndOffMeansExplicitlyDisabled() {
        var plan = BootstrapPlans.of(Map.of(BootstrapSettings.THREAT_DETECTION_KEY,
                "{\"eksRuntimeMonitoring\":false,\"malwareProtection\":false,\"findingPublishingFrequency\":\"ONE_HOUR\"}"));
        var features = features(plan);
        assertThat(features.get("RUNTIME_MONITORING").requireInput("status")).isEqualTo("DISABLED");
        assertThat(features.get("RUNTIME_MONITORING").requireInput("additionalConfigurations.0.status")).isEqualTo("DISABLED");
        assertThat(features.get("EBS_MALWARE_PROTECTION").requireInput("status")).isEqualTo("DISABLED");
        assertThat(features.get("EKS_AUDIT_LOGS").requireInput("status")).isEqualTo("ENABLED");
        assertThat(features.get("S3_DATA_EVENTS").requireInput("status")).isEqualTo("ENABLED");
        assertThat(plan.ofType("aws:guardduty/detector:Detector").get(0).requireInput("findingPublishingFrequency")).isEqualTo("ONE_HOUR");
    }

    @Test
    void findingsOfMediumSeverityAndAboveGoToTheAccountsTopicWhosePolicyAdmitsExactlyThatRule() throws Exception {
        var rules = plan.ofType("aws:cloudwatch/eventRule:EventRule");
        assertThat(rules).hasSize(1);
        var rule = rules.get(0);
        JsonNode pattern = JSON.readTree((String) rule.requireInput("eventPattern"));
        assertThat(pattern.path("source").get(0).asText()).isEqualTo("aws.guardduty");
        assertThat(pattern.path("detail-type").get(0).asText()).isEqualTo("GuardDuty Finding");
        JsonNode numeric = pattern.path("detail").path("severity").get(0).path("numeric");
        assertThat(numeric.get(0).asText()).isEqualTo(">=");
        assertThat(numeric.get(1).asDouble()).as("GuardDuty's medium starts at 4.0").isEqualTo(4.0);

        var topic = plan.ofType("aws:sns/topic:Topic").get(0);
        var targets = plan.ofType("aws:cloudwatch/eventTarget:EventTarget");
        assertThat(targets).hasSize(1);
        assertThat(targets.get(0).requireInput("rule")).isEqualTo(rule.output("name").orElseThrow());
        assertThat(targets.get(0).requireInput("arn")).isEqualTo(topic.output("arn").orElseThrow());

        Object topicPolicy = plan.ofType("aws:sns/topicPolicy:TopicPolicy").get(0).requireInput("policy");
        var events = statement(topicPolicy, "AllowTheGuardDutyFindingsRule");
        assertThat(events.path("Principal").path("Service").asText()).isEqualTo("events.amazonaws.com");
        assertThat(events.path("Action").asText()).isEqualTo("sns:Publish");
        assertThat(events.path("Condition").path("ArnEquals").path("aws:SourceArn").asText())
                .isEqualTo("arn:aws:events:eu-west-3:123456789012:rule/" + rule.requireInput("name"));
    }

    @Test
    void accessAnalyzerWatchesExternalAccessAndUnusedAccessIsASetting() {
        var analyzers = plan.ofType("aws:accessanalyzer/analyzer:Analyzer");
        assertThat(analyzers).extracting(a -> a.requireInput("type")).containsExactly("ACCOUNT");
        var withUnused = BootstrapPlans.of(Map.of(BootstrapSettings.THREAT_DETECTION_KEY,
                "{\"unusedAccessAnalyzer\":true,\"unusedAccessAgeDays\":60}")).ofType("aws:accessanalyzer/analyzer:Analyzer");
        assertThat(withUnused).extracting(a -> a.requireInput("type")).containsExactlyInAnyOrder("ACCOUNT", "ACCOUNT_UNUSED_ACCESS");
        var unused = withUnused.stream().filter(a -> a.requireInput("type").equals("ACCOUNT_UNUSED_ACCESS")).findFirst().orElseThrow();
        assertThat(unused.requireInput("configuration.unusedAccess.unusedAccessAge")).isEqualTo(60L);
    }
}
