package ai.naas.aws.infra.network;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.ec2.FlowLogArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.inputs.RouteTableRouteArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A VPC over three availability zones: a public and a private subnet in each, NAT for the private ones
 * (per zone, or one shared), subnet tags that tell load balancer controllers where to put internet-facing
 * and internal load balancers, and VPC flow logs in CloudWatch.
 */
public final class Network extends ComponentResource {

    private final Output<String> vpcId;
    private final Output<String> vpcCidr;
    private final Output<List<String>> publicSubnetIds;
    private final Output<List<String>> privateSubnetIds;
    private final List<String> zones;

    public Network(String name, Args args, ComponentResourceOptions options) {
        super("naas:infra:Network", name, options);
        var settings = args.settings();
        var child = CustomResourceOptions.builder().parent(this).build();
        this.zones = settings.zones();

        var vpc = new Vpc(name + "-vpc", VpcArgs.builder()
                .cidrBlock(settings.cidr())
                .enableDnsHostnames(true)
                .enableDnsSupport(true)
                .tags(Map.of("Name", name))
                .build(), child);
        var internet = new InternetGateway(name + "-igw", InternetGatewayArgs.builder()
                .vpcId(vpc.id()).tags(Map.of("Name", name)).build(), child);

        var publicRoutes = new RouteTable(name + "-public", RouteTableArgs.builder()
                .vpcId(vpc.id())
                .routes(RouteTableRouteArgs.builder().cidrBlock("0.0.0.0/0").gatewayId(internet.id()).build())
                .tags(Map.of("Name", name + "-public"))
                .build(), child);

        var publicIds = new ArrayList<Output<String>>();
        var privateIds = new ArrayList<Output<String>>();
        var natIds = new ArrayList<Output<String>>();
        for (int i = 0; i < zones.size(); i++) {
            String zone = zones.get(i);
            var publicSubnet = new Subnet(name + "-public-" + zone, SubnetArgs.builder()
                    .vpcId(vpc.id())
                    .availabilityZone(zone)
                    .cidrBlock(settings.publicSubnetCidrs().get(i))
                    // Instances that need a public address (the SFTP host) get an Elastic IP explicitly.
                    .mapPublicIpOnLaunch(false)
                    .tags(Map.of("Name", name + "-public-" + zone, "kubernetes.io/role/elb", "1"))
                    .build(), child);
            new RouteTableAssociation(name + "-public-" + zone, RouteTableAssociationArgs.builder()
                    .subnetId(publicSubnet.id()).routeTableId(publicRoutes.id()).build(), child);
            publicIds.add(publicSubnet.id());

            if (i == 0 || settings.natGateways() == NatGateways.PER_ZONE) {
                var address = new Eip(name + "-nat-" + zone, EipArgs.builder()
                        .domain("vpc").tags(Map.of("Name", name + "-nat-" + zone)).build(), child);
                var nat = new NatGateway(name + "-nat-" + zone, NatGatewayArgs.builder()
                        .allocationId(address.id())
                        .subnetId(publicSubnet.id())
                        .tags(Map.of("Name", name + "-" + zone))
                        .build(), CustomResourceOptions.builder().parent(this).dependsOn(internet).build());
                natIds.add(nat.id());
            }

            var privateSubnet = new Subnet(name + "-private-" + zone, SubnetArgs.builder()
                    .vpcId(vpc.id())
                    .availabilityZone(zone)
                    .cidrBlock(settings.privateSubnetCidrs().get(i))
                    .tags(Map.of("Name", name + "-private-" + zone, "kubernetes.io/role/internal-elb", "1"))
                    .build(), child);
            var privateRoutes = new RouteTable(name + "-private-" + zone, RouteTableArgs.builder()
                    .vpcId(vpc.id())
                    .routes(RouteTableRouteArgs.builder().cidrBlock("0.0.0.0/0")
                            .natGatewayId(natIds.get(natIds.size() - 1)).build())
                    .tags(Map.of("Name", name + "-private-" + zone))
                    .build(), child);
            new RouteTableAssociation(name + "-private-" + zone, RouteTableAssociationArgs.builder()
                    .subnetId(privateSubnet.id()).routeTableId(privateRoutes.id()).build(), child);
            privateIds.add(privateSubnet.id());
        }

        flowLogs(name, vpc, settings.flowLogRetentionDays(), child);

        this.vpcId = vpc.id();
        this.vpcCidr = vpc.cidrBlock();
        this.publicSubnetIds = Output.all(publicIds);
        this.privateSubnetIds = Output.all(privateIds);
        registerOutputs(Map.of("vpcId", vpcId, "publicSubnetIds", publicSubnetIds, "privateSubnetIds", privateSubnetIds));
    }

    /** Every accepted and rejected flow, to a log group this stack owns (so retention is ours, not forever). */
    private static void flowLogs(String name, Vpc vpc, int retentionDays, CustomResourceOptions child) {
        var logs = new LogGroup(name + "-flow-logs", LogGroupArgs.builder()
                .name(vpc.id().applyValue(id -> "/aws/vpc/" + id + "/flow-logs"))
                .retentionInDays(retentionDays)
                .build(), child);
        var role = new Role(name + "-flow-logs", RoleArgs.builder()
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                        .by("Service", "vpc-flow-logs.amazonaws.com")).toJson())
                .build(), child);
        new RolePolicy(name + "-flow-logs", RolePolicyArgs.builder()
                .role(role.id())
                .policy(PolicyDocument.of(Statement.allow("logs:CreateLogStream", "logs:PutLogEvents",
                                "logs:DescribeLogGroups", "logs:DescribeLogStreams")
                        .on(logs.arn(), logs.arn().applyValue(arn -> arn + ":*"))).toJson())
                .build(), child);
        new FlowLog(name + "-flow-logs", FlowLogArgs.builder()
                .vpcId(vpc.id())
                .trafficType("ALL")
                .logDestinationType("cloud-watch-logs")
                .logDestination(logs.arn())
                .iamRoleArn(role.arn())
                .build(), child);
    }

    /** The VPC's id. */
    public Output<String> vpcId() {
        return vpcId;
    }

    /** The VPC's IPv4 block. */
    public Output<String> vpcCidr() {
        return vpcCidr;
    }

    /** The public subnets' ids, in zone order. */
    public Output<List<String>> publicSubnetIds() {
        return publicSubnetIds;
    }

    /** The private subnets' ids, in zone order. */
    public Output<List<String>> privateSubnetIds() {
        return privateSubnetIds;
    }

    /** The zones, in the order of the subnet lists. */
    public List<String> zones() {
        return zones;
    }

    /**
     * What a {@link Network} is built from.
     *
     * @param settings the VPC's settings from stack config ({@code naas:network})
     */
    public record Args(NetworkSettings settings) {
    }
}
