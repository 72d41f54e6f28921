package ai.naas.aws.infra.network;

import ai.naas.aws.config.AwsRegions;
import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.LogRetention;
import ai.naas.aws.config.Settings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The VPC: config key {@code naas:network}.
 *
 * @param cidr               the VPC's IPv4 block, from /16 to /24. Required.
 * @param zones              exactly three availability zones of the stack's region. Required.
 * @param natGateways        {@code perZone} or {@code single}. @default perZone
 * @param privateSubnetCidrs the private subnets, one per zone, in zone order.
 *                           @default the first three quarters of {@code cidr}
 * @param publicSubnetCidrs  the public subnets, one per zone. @default the first three sixteenths of the last quarter
 * @param flowLogRetentionDays how long VPC flow logs are kept, in days: one of CloudWatch Logs' retention periods
 *                          (1, 3, 5, 7, 14, 30, 60, 90, ... 3653). @default 90
 */
public record NetworkSettings(
        String cidr,
        List<String> zones,
        NatGateways natGateways,
        List<String> privateSubnetCidrs,
        List<String> publicSubnetCidrs,
        Integer flowLogRetentionDays) {

    /** Three zones: the seed's design, and what the EKS, EFS and RDS layouts assume. */
    public static final int ZONE_COUNT = 3;

    public NetworkSettings {
        var vpc = cidr("cidr", Settings.required("cidr", cidr));
        if (vpc.prefix() < 16 || vpc.prefix() > 24) {
            throw new InvalidSetting("cidr", "must be between /16 and /24 (AWS's VPC limits, and room for six subnets), got " + cidr);
        }
        zones = Settings.listOf("zones", Settings.required("zones", zones));
        if (zones.size() != ZONE_COUNT) {
            throw new InvalidSetting("zones", "must name exactly " + ZONE_COUNT + " availability zones, got " + zones.size());
        }
        Settings.each("zones", zones, AwsRegions::isZone, "an availability zone name like eu-west-3a");
        if (new HashSet<>(zones).size() != ZONE_COUNT) {
            throw new InvalidSetting("zones", "must be three different zones, got " + zones);
        }
        natGateways = Settings.orDefault(natGateways, NatGateways.PER_ZONE);
        privateSubnetCidrs = subnets("privateSubnetCidrs", privateSubnetCidrs, vpc, i -> vpc.subnet(2, i));
        publicSubnetCidrs = subnets("publicSubnetCidrs", publicSubnetCidrs, vpc, i -> vpc.subnet(2, 3).subnet(2, i));
        noOverlap(privateSubnetCidrs, publicSubnetCidrs);
        flowLogRetentionDays = LogRetention.days("flowLogRetentionDays", Settings.orDefault(flowLogRetentionDays, 90));
    }

    private static List<String> subnets(String field, List<String> given, Cidr vpc,
                                        java.util.function.IntFunction<Cidr> defaultBlock) {
        if (given == null) {
            var blocks = new ArrayList<String>();
            for (int i = 0; i < ZONE_COUNT; i++) {
                blocks.add(defaultBlock.apply(i).toString());
            }
            return List.copyOf(blocks);
        }
        var list = Settings.listOf(field, given);
        if (list.size() != ZONE_COUNT) {
            throw new InvalidSetting(field, "must list one block per zone (" + ZONE_COUNT + "), got " + list.size());
        }
        for (int i = 0; i < list.size(); i++) {
            var block = cidr(field + "[" + i + "]", list.get(i));
            if (!vpc.contains(block)) {
                throw new InvalidSetting(field + "[" + i + "]", block + " is not inside the VPC block " + vpc);
            }
            if (block.prefix() > 28) {
                throw new InvalidSetting(field + "[" + i + "]", "must be /28 or larger (AWS's subnet limit), got " + block);
            }
        }
        return list;
    }

    private static void noOverlap(List<String> privateBlocks, List<String> publicBlocks) {
        var all = new ArrayList<String>();
        var names = new ArrayList<String>();
        for (int i = 0; i < ZONE_COUNT; i++) {
            all.add(privateBlocks.get(i));
            names.add("privateSubnetCidrs[" + i + "]");
        }
        for (int i = 0; i < ZONE_COUNT; i++) {
            all.add(publicBlocks.get(i));
            names.add("publicSubnetCidrs[" + i + "]");
        }
        for (int a = 0; a < all.size(); a++) {
            for (int b = a + 1; b < all.size(); b++) {
                if (Cidr.parse(all.get(a)).overlaps(Cidr.parse(all.get(b)))) {
                    throw new InvalidSetting(names.get(b), all.get(b) + " overlaps " + names.get(a) + " (" + all.get(a) + ")");
                }
            }
        }
    }

    private static Cidr cidr(String field, String text) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting(field, e.getMessage());
        }
    }
}
