package ai.naas.aws.infra.network;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.RoleBoundary;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.DefaultSecurityGroup;
import com.pulumi.aws.ec2.DefaultSecurityGroupArgs;
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
 * and internal load balancers, the default security group emptied, and VPC flow logs in a KMS-encrypted
 * CloudWatch log group.
 */
public final class Network extends ComponentResource {

    private final Output<String> vpcId;
    private final Output<String> vpcCidr;
    private final Output<List<String>> publicSubnetIds;
    private final Output<List<String>> privateSubnetIds;
    private final List<Output<String>> natGatewayIds;
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

        // The default security group allows all traffic between its members; nothing here uses it, so it is
        // emptied, and anything put into it by mistake gets no access.
        new DefaultSecurityGroup(name + "-default", DefaultSecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .tags(Map.of("Name", name + "-default-closed"))
                .build(), child);

        flowLogs(name, vpc, args, child);

        this.vpcId = vpc.id();
        this.vpcCidr = vpc.cidrBlock();
        this.publicSubnetIds = Output.all(publicIds);
        this.privateSubnetIds = Output.all(privateIds);
        this.natGatewayIds = List.copyOf(natIds);
        registerOutputs(Map.of("vpcId", vpcId, "publicSubnetIds", publicSubnetIds, "privateSubnetIds", privateSubnetIds));
    }

    /**
     * Every accepted and rejected flow, to a log group this stack owns (so retention is ours, not forever),
     * encrypted with the stack's logs key. Only the VPC Flow Logs service, acting for this account's flow
     * logs in this region, may assume the delivery role (the confused-deputy guard AWS recommends).
     */
    private static void flowLogs(String name, Vpc vpc, Args args, CustomResourceOptions child) {
        var logs = new LogGroup(name + "-flow-logs", LogGroupArgs.builder()
                .name(vpc.id().applyValue(id -> "/aws/vpc/" + id + "/flow-logs"))
                .retentionInDays(args.settings().flowLogRetentionDays())
                .kmsKeyId(args.logsKeyArn())
                .build(), child);
        var role = args.boundary().role(name + "-flow-logs", RoleArgs.builder()
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                        .by("Service", "vpc-flow-logs.amazonaws.com")
                        .when("StringEquals", "aws:SourceAccount", args.accountId())
                        .when("ArnLike", "aws:SourceArn", args.accountId().applyValue(id ->
                                "arn:aws:ec2:" + args.region() + ":" + id + ":vpc-flow-log/*"))).toJson())
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

    /** The NAT gateways' ids, one per zone or one in all (for their alarms). */
    public List<Output<String>> natGatewayIds() {
        return natGatewayIds;
    }

    /**
     * What a {@link Network} is built from.
     *
     * @param settings   the VPC's settings from stack config ({@code naas:network})
     * @param accountId  the AWS account the stack deploys to (the flow-log role trusts only its flow logs)
     * @param region     the stack's region
     * @param logsKeyArn the KMS key that encrypts the flow-log group
     */
    public record Args(NetworkSettings settings, Output<String> accountId, String region, Output<String> logsKeyArn,
                       RoleBoundary boundary) {
    }
}
