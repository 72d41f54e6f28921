package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static ai.naas.aws.environments.bootstrap.BootstrapPlans.JSON;
import static ai.naas.aws.environments.bootstrap.BootstrapPlans.statement;
import static ai.naas.aws.environments.bootstrap.BootstrapPlans.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CIS alarms: each watches this trail's log group with Security Hub's exact filter pattern and notifies
 * this account's encrypted topic, whose subscribers come from config.
 */
class AccountAlarmsTest {

    private final Plan plan = BootstrapPlans.example();

    private PlannedResource topic() {
        var topics = plan.ofType("aws:sns/topic:Topic");
        assertThat(topics).hasSize(1);
        return topics.get(0);
    }

    private String trailLogGroupName() {
        var trail = plan.ofType("aws:cloudtrail/trail:Trail").get(0);
        return plan.ofType("aws:cloudwatch/logGroup:LogGroup").stream()
                .filter(g -> (g.output("arn").orElseThrow() + ":*").equals(trail.requireInput("cloudWatchLogsGroupArn")))
                .map(g -> (String) g.output("name").orElseThrow()).findFirst().orElseThrow();
    }

    /** Security Hub's patterns (AWS's documentation, in test resources), by control. */
    private static Map<String, String> securityHubPatterns() throws Exception {
        JsonNode doc;
        try (InputStream in = AccountAlarmsTest.class.getResourceAsStream("/security-hub-cis-metric-filters.json")) {
            doc = JSON.readTree(in);
        }
        assertThat(doc.path("source").asText()).startsWith("https://docs.aws.amazon.com/securityhub/");
        var patterns = new HashMap<String, String>();
        doc.path("patterns").properties().forEach(e -> patterns.put(e.getKey(), e.getValue().asText()));
        return patterns;
    }

    @Test
    void everyAccountLevelCisEventHasAFilterOnTheTrailsLogGroupWithSecurityHubsExactPattern() throws Exception {
        var expected = securityHubPatterns();
        assertThat(expected).containsOnlyKeys("CloudWatch.1", "CloudWatch.3", "CloudWatch.4", "CloudWatch.5",
                "CloudWatch.7", "CloudWatch.10");
        var filters = plan.ofType("aws:cloudwatch/logMetricFilter:LogMetricFilter");
        assertThat(filters).hasSize(expected.size());
        assertThat(filters).extracting(f -> f.requireInput("pattern")).containsExactlyInAnyOrderElementsOf(expected.values());
        for (var filter : filters) {
            assertThat(filter.requireInput("logGroupName")).isEqualTo(trailLogGroupName());
            assertThat(filter.requireInput("metricTransformation.namespace")).isEqualTo("LogMetrics");
            assertThat(filter.requireInput("metricTransformation.value")).isEqualTo("1");
        }
        for (var event : AccountAlarms.EVENTS) {
            assertThat(event.pattern()).as(event.control()).isEqualTo(expected.get(event.control()));
        }
    }

    @Test
    void eachFilterHasAnAlarmOnItsMetricThatNotifiesTheAccountsTopicOnTheFirstEvent() {
        var filters = plan.ofType("aws:cloudwatch/logMetricFilter:LogMetricFilter");
        var alarms = plan.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
        assertThat(alarms).hasSize(filters.size());
        for (var filter : filters) {
            var watching = alarms.stream().filter(a -> a.requireInput("metricName").equals(filter.requireInput("metricTransformation.name"))
                    && a.requireInput("namespace").equals(filter.requireInput("metricTransformation.namespace"))).toList();
            assertThat(watching).as(filter.name()).hasSize(1);
            var alarm = watching.get(0);
            assertThat(plan.waitsFor(alarm, filter)).isTrue();
            assertThat(alarm.requireInput("alarmActions")).isEqualTo(List.of(topic().output("arn").orElseThrow()));
            assertThat(((Number) alarm.requireInput("threshold")).doubleValue()).isEqualTo(1.0);
            assertThat(alarm.requireInput("comparisonOperator")).isEqualTo("GreaterThanOrEqualToThreshold");
            assertThat(alarm.requireInput("statistic")).isEqualTo("Sum");
            assertThat(alarm.requireInput("treatMissingData")).isEqualTo("notBreaching");
            assertThat((String) alarm.requireInput("alarmDescription")).startsWith("CloudWatch.");
        }
    }

    @Test
    void theTopicIsEncryptedWithTheAccountKeyAndEachConfiguredAddressIsSubscribed() {
        var trailKey = plan.ofType("aws:cloudtrail/trail:Trail").get(0).requireInput("kmsKeyId");
        assertThat(topic().requireInput("kmsMasterKeyId")).as("the account's audit key").isEqualTo(trailKey);
        var subscriptions = plan.ofType("aws:sns/topicSubscription:TopicSubscription");
        assertThat(subscriptions).allSatisfy(s -> {
            assertThat(s.requireInput("topic")).isEqualTo(topic().output("arn").orElseThrow());
            assertThat(s.requireInput("protocol")).isEqualTo("email");
        });
        assertThat(subscriptions).extracting(s -> s.requireInput("endpoint")).containsExactly("security@example.com");
        var more = BootstrapPlans.of(Map.of(BootstrapSettings.ALERTS_KEY, "{\"emails\":[\"a@example.com\",\"b@example.org\"]}"));
        assertThat(more.ofType("aws:sns/topicSubscription:TopicSubscription")).extracting(s -> s.requireInput("endpoint"))
                .containsExactly("a@example.com", "b@example.org");
    }

    @Test
    void onlyThisAccountsAlarmsMayPublishAndTheKeyLetsThemEncrypt() {
        var policies = plan.ofType("aws:sns/topicPolicy:TopicPolicy");
        assertThat(policies).hasSize(1);
        assertThat(policies.get(0).requireInput("arn")).isEqualTo(topic().output("arn").orElseThrow());
        Object document = policies.get(0).requireInput("policy");
        var alarms = statement(document, "AllowThisAccountsAlarms");
        assertThat(alarms.path("Principal").path("Service").asText()).isEqualTo("cloudwatch.amazonaws.com");
        assertThat(alarms.path("Condition").path("ArnLike").path("aws:SourceArn").asText())
                .isEqualTo("arn:aws:cloudwatch:eu-west-3:123456789012:alarm:*");
        assertThat(alarms.path("Condition").path("StringEquals").path("aws:SourceAccount").asText()).isEqualTo("123456789012");
        assertThat(statement(document, "DenyPublishingWithoutTls").path("Effect").asText()).isEqualTo("Deny");

        var key = plan.ofType("aws:kms/key:Key").stream()
                .filter(k -> k.output("arn").orElseThrow().equals(topic().requireInput("kmsMasterKeyId"))).findFirst().orElseThrow();
        var publish = statement(key.requireInput("policy"), "AllowAlarmsAndEventsToPublishToTheEncryptedTopic");
        assertThat(texts(publish.path("Principal").path("Service")))
                .containsExactlyInAnyOrder("cloudwatch.amazonaws.com", "events.amazonaws.com");
        assertThat(texts(publish.path("Action"))).containsExactlyInAnyOrder("kms:GenerateDataKey*", "kms:Decrypt");
    }
}
