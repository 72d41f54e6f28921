package ai.naas.aws.tools.cost;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import ai.naas.aws.tools.cost.PriceTable.Price;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A stack's monthly on-demand cost read off its offline plan: at the floor (every scaling group at its minimum,
 * the database at its allocated storage) and the ceiling (every group at its maximum, the database at its
 * storage ceiling), per layer (the stack's top-level components: Network, Cluster, Database, ...). Usage-based
 * charges (NAT data, EFS storage, load balancer capacity units) are listed with their unit price, not added.
 * A line whose price is unknown is listed and left out of the totals.
 */
public final class CostEstimate {

    /**
     * One cost.
     *
     * @param layer    the top-level component it belongs to
     * @param resource the resource's name
     * @param what     what is charged, e.g. {@code 1-3 x t3.large}
     * @param floor    USD per month at the floor (null when a price is unknown)
     * @param ceiling  USD per month at the ceiling (null when a price is unknown)
     * @param prices   the prices it uses
     */
    public record Line(String layer, String resource, String what, Double floor, Double ceiling, List<Price> prices) {

        public boolean known() {
            return floor != null && ceiling != null;
        }
    }

    /**
     * A charge that depends on use, which the plan cannot know.
     *
     * @param layer    its layer
     * @param resource the resource's name
     * @param what     what is charged
     * @param price    its unit price
     */
    public record Usage(String layer, String resource, String what, Price price) {
    }

    private final Plan plan;
    private final PriceTable prices;
    private final String region;
    private final List<Line> lines = new ArrayList<>();
    private final List<Usage> usage = new ArrayList<>();

    private CostEstimate(Plan plan, PriceTable prices, String region) {
        this.plan = plan;
        this.prices = prices;
        this.region = region;
    }

    /** The stack output a stack's plan names its region in. */
    public static final String REGION_OUTPUT = "region";

    /** The region the plan's stack is in: its {@value #REGION_OUTPUT} output. */
    public static Optional<String> regionOf(Plan plan) {
        return Optional.ofNullable(plan.outputs().get(REGION_OUTPUT)).map(String::valueOf);
    }

    /** USD to the cent, as the reports print it. */
    public static double round(double usd) {
        return Math.round(usd * 100) / 100.0;
    }

    /** The estimate of {@code plan}, a stack in {@code region}. */
    public static CostEstimate of(Plan plan, PriceTable prices, String region) {
        var estimate = new CostEstimate(plan, prices, region);
        plan.resources().forEach(estimate::add);
        return estimate;
    }

    public String region() {
        return region;
    }

    public Plan plan() {
        return plan;
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public List<Usage> usage() {
        return List.copyOf(usage);
    }

    /**
     * A layer's cost, or the total.
     *
     * @param floor    the sum of its known lines at the floor
     * @param ceiling  the sum of its known lines at the ceiling
     * @param complete whether every line's price is known (else the sums are lower bounds)
     */
    public record Sum(double floor, double ceiling, boolean complete) {

        Sum plus(Line line) {
            return line.known() ? new Sum(floor + line.floor(), ceiling + line.ceiling(), complete)
                    : new Sum(floor, ceiling, false);
        }
    }

    /** Per layer, in plan order. */
    public Map<String, Sum> layers() {
        var layers = new LinkedHashMap<String, Sum>();
        lines.forEach(line -> layers.merge(line.layer(), new Sum(0, 0, true).plus(line),
                (a, b) -> new Sum(a.floor() + b.floor(), a.ceiling() + b.ceiling(), a.complete() && b.complete())));
        return layers;
    }

    /** Every line's. */
    public Sum total() {
        var total = new Sum(0, 0, true);
        for (var line : lines) {
            total = total.plus(line);
        }
        return total;
    }

    /** Every price used that the table marks unknown (or does not list), once each. */
    public Set<Price> unknownPrices() {
        var unknown = new LinkedHashSet<Price>();
        lines.forEach(l -> l.prices().stream().filter(p -> !p.known()).forEach(unknown::add));
        usage.forEach(u -> {
            if (!u.price().known()) {
                unknown.add(u.price());
            }
        });
        return unknown;
    }

    /** Every known price used that was not verified, once each. */
    public Set<Price> unverifiedPrices() {
        var unverified = new LinkedHashSet<Price>();
        lines.forEach(l -> l.prices().stream().filter(p -> p.known() && !p.verified()).forEach(unverified::add));
        usage.forEach(u -> {
            if (u.price().known() && !u.price().verified()) {
                unverified.add(u.price());
            }
        });
        return unverified;
    }

    private void add(PlannedResource r) {
        double hours = prices.hoursPerMonth();
        switch (r.type()) {
            case "aws:eks/cluster:Cluster" -> fixed(r, "EKS control plane", prices.get("eks:cluster", region), hours);
            case "aws:kms/key:Key" -> fixed(r, "KMS key", prices.get("kms:key", region), 1);
            case "aws:ec2/eip:Eip" -> fixed(r, "public IPv4 address", prices.get("ipv4:address", region), hours);
            case "aws:ec2/natGateway:NatGateway" -> {
                fixed(r, "NAT gateway", prices.get("nat:hour", region), hours);
                usage.add(new Usage(layer(r), r.name(), "NAT data processed", prices.get("nat:gb", region)));
            }
            case "aws:lb/loadBalancer:LoadBalancer" -> {
                if ("network".equals(r.input("loadBalancerType").orElse(null))) {
                    fixed(r, "network load balancer", prices.get("nlb:hour", region), hours);
                }
            }
            case "kubernetes:helm.sh/v3:Release" -> {
                // ingress-nginx's Service of type LoadBalancer, annotated nlb: AWS creates a network load balancer.
                if ("nlb".equals(r.input("values.controller.service.annotations").map(a -> ((Map<?, ?>) a)
                        .get("service.beta.kubernetes.io/aws-load-balancer-type")).orElse(null))) {
                    fixed(r, "network load balancer (from the release's Service)", prices.get("nlb:hour", region), hours);
                }
            }
            case "aws:efs/fileSystem:FileSystem" ->
                    usage.add(new Usage(layer(r), r.name(), "EFS Standard storage", prices.get("efs:standard", region)));
            case "aws:eks/nodeGroup:NodeGroup" -> group(r, listOf(r.input("instanceTypes").orElse(List.of())),
                    number(r, "scalingConfig.minSize"), number(r, "scalingConfig.maxSize"),
                    r.input("launchTemplate.id").flatMap(id -> plan.byId(String.valueOf(id))).orElse(null));
            case "aws:autoscaling/group:Group" -> {
                var template = r.input("launchTemplate.id").flatMap(id -> plan.byId(String.valueOf(id))).orElse(null);
                var type = template == null ? null : template.input("instanceType").orElse(null);
                group(r, type == null ? List.of() : List.of(String.valueOf(type)), number(r, "minSize"), number(r, "maxSize"), template);
            }
            case "aws:rds/instance:Instance" -> database(r);
            default -> {
            }
        }
    }

    private void fixed(PlannedResource r, String what, Price price, double quantity) {
        Double cost = price.known() ? price.usd() * quantity : null;
        lines.add(new Line(layer(r), r.name(), what, cost, cost, List.of(price)));
    }

    /** Instances and their disks, from min to max; with several instance types, the cheapest at the floor and the dearest at the ceiling. */
    private void group(PlannedResource r, List<String> types, long min, long max, PlannedResource template) {
        var instancePrices = types.stream().map(t -> prices.get("ec2:" + t, region)).toList();
        var used = new ArrayList<>(instancePrices);
        double diskGb = 0;
        Price disk = null;
        if (template != null && template.input("blockDeviceMappings").orElse(List.of()) instanceof List<?> mappings) {
            for (Object m : mappings) {
                if (m instanceof Map<?, ?> mapping && mapping.get("ebs") instanceof Map<?, ?> ebs && ebs.get("volumeSize") instanceof Number size) {
                    diskGb += size.doubleValue();
                    disk = prices.get("ebs:" + Objects.requireNonNullElse(ebs.get("volumeType"), "gp3"), region);
                }
            }
        }
        if (disk != null) {
            used.add(disk);
        }
        boolean known = !instancePrices.isEmpty() && used.stream().allMatch(Price::known);
        String what = min + "-" + max + " x " + String.join("|", types) + (disk != null ? " + " + (long) diskGb + " GB " + disk.item() : "");
        if (!known) {
            lines.add(new Line(layer(r), r.name(), what, null, null, used));
            return;
        }
        double hours = prices.hoursPerMonth();
        double diskMonth = disk == null ? 0 : diskGb * disk.usd();
        double cheapest = instancePrices.stream().mapToDouble(Price::usd).min().orElseThrow() * hours + diskMonth;
        double dearest = instancePrices.stream().mapToDouble(Price::usd).max().orElseThrow() * hours + diskMonth;
        lines.add(new Line(layer(r), r.name(), what, min * cheapest, max * dearest, used));
    }

    /** The instance (twice the price in Multi-AZ, as AWS lists it) and its storage from allocated to the autoscaling ceiling. */
    private void database(PlannedResource r) {
        boolean multiAz = Boolean.TRUE.equals(r.input("multiAz").orElse(false));
        String az = multiAz ? "multi-az" : "single-az";
        var instance = prices.get("rds:" + r.input("engine").orElse("postgres") + ":" + r.input("instanceClass").orElse("?") + ":" + az, region);
        var storage = prices.get("rds:" + r.input("storageType").orElse("gp2") + ":" + az, region);
        long allocated = number(r, "allocatedStorage");
        long ceiling = Math.max(allocated, r.input("maxAllocatedStorage").map(n -> ((Number) n).longValue()).orElse(allocated));
        String what = r.input("instanceClass").orElse("?") + " " + az + " + " + allocated + "-" + ceiling + " GB " + storage.item();
        if (!instance.known() || !storage.known()) {
            lines.add(new Line(layer(r), r.name(), what, null, null, List.of(instance, storage)));
            return;
        }
        double base = instance.usd() * prices.hoursPerMonth();
        lines.add(new Line(layer(r), r.name(), what, base + allocated * storage.usd(), base + ceiling * storage.usd(), List.of(instance, storage)));
    }

    /** The stack's top-level component the resource is under, by its type's last part (Network, Cluster, ...). */
    private String layer(PlannedResource r) {
        PlannedResource current = r;
        while (current.parent() != null) {
            var parent = plan.byUrn(current.parent());
            if (parent.type().equals("pulumi:pulumi:Stack")) {
                return current.type().substring(current.type().lastIndexOf(':') + 1);
            }
            current = parent;
        }
        return "Stack";
    }

    private static long number(PlannedResource r, String path) {
        return r.input(path).map(n -> ((Number) n).longValue()).orElse(0L);
    }

    private static List<String> listOf(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
