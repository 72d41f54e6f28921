package ai.naas.aws.plan.diff;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inputs whose change makes the provider replace a resource (delete and create anew) instead of
 * updating it in place, for the stateful and network types these stacks create.
 *
 * <p>Source: the {@code ForceNew: true} attributes of the Terraform AWS provider, which pulumi-aws bridges
 * (an attribute the bridge maps from a ForceNew one is a replace in {@code pulumi preview}), in
 * {@code github.com/hashicorp/terraform-provider-aws}, {@code internal/service/<service>/<resource>.go}: read
 * for {@code efs/file_system.go} and {@code rds/instance.go}; the others as listed per type below. Names are
 * pulumi-aws's (camelCase) input names; a rule on {@code a.b} covers every path below it. For Kubernetes
 * objects, {@code metadata.name} and {@code metadata.namespace} identify the object, so they replace it.
 * Types not listed are treated as updated in place: the table errs toward {@code update}, and only
 * {@code pulumi preview} against the real state is final.
 */
public final class ReplacementRules {

    private static final List<String> KUBERNETES_IDENTITY = List.of("metadata.name", "metadata.namespace");

    private static final Map<String, List<String>> FORCE_NEW = Map.ofEntries(
            // rds/instance.go (read): identifier, engine, kms_key_id, storage_encrypted, username, db_name,
            // availability_zone, ... are ForceNew; db_subnet_group_name is not (ModifyDBInstance moves it).
            Map.entry("aws:rds/instance:Instance", List.of("identifier", "identifierPrefix", "engine", "kmsKeyId",
                    "storageEncrypted", "username", "dbName", "availabilityZone", "characterSetName",
                    "ncharCharacterSetName", "snapshotIdentifier", "timezone", "restoreToPointInTime")),
            Map.entry("aws:rds/subnetGroup:SubnetGroup", List.of("name", "namePrefix")),
            Map.entry("aws:rds/parameterGroup:ParameterGroup", List.of("name", "namePrefix", "family")),
            // efs/file_system.go (read): availability_zone_name, creation_token, encrypted, kms_key_id,
            // performance_mode.
            Map.entry("aws:efs/fileSystem:FileSystem", List.of("availabilityZoneName", "creationToken", "encrypted",
                    "kmsKeyId", "performanceMode")),
            Map.entry("aws:efs/mountTarget:MountTarget", List.of("fileSystemId", "subnetId", "ipAddress")),
            Map.entry("aws:efs/accessPoint:AccessPoint", List.of("fileSystemId", "posixUser", "rootDirectory")),
            // ec2/vpc_.go, ec2/vpc_subnet.go, ec2/vpc_security_group.go
            Map.entry("aws:ec2/vpc:Vpc", List.of("cidrBlock", "instanceTenancy", "ipv4IpamPoolId")),
            Map.entry("aws:ec2/subnet:Subnet", List.of("cidrBlock", "availabilityZone", "availabilityZoneId", "vpcId")),
            Map.entry("aws:ec2/securityGroup:SecurityGroup", List.of("name", "namePrefix", "description", "vpcId")),
            Map.entry("aws:ec2/natGateway:NatGateway", List.of("allocationId", "subnetId", "connectivityType")),
            Map.entry("aws:ec2/eip:Eip", List.of("domain", "vpc")),
            Map.entry("aws:ec2/routeTable:RouteTable", List.of("vpcId")),
            Map.entry("aws:ec2/routeTableAssociation:RouteTableAssociation", List.of("subnetId", "gatewayId")),
            Map.entry("aws:ec2/internetGateway:InternetGateway", List.of()),
            Map.entry("aws:ec2/flowLog:FlowLog", List.of("vpcId", "logDestination", "logDestinationType",
                    "trafficType", "iamRoleArn", "logFormat", "maxAggregationInterval")),
            // eks/cluster.go, eks/node_group.go, eks/addon.go
            Map.entry("aws:eks/cluster:Cluster", List.of("name", "vpcConfig.subnetIds", "encryptionConfig",
                    "kubernetesNetworkConfig", "outpostConfig", "bootstrapSelfManagedAddons")),
            Map.entry("aws:eks/nodeGroup:NodeGroup", List.of("clusterName", "nodeGroupName", "nodeGroupNamePrefix",
                    "nodeRoleArn", "subnetIds", "amiType", "capacityType", "diskSize", "instanceTypes", "remoteAccess")),
            Map.entry("aws:eks/addon:Addon", List.of("clusterName", "addonName")),
            Map.entry("aws:eks/accessEntry:AccessEntry", List.of("clusterName", "principalArn", "type")),
            Map.entry("aws:iam/openIdConnectProvider:OpenIdConnectProvider", List.of("url")),
            // kms/key.go, kms/alias.go
            Map.entry("aws:kms/key:Key", List.of("customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId",
                    "xksKeyId")),
            Map.entry("aws:kms/alias:Alias", List.of("name", "namePrefix")),
            // lb/load_balancer.go, lb/target_group.go
            Map.entry("aws:lb/loadBalancer:LoadBalancer", List.of("name", "namePrefix", "internal", "loadBalancerType")),
            Map.entry("aws:lb/targetGroup:TargetGroup", List.of("name", "namePrefix", "port", "protocol", "vpcId",
                    "targetType")),
            Map.entry("aws:autoscaling/group:Group", List.of("name", "namePrefix")),
            Map.entry("aws:ec2/launchTemplate:LaunchTemplate", List.of("name", "namePrefix")),
            // iam/role.go, cloudwatch log_group.go, s3 bucket.go
            Map.entry("aws:iam/role:Role", List.of("name", "namePrefix", "path")),
            Map.entry("aws:cloudwatch/logGroup:LogGroup", List.of("name", "namePrefix")),
            Map.entry("aws:s3/bucketV2:BucketV2", List.of("bucket", "bucketPrefix")),
            Map.entry("aws:s3/bucket:Bucket", List.of("bucket", "bucketPrefix")));

    private ReplacementRules() {
    }

    /** The input paths that replace a resource of {@code type} when they change (empty when none are known). */
    public static List<String> forceNewPaths(String type) {
        if (type.startsWith("kubernetes:") && !type.startsWith("kubernetes:helm.sh/")
                && !type.equals("pulumi:providers:kubernetes")) {
            return KUBERNETES_IDENTITY;
        }
        if (type.equals("kubernetes:helm.sh/v3:Release")) {
            return List.of("name", "namespace");
        }
        return FORCE_NEW.getOrDefault(type, List.of());
    }

    /** The rule that a change at {@code path} of a {@code type} meets, if it forces a replacement. */
    public static Optional<String> forcesReplacement(String type, String path) {
        return forceNewPaths(type).stream()
                .filter(rule -> path.equals(rule) || path.startsWith(rule + ".") || path.startsWith(rule + "["))
                .findFirst();
    }
}
