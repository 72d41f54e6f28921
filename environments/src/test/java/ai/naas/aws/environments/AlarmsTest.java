package ai.naas.aws.environments;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every stack tells its on-call topic when it is unwell: each alarm exists, notifies the stack's topic,
 * watches this stack's resource (its dimension is that resource's id or output, followed back in the plan)
 * and fires at the threshold config gives.
 */
class AlarmsTest {

    private static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    private static final double GIB = 1024.0 * 1024 * 1024;

    private static PlannedResource alarm(Plan plan, String name) {
        return plan.resource(ALARM, name);
    }

    /** The wire carries numbers without their Java type: compare them as numbers. */
    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static Object topicArn(Plan plan) {
        return plan.ofType("aws:sns/topic:Topic").get(0).output("arn").orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyAlarmOfTheStackExistsAndNotifiesItsTopicWhenItFiresAndClears(String stack) {
        var plan = StackPlans.of(stack);
        int nats = plan.ofType("aws:ec2/natGateway:NatGateway").size();
        var expected = new java.util.TreeSet<>(List.of("db-cpu", "db-free-storage", "db-freeable-memory", "db-connections",
                "files-io-limit", "sftp-unhealthy", "naas-nodes-at-max", "jupyter-nodes-at-max", "certificate-expiry",
                "hub-down", "proxy-down", "hub-spawn-failures"));
        for (int i = 0; i < nats; i++) {
            expected.add("nat-" + i + "-port-allocation");
        }
        assertThat(nats).isEqualTo("prod".equals(stack) ? 3 : 1);
        assertThat(plan.ofType(ALARM)).extracting(PlannedResource::name).containsExactlyInAnyOrderElementsOf(
                expected.stream().map(what -> "naas-" + stack + "-" + what).toList());
        assertThat(plan.ofType(ALARM)).allSatisfy(a -> {
            assertThat(a.requireInput("alarmActions")).as(a.name()).isEqualTo(List.of(topicArn(plan)));
            assertThat(a.requireInput("okActions")).as(a.name()).isEqualTo(List.of(topicArn(plan)));
            assertThat(a.requireInput("name")).isEqualTo(a.name());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyThisAccountsAlarmsInTheStacksRegionMayPublishToTheTopicAndOnlyOverTls(String stack) throws IOException {
        var plan = StackPlans.of(stack);
        var policies = plan.ofType("aws:sns/topicPolicy:TopicPolicy");
        assertThat(policies).hasSize(1);
        assertThat(policies.get(0).requireInput("arn")).isEqualTo(topicArn(plan));
        var document = new com.fasterxml.jackson.databind.ObjectMapper().readTree((String) policies.get(0).requireInput("policy"));
        var statements = document.path("Statement");
        assertThat(statements).hasSize(2);
        var alarms = statements.get(0);
        assertThat(alarms.path("Effect").asText()).isEqualTo("Allow");
        assertThat(alarms.path("Action").asText()).isEqualTo("sns:Publish");
        assertThat(alarms.path("Resource").asText()).isEqualTo(topicArn(plan));
        assertThat(alarms.path("Principal").path("Service").asText()).isEqualTo("cloudwatch.amazonaws.com");
        // The mock engine's account and the stack file's region.
        assertThat(alarms.path("Condition").path("ArnLike").path("aws:SourceArn").asText())
                .isEqualTo("arn:aws:cloudwatch:eu-west-3:123456789012:alarm:*");
        assertThat(alarms.path("Condition").path("StringEquals").path("aws:SourceAccount").asText()).isEqualTo("123456789012");
        var tls = statements.get(1);
        assertThat(tls.path("Effect").asText()).isEqualTo("Deny");
        assertThat(tls.path("Principal").path("AWS").asText()).isEqualTo("*");
        assertThat(tls.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachAlarmWatchesThisStacksResourceFollowedById(String stack) {
        var plan = StackPlans.of(stack);
        var rds = plan.ofType("aws:rds/instance:Instance").get(0);
        for (String what : List.of("db-cpu", "db-free-storage", "db-freeable-memory", "db-connections")) {
            var id = alarm(plan, "naas-" + stack + "-" + what).requireInput("dimensions.DBInstanceIdentifier");
            assertThat(plan.byId((String) id)).as(what).contains(rds);
        }
        var fs = alarm(plan, "naas-" + stack + "-files-io-limit").requireInput("dimensions.FileSystemId");
        assertThat(plan.byId((String) fs)).contains(plan.ofType("aws:efs/fileSystem:FileSystem").get(0));

        var sftp = alarm(plan, "naas-" + stack + "-sftp-unhealthy");
        var balancer = plan.ofType("aws:lb/loadBalancer:LoadBalancer").stream()
                .filter(lb -> lb.name().endsWith("-sftp")).findFirst().orElseThrow();
        var targets = plan.ofType("aws:lb/targetGroup:TargetGroup").stream()
                .filter(tg -> tg.name().endsWith("-sftp")).findFirst().orElseThrow();
        assertThat(sftp.requireInput("dimensions.LoadBalancer")).isEqualTo(balancer.output("arnSuffix").orElseThrow());
        assertThat(sftp.requireInput("dimensions.TargetGroup")).isEqualTo(targets.output("arnSuffix").orElseThrow());
        assertThat(sftp.requireInput("namespace")).isEqualTo("AWS/NetworkELB");
        assertThat(sftp.requireInput("comparisonOperator")).isEqualTo("LessThanThreshold");
        assertThat(number(sftp.requireInput("threshold"))).isEqualTo(1.0);

        for (String pool : List.of("naas", "jupyter")) {
            var group = plan.resource("aws:eks/nodeGroup:NodeGroup", "naas-" + stack + "-" + pool);
            var atMax = alarm(plan, "naas-" + stack + "-" + pool + "-nodes-at-max");
            assertThat(atMax.requireInput("dimensions.AutoScalingGroupName"))
                    .isEqualTo(group.output("resources.0.autoscalingGroups.0.name").orElseThrow());
            assertThat(number(atMax.requireInput("threshold"))).as("at max means at the group's maxSize")
                    .isEqualTo(((Number) group.requireInput("scalingConfig.maxSize")).doubleValue());
            assertThat(atMax.requireInput("comparisonOperator")).isEqualTo("GreaterThanOrEqualToThreshold");
        }

        var natIds = plan.ofType("aws:ec2/natGateway:NatGateway").stream().map(PlannedResource::id).collect(Collectors.toSet());
        assertThat(plan.ofType(ALARM).stream().filter(a -> a.name().contains("-port-allocation"))
                .map(a -> a.requireInput("dimensions.NatGatewayId")).collect(Collectors.toSet())).isEqualTo(natIds);

        var cluster = plan.ofType("aws:eks/cluster:Cluster").get(0);
        for (String what : List.of("hub", "proxy")) {
            var down = alarm(plan, "naas-" + stack + "-" + what + "-down");
            assertThat(down.requireInput("namespace")).isEqualTo("ContainerInsights");
            assertThat(down.requireInput("dimensions.ClusterName")).isEqualTo(cluster.output("name").orElseThrow());
            assertThat(down.requireInput("dimensions.Namespace")).isEqualTo("jupyter");
            assertThat(down.requireInput("treatMissingData")).as("no pod, no data: down").isEqualTo("breaching");
        }
        assertThat(alarm(plan, "naas-" + stack + "-hub-down").requireInput("dimensions.Service")).isEqualTo("hub");
        assertThat(alarm(plan, "naas-" + stack + "-proxy-down").requireInput("dimensions.Service")).isEqualTo("proxy-public");

        var spawns = alarm(plan, "naas-" + stack + "-hub-spawn-failures");
        for (int i = 0; i < 2; i++) {
            String query = "metricQueries." + i + ".metric.";
            assertThat(spawns.requireInput(query + "namespace")).isEqualTo("ContainerInsights/Prometheus");
            assertThat(spawns.requireInput(query + "dimensions.ClusterName")).isEqualTo(cluster.output("name").orElseThrow());
            assertThat(spawns.requireInput(query + "dimensions.Namespace")).isEqualTo("jupyter");
        }
        assertThat(spawns.requireInput("metricQueries.0.metric.dimensions.status")).isEqualTo("failure");
        assertThat(spawns.requireInput("metricQueries.1.metric.dimensions.status")).isEqualTo("success");

        var certificate = alarm(plan, "naas-" + stack + "-certificate-expiry").requireInput("dimensions.CertificateArn");
        assertThat(OperationsConfig.section(stack, "naas:platform")).contains("\"certificateArn\":\"" + certificate + "\"");
    }

    @Test
    void thresholdsComeFromConfigAndDefaultsFitTheStacks() {
        var defaults = StackPlans.of("dev");
        assertThat(number(alarm(defaults, "naas-dev-db-cpu").requireInput("threshold"))).isEqualTo(80.0);
        assertThat(number(alarm(defaults, "naas-dev-db-free-storage").requireInput("threshold"))).isEqualTo(5 * GIB);
        assertThat(number(alarm(defaults, "naas-dev-certificate-expiry").requireInput("threshold"))).isEqualTo(30.0);

        var plan = StackPlans.of("dev", OperationsConfig.with("dev", "naas:alerts", Map.of("thresholds",
                "{\"databaseCpuPercent\":65,\"databaseFreeStorageGiB\":12,\"databaseFreeMemoryMiB\":512,"
                        + "\"databaseConnections\":150,\"fileSystemIoLimitPercent\":70,\"nodeGroupAtMaxMinutes\":30,"
                        + "\"natPortAllocationErrors\":10,\"certificateDaysToExpiry\":45,\"hubDownMinutes\":3}")));
        assertThat(number(alarm(plan, "naas-dev-db-cpu").requireInput("threshold"))).isEqualTo(65.0);
        assertThat(number(alarm(plan, "naas-dev-db-free-storage").requireInput("threshold"))).isEqualTo(12 * GIB);
        assertThat(number(alarm(plan, "naas-dev-db-freeable-memory").requireInput("threshold"))).isEqualTo(512.0 * 1024 * 1024);
        assertThat(number(alarm(plan, "naas-dev-db-connections").requireInput("threshold"))).isEqualTo(150.0);
        assertThat(number(alarm(plan, "naas-dev-files-io-limit").requireInput("threshold"))).isEqualTo(70.0);
        assertThat(number(alarm(plan, "naas-dev-jupyter-nodes-at-max").requireInput("evaluationPeriods"))).isEqualTo(30.0);
        assertThat(number(alarm(plan, "naas-dev-jupyter-nodes-at-max").requireInput("period"))).isEqualTo(60.0);
        assertThat(number(alarm(plan, "naas-dev-nat-0-port-allocation").requireInput("threshold"))).isEqualTo(10.0);
        assertThat(number(alarm(plan, "naas-dev-certificate-expiry").requireInput("threshold"))).isEqualTo(45.0);
        assertThat(number(alarm(plan, "naas-dev-hub-down").requireInput("evaluationPeriods"))).isEqualTo(3.0);

        var spawns = alarm(defaults, "naas-dev-hub-spawn-failures");
        assertThat(number(spawns.requireInput("threshold"))).isEqualTo(25.0);
        assertThat(number(spawns.requireInput("metricQueries.0.metric.period"))).isEqualTo(15 * 60.0);
        assertThat(spawns.requireInput("metricQueries.2.expression")).asString().startsWith("IF(FILL(failures, 0) >= 3,");
        var tuned = alarm(StackPlans.of("dev", OperationsConfig.with("dev", "naas:alerts", Map.of("thresholds",
                "{\"spawnFailurePercent\":40,\"spawnFailureMinimum\":5,\"spawnFailureMinutes\":30}"))),
                "naas-dev-hub-spawn-failures");
        assertThat(number(tuned.requireInput("threshold"))).isEqualTo(40.0);
        assertThat(number(tuned.requireInput("metricQueries.0.metric.period"))).isEqualTo(30 * 60.0);
        assertThat(number(tuned.requireInput("metricQueries.1.metric.period"))).isEqualTo(30 * 60.0);
        assertThat(tuned.requireInput("metricQueries.2.expression")).asString().startsWith("IF(FILL(failures, 0) >= 5,");
    }

    /**
     * The spawn failure alarm reads what the stack produces: the hub's config defines the counter (its
     * {@code _total} series is what prometheus_client exposes for a counter family), the scraper publishes it
     * with exactly the alarm's dimensions in the alarm's namespace, and the rate is the one query returned,
     * compared with the threshold; no data is no spawn, not a failure.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theSpawnFailureAlarmReadsTheCounterTheHubDefinesAndTheScraperPublishes(String stack) throws IOException {
        var plan = StackPlans.of(stack);
        var spawns = alarm(plan, "naas-" + stack + "-hub-spawn-failures");
        String metric = (String) spawns.requireInput("metricQueries.0.metric.metricName");
        assertThat(spawns.requireInput("metricQueries.1.metric.metricName")).isEqualTo(metric);
        assertThat(metric).endsWith("_total");

        String hubConfig = (String) plan.resource("kubernetes:helm.sh/v3:Release", "jupyterhub")
                .requireInput("values.hub.extraConfig.20-naas-metrics");
        assertThat(hubConfig).contains("CounterMetricFamily(\"" + metric.substring(0, metric.length() - "_total".length())
                + "\", \"Server spawns, by status\", labels=[\"status\"])");

        var agent = plan.resource("kubernetes:core/v1:ConfigMap", "naas-" + stack + "-hub-metrics-agent");
        var emf = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                (String) ((Map<?, ?>) agent.requireInput("data")).get("cwagentconfig.json"))
                .at("/logs/metrics_collected/prometheus/emf_processor");
        assertThat(emf.path("metric_namespace").asText()).isEqualTo(spawns.requireInput("metricQueries.0.metric.namespace"));
        var declaration = java.util.stream.StreamSupport.stream(emf.path("metric_declaration").spliterator(), false)
                .filter(d -> d.path("metric_selectors").toString().contains("^" + metric + "$")).findFirst().orElseThrow();
        var dimensions = new java.util.TreeSet<String>();
        declaration.path("dimensions").get(0).forEach(d -> dimensions.add(d.asText()));
        assertThat(dimensions).isEqualTo(new java.util.TreeSet<>(
                ((Map<?, ?>) spawns.requireInput("metricQueries.0.metric.dimensions")).keySet()));

        assertThat(spawns.requireInput("metricQueries.0.returnData")).isEqualTo(false);
        assertThat(spawns.requireInput("metricQueries.1.returnData")).isEqualTo(false);
        assertThat(spawns.requireInput("metricQueries.2.returnData")).isEqualTo(true);
        assertThat(spawns.requireInput("metricQueries.2.expression")).asString()
                .contains("100 * FILL(failures, 0) / (FILL(failures, 0) + FILL(successes, 0))");
        assertThat(spawns.requireInput("comparisonOperator")).isEqualTo("GreaterThanOrEqualToThreshold");
        assertThat(spawns.requireInput("treatMissingData")).isEqualTo("notBreaching");
        assertThat(spawns.input("metricName")).as("a metric math alarm names no metric of its own").isEmpty();
    }

    /** Without {@code naas:jupyterhub.metricsToken} the hub's metrics are not scraped, and nothing alarms on them. */
    @Test
    void withoutAMetricsTokenThereIsNoScraperAndNoSpawnAlarm() throws IOException {
        var file = Files.createTempFile("Pulumi.dev", ".yaml");
        try {
            var lines = new java.util.ArrayList<>(Files.readAllLines(Path.of("Pulumi.dev.yaml")));
            int at = lines.indexOf("  naas:jupyterhub.metricsToken:");
            assertThat(at).isPositive();
            lines.remove(at + 1);
            lines.remove(at);
            Files.write(file, lines);
            var plan = new StackPlanner(Path.of("")).plan("dev", file, Map.of());
            assertThat(plan.find(ALARM, "naas-dev-hub-spawn-failures")).isEmpty();
            assertThat(plan.find("kubernetes:apps/v1:Deployment", "naas-dev-hub-metrics")).isEmpty();
            assertThat(plan.find(ALARM, "naas-dev-hub-down")).isPresent();
        } finally {
            Files.delete(file);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"thresholds\":{\"databaseCpuPercent\":120}}|naas:alerts.thresholds.databaseCpuPercent|between 1 and 100, got 120",
            "{\"thresholds\":{\"databaseFreeStorageGiB\":0}}|naas:alerts.thresholds.databaseFreeStorageGiB|between 1 and 1024",
            "{\"thresholds\":{\"nodeGroupAtMaxMinutes\":2}}|naas:alerts.thresholds.nodeGroupAtMaxMinutes|between 5 and 1440",
            "{\"thresholds\":{\"certificateDaysToExpiry\":90}}|naas:alerts.thresholds.certificateDaysToExpiry|between 1 and 60",
            "{\"thresholds\":{\"hubDownMinutes\":\"5\"}}|naas:alerts.thresholds.hubDownMinutes|a whole number",
            "{\"thresholds\":{\"spawnFailurePercent\":150}}|naas:alerts.thresholds.spawnFailurePercent|between 1 and 100, got 150",
            "{\"thresholds\":{\"spawnFailureMinutes\":90}}|naas:alerts.thresholds.spawnFailureMinutes|between 5 and 60, got 90",
            "{\"thresholds\":{\"spawnFailureMinimum\":0}}|naas:alerts.thresholds.spawnFailureMinimum|between 1 and 1000, got 0",
            "{\"thresholds\":{\"cpu\":80}}|naas:alerts.thresholds.cpu|unknown setting",
            "{\"emails\":[\"oncall.example.com\"]}|naas:alerts.emails[0]|e-mail address",
            "{\"emails\":[\"a@example.com\",\"A@example.com\"]}|naas:alerts.emails[1]|twice",
            "{\"httpsEndpoint\":\"http://pager.example.com/sns\"}|naas:alerts.httpsEndpoint|https:// URL",
    })
    void badAlertSettingsAreRefusedNamingTheKey(String raw, String key, String problem) {
        assertThatThrownBy(() -> StackPlans.of("dev", Map.of("naas:alerts", raw)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key + ": ")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theTopicIsEncryptedWithTheStacksAlertsKeyWhichCloudWatchMayUseAndHasTheConfiguredSubscribers(String stack)
            throws IOException {
        var plan = StackPlans.of(stack);
        var topic = plan.ofType("aws:sns/topic:Topic").get(0);
        var key = plan.resource("aws:kms/key:Key", "naas-" + stack + "-alerts");
        assertThat(topic.requireInput("kmsMasterKeyId")).isEqualTo(key.output("arn").orElseThrow());
        var policy = new com.fasterxml.jackson.databind.ObjectMapper().readTree((String) key.requireInput("policy"));
        var cloudwatch = java.util.stream.StreamSupport.stream(policy.get("Statement").spliterator(), false)
                .filter(s -> s.path("Principal").path("Service").asText().equals("cloudwatch.amazonaws.com"))
                .findFirst().orElseThrow();
        assertThat(cloudwatch.get("Action").toString()).contains("kms:Decrypt", "kms:GenerateDataKey*");
        assertThat(cloudwatch.at("/Condition/StringEquals/aws:SourceAccount").asText()).isEqualTo("123456789012");

        var subscriptions = plan.ofType("aws:sns/topicSubscription:TopicSubscription");
        assertThat(subscriptions).allSatisfy(s -> assertThat(s.requireInput("topic")).isEqualTo(topic.output("arn").orElseThrow()));
        assertThat(subscriptions).filteredOn(s -> s.requireInput("protocol").equals("email"))
                .extracting(s -> s.requireInput("endpoint")).containsExactly("platform-team@example.com");
        assertThat(subscriptions).filteredOn(s -> s.requireInput("protocol").equals("https")).hasSize("prod".equals(stack) ? 1 : 0);
    }

    /** Every alarm's description ends with its runbook line, and the runbook's section exists. */
    @Test
    void everyAlarmCarriesARunbookLineThatPointsAtAnExistingSection() throws IOException {
        String runbooks = Files.readString(Path.of("..", "docs", "OPERATIONS.md"));
        Set<String> anchors = Pattern.compile("(?m)^#+ (.+)$").matcher(runbooks).results()
                .map(m -> m.group(1).trim().toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
        var plan = StackPlans.of("prod");
        assertThat(plan.ofType(ALARM)).allSatisfy(a -> {
            String description = (String) a.requireInput("alarmDescription");
            var runbook = Pattern.compile("Runbook: .+; docs/OPERATIONS\\.md#([a-z0-9-]+)$").matcher(description);
            assertThat(runbook.find()).as(a.name() + ": " + description).isTrue();
            assertThat(anchors).as(a.name()).contains(runbook.group(1));
            assertThat(description.length()).as("CloudWatch allows 1024").isLessThanOrEqualTo(1024);
        });
    }
}
