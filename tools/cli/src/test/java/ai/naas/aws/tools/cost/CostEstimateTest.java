package ai.naas.aws.tools.cost;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import ai.naas.aws.environments.StackPlanner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code naas cost} on the real stacks' plans: each group from its minimum to its maximum at the price table's
 * prices (read here from the YAML itself), unknown prices listed and left out, never guessed.
 */
class CostEstimateTest {

    private static Plan dev;
    private static Plan prod;
    private static JsonNode table;

    @BeforeAll
    static void plan() throws Exception {
        var planner = new StackPlanner(StackPlanner.findEnvironments(Path.of("")));
        dev = planner.plan("dev", null);
        prod = planner.plan("prod", null);
        table = new YAMLMapper().readTree(CostEstimateTest.class.getResourceAsStream("/aws-prices.yaml"));
    }

    private static double price(String item) {
        for (JsonNode p : table.path("prices")) {
            if (p.path("item").asText().equals(item)) {
                return p.path("usd").asDouble();
            }
        }
        throw new AssertionError("no price for " + item);
    }

    private static long number(PlannedResource r, String path) {
        return ((Number) r.requireInput(path)).longValue();
    }

    @Test
    void everyPriceHasASourceADateAndSaysWhetherItWasVerified() {
        assertThat(table.path("hoursPerMonth").asInt()).isEqualTo(730);
        for (JsonNode p : table.path("prices")) {
            assertThat(p.path("source").asText()).as(p.toString()).isNotBlank();
            assertThat(p.path("date").asText()).as(p.toString()).isNotBlank();
            assertThat(p.path("usd").isNumber() || p.path("usd").isNull()).as(p.toString()).isTrue();
            assertThat(p.path("usd").isNull() || p.has("verified")).as(p.toString()).isTrue();
        }
    }

    @Test
    void eachNodeGroupCostsItsMinimumToItsMaximumOfInstancesAndDisks() {
        var estimate = CostEstimate.of(dev, PriceTable.bundled(), "eu-west-3");
        var group = dev.resource("aws:eks/nodeGroup:NodeGroup", "naas-dev-naas");
        var template = dev.byId(String.valueOf(group.requireInput("launchTemplate.id"))).orElseThrow();
        double disk = number(template, "blockDeviceMappings.0.ebs.volumeSize") * price("ebs:gp3");
        double node = price("ec2:" + ((List<?>) group.requireInput("instanceTypes")).get(0)) * 730 + disk;

        var line = estimate.lines().stream().filter(l -> l.resource().equals("naas-dev-naas")).findFirst().orElseThrow();
        assertThat(line.layer()).isEqualTo("Cluster");
        assertThat(line.floor()).isCloseTo(number(group, "scalingConfig.minSize") * node, within(1e-6));
        assertThat(line.ceiling()).isCloseTo(number(group, "scalingConfig.maxSize") * node, within(1e-6));
        // The jupyter group scales from zero: nothing at the floor.
        var jupyter = estimate.lines().stream().filter(l -> l.resource().equals("naas-dev-jupyter")).findFirst().orElseThrow();
        assertThat(jupyter.floor()).isZero();
        assertThat(jupyter.ceiling()).isPositive();
    }

    @Test
    void fixedCostsArePerHourOrPerMonthAndUsageIsListedNotAdded() {
        var estimate = CostEstimate.of(prod, PriceTable.bundled(), "eu-west-3");
        var nat = estimate.lines().stream().filter(l -> l.what().equals("NAT gateway")).toList();
        assertThat(nat).hasSize(prod.ofType("aws:ec2/natGateway:NatGateway").size()).allSatisfy(l -> {
            assertThat(l.layer()).isEqualTo("Network");
            assertThat(l.floor()).isCloseTo(price("nat:hour") * 730, within(1e-6));
        });
        assertThat(estimate.lines().stream().filter(l -> l.what().equals("KMS key")).mapToDouble(CostEstimate.Line::floor).sum())
                .isCloseTo(prod.ofType("aws:kms/key:Key").size() * price("kms:key"), within(1e-6));
        assertThat(estimate.usage()).extracting(CostEstimate.Usage::what).contains("NAT data processed", "EFS Standard storage");
        assertThat(estimate.layers()).containsKeys("Network", "Cluster", "Database", "EncryptionKeys", "SftpHost", "Platform");
        double floor = estimate.lines().stream().filter(CostEstimate.Line::known).mapToDouble(CostEstimate.Line::floor).sum();
        assertThat(estimate.total().floor()).isCloseTo(floor, within(1e-6));
    }

    @Test
    void unknownPricesAreListedAndTheirLinesLeftOutNeverGuessed() {
        var estimate = CostEstimate.of(prod, PriceTable.bundled(), "eu-west-3");
        assertThat(estimate.unknownPrices()).extracting(PriceTable.Price::item)
                .contains("rds:postgres:db.m6g.large:multi-az", "ec2:r6i.2xlarge", "nlb:hour");
        var database = estimate.lines().stream().filter(l -> l.layer().equals("Database")).findFirst().orElseThrow();
        assertThat(database.floor()).isNull();
        assertThat(estimate.layers().get("Database").complete()).isFalse();
        assertThat(estimate.total().complete()).isFalse();
        // A region the table does not cover: every regional price is unknown, only the global ones are used.
        var elsewhere = CostEstimate.of(prod, PriceTable.bundled(), "ap-south-2");
        assertThat(elsewhere.unknownPrices()).extracting(PriceTable.Price::item).contains("ec2:m6i.xlarge", "nat:hour");
        assertThat(elsewhere.lines()).filteredOn(CostEstimate.Line::known)
                .extracting(CostEstimate.Line::what).containsOnly("EKS control plane", "KMS key", "public IPv4 address");
    }

    @Test
    void theDatabaseCostsItsMultiAzInstanceAndItsStorageFromAllocatedToTheAutoscalingCeiling() {
        var prices = PriceTable.parse(new YAMLMapper().valueToTree(Map.of("hoursPerMonth", 730, "prices", List.of(
                Map.of("item", "rds:postgres:db.m6g.large:multi-az", "region", "eu-west-3", "unit", "hour", "usd", 1.0),
                Map.of("item", "rds:gp3:multi-az", "region", "eu-west-3", "unit", "GB-month", "usd", 0.5)))));
        var database = prod.resource("aws:rds/instance:Instance", "naas-prod-db");
        var line = CostEstimate.of(prod, prices, "eu-west-3").lines().stream().filter(l -> l.layer().equals("Database"))
                .findFirst().orElseThrow();
        assertThat(database.requireInput("multiAz")).isEqualTo(true);
        assertThat(line.floor()).isCloseTo(730 + number(database, "allocatedStorage") * 0.5, within(1e-6));
        assertThat(line.ceiling()).isCloseTo(730 + number(database, "maxAllocatedStorage") * 0.5, within(1e-6));
    }
}
