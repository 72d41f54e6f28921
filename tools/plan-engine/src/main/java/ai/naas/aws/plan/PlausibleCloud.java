package ai.naas.aws.plan;

import ai.naas.aws.support.Digests;
import com.pulumi.test.Mocks;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Answers the mock engine the way AWS and Kubernetes would, so that inputs built from outputs read like
 * real ones: ids with AWS's prefixes, ARNs in this account and region, an EKS endpoint and OIDC issuer, an
 * RDS endpoint. Every answer is derived from the resource's type and name, so plans are deterministic.
 *
 * <p>Like the real engine, a resource's state starts as its inputs. Invokes it has no answer for fail
 * loudly: a new data source gets a plausible answer here, on purpose, rather than an empty one.
 */
public final class PlausibleCloud implements Mocks {

    /** The account every ARN is in: AWS's documentation account. */
    public static final String ACCOUNT = "123456789012";

    private static final Map<String, String> ID_PREFIXES = Map.ofEntries(
            Map.entry("aws:ec2/vpc:Vpc", "vpc-"),
            Map.entry("aws:ec2/subnet:Subnet", "subnet-"),
            Map.entry("aws:ec2/internetGateway:InternetGateway", "igw-"),
            Map.entry("aws:ec2/eip:Eip", "eipalloc-"),
            Map.entry("aws:ec2/natGateway:NatGateway", "nat-"),
            Map.entry("aws:ec2/routeTable:RouteTable", "rtb-"),
            Map.entry("aws:ec2/routeTableAssociation:RouteTableAssociation", "rtbassoc-"),
            Map.entry("aws:ec2/route:Route", "r-rtb-"),
            Map.entry("aws:ec2/securityGroup:SecurityGroup", "sg-"),
            Map.entry("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "sgr-"),
            Map.entry("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "sgr-"),
            Map.entry("aws:ec2/flowLog:FlowLog", "fl-"),
            Map.entry("aws:ec2/launchTemplate:LaunchTemplate", "lt-"),
            Map.entry("aws:efs/fileSystem:FileSystem", "fs-"),
            Map.entry("aws:efs/mountTarget:MountTarget", "fsmt-"),
            Map.entry("aws:efs/accessPoint:AccessPoint", "fsap-"),
            Map.entry("aws:lb/loadBalancer:LoadBalancer", "arn-lb-"));

    /** Resources Pulumi auto-names from their logical name when the program sets no {@code name}. */
    private static final Set<String> AUTO_NAMED = Set.of(
            "aws:iam/role:Role", "aws:iam/policy:Policy", "aws:iam/instanceProfile:InstanceProfile",
            "aws:iam/group:Group", "aws:ec2/securityGroup:SecurityGroup", "aws:ec2/launchTemplate:LaunchTemplate",
            "aws:lb/loadBalancer:LoadBalancer", "aws:lb/targetGroup:TargetGroup", "aws:rds/subnetGroup:SubnetGroup",
            "aws:rds/parameterGroup:ParameterGroup", "aws:autoscaling/group:Group", "aws:cloudwatch/logGroup:LogGroup");

    private final String region;
    private final List<String> existing;

    /** A cloud in {@code region}, account {@value #ACCOUNT}. */
    public PlausibleCloud(String region) {
        this(region, List.of());
    }

    /**
     * A cloud in {@code region} whose account also holds {@code existing}: the ARNs a stack's config names (its
     * admin roles, its certificate), which the data sources that look them up answer with, as AWS would for an
     * account where they exist.
     */
    public PlausibleCloud(String region, List<String> existing) {
        this.region = region;
        this.existing = List.copyOf(existing);
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        if (!isProviderManaged(args.type)) {
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.empty(), Map.of()));
        }
        var state = new HashMap<String, Object>(args.inputs == null ? Map.of() : args.inputs);
        String hex = hex(args.type + "/" + args.name);
        if (AUTO_NAMED.contains(args.type) && !(state.get("name") instanceof String)) {
            // As Pulumi does: the logical name and a random suffix, so that `role.name()` is known.
            state.put("name", args.name + "-" + hex.substring(0, 7));
        }
        // A read (Resource.get) names the resource it reads: it keeps that id, as in the cloud.
        String id = args.id != null && !args.id.isBlank() ? args.id
                : idFor(new ResourceArgs(args.type, args.name, state, args.provider, args.id), hex);
        if (args.type.startsWith("aws:")) {
            state.putIfAbsent("arn", arn(args.type, id));
        }
        state.putAll(computed(args, id, hex));
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        Map<String, Object> answer = switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity" -> Map.of(
                    "accountId", ACCOUNT, "arn", "arn:aws:iam::" + ACCOUNT + ":user/offline-plan",
                    "userId", "AIDAOFFLINEPLAN", "id", ACCOUNT);
            case "aws:index/getRegion:getRegion" -> Map.of("name", region, "id", region, "region", region,
                    "endpoint", "ec2." + region + ".amazonaws.com");
            case "aws:index/getPartition:getPartition" -> Map.of("partition", "aws", "id", "aws",
                    "dnsSuffix", "amazonaws.com", "reverseDnsPrefix", "com.amazonaws");
            case "aws:iam/getRole:getRole" -> role(String.valueOf(args.args.get("name")));
            case "aws:acm/getCertificate:getCertificate" -> certificate(args.args);
            default -> throw new UnsupportedOperationException(
                    "the offline engine has no answer for invoke " + args.token + "; add one to PlausibleCloud");
        };
        if (answer == null) {
            // What the data source says when no certificate matches.
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "no ACM Certificate matching domain (" + args.args.get("domain") + ")"));
        }
        return CompletableFuture.completedFuture(answer);
    }

    /**
     * {@code iam:GetRole} by name: the configured role of that name (its path kept), else a role of that name at
     * the root path, as in an account that has it.
     */
    private Map<String, Object> role(String name) {
        String arn = existing.stream()
                .filter(a -> a.matches("arn:[^:]+:iam::\\d{12}:role/(.*/)?" + Pattern.quote(name)))
                .findFirst().orElse("arn:aws:iam::" + ACCOUNT + ":role/" + name);
        String path = arn.substring(arn.indexOf(":role") + ":role".length(), arn.length() - name.length());
        String hex = hex("role/" + arn);
        return Map.ofEntries(Map.entry("arn", arn), Map.entry("id", name), Map.entry("name", name),
                Map.entry("path", path), Map.entry("assumeRolePolicy", "{\"Version\":\"2012-10-17\",\"Statement\":[]}"),
                Map.entry("createDate", "2024-01-01T00:00:00Z"), Map.entry("description", ""),
                Map.entry("maxSessionDuration", 3600), Map.entry("permissionsBoundary", ""),
                Map.entry("roleLastUseds", List.of()), Map.entry("tags", Map.of()),
                Map.entry("uniqueId", "AROA" + hex.substring(0, 17).toUpperCase()));
    }

    /**
     * ACM's data source by domain name: the configured certificate of this region, ISSUED, whatever the domain
     * (the offline account's certificates are the ones the stack names); none when ISSUED is not asked for.
     */
    private Map<String, Object> certificate(Map<String, Object> args) {
        Object statuses = args.get("statuses");
        boolean wantsIssued = !(statuses instanceof List<?> l) || l.isEmpty() || l.contains("ISSUED");
        var arn = existing.stream().filter(a -> a.startsWith("arn:") && a.contains(":acm:" + region + ":")).findFirst();
        if (!wantsIssued || arn.isEmpty()) {
            return null;
        }
        return Map.ofEntries(Map.entry("arn", arn.get()), Map.entry("id", arn.get()),
                Map.entry("domain", String.valueOf(args.get("domain"))), Map.entry("status", "ISSUED"),
                Map.entry("certificate", ""), Map.entry("certificateChain", ""),
                Map.entry("keyTypes", args.getOrDefault("keyTypes", List.of())),
                Map.entry("statuses", statuses == null ? List.of() : statuses),
                Map.entry("mostRecent", args.getOrDefault("mostRecent", false)),
                Map.entry("tags", Map.of()), Map.entry("types", List.of()));
    }

    /** Resources a provider creates (as opposed to components, which are only names in the tree). */
    private static boolean isProviderManaged(String type) {
        return type.startsWith("aws:") || type.startsWith("kubernetes:") || type.startsWith("pulumi:providers:");
    }

    private String idFor(ResourceArgs args, String hex) {
        var prefix = ID_PREFIXES.get(args.type);
        if (prefix != null) {
            return prefix + hex.substring(0, 17);
        }
        return switch (args.type) {
            // These are addressed by name in AWS.
            case "aws:iam/role:Role", "aws:iam/policy:Policy", "aws:iam/group:Group", "aws:eks/cluster:Cluster",
                 "aws:cloudwatch/logGroup:LogGroup", "aws:rds/subnetGroup:SubnetGroup",
                 "aws:rds/parameterGroup:ParameterGroup", "aws:kms/alias:Alias", "aws:s3/bucketV2:BucketV2",
                 "aws:autoscaling/group:Group" -> stringInput(args, "name", args.name);
            case "aws:rds/instance:Instance" -> stringInput(args, "identifier", args.name);
            case "aws:kms/key:Key" -> uuid(hex);
            case "aws:eks/nodeGroup:NodeGroup" -> stringInput(args, "clusterName", "cluster") + ":"
                    + stringInput(args, "nodeGroupName", args.name);
            case "aws:iam/openIdConnectProvider:OpenIdConnectProvider" -> oidcProviderArn(stringInput(args, "url", ""));
            default -> args.type.startsWith("kubernetes:") ? kubernetesId(args) : args.name + "-" + hex.substring(0, 8);
        };
    }

    private Map<String, Object> computed(ResourceArgs args, String id, String hex) {
        return switch (args.type) {
            case "aws:eks/cluster:Cluster" -> Map.of(
                    "endpoint", "https://" + hex.substring(0, 32).toUpperCase() + ".gr7." + region + ".eks.amazonaws.com",
                    "certificateAuthority", Map.of("data", Base64.getEncoder().encodeToString(
                            ("-----BEGIN CERTIFICATE-----\nMOCK" + hex + "\n-----END CERTIFICATE-----\n")
                                    .getBytes(StandardCharsets.UTF_8))),
                    "identities", List.of(Map.of("oidcs", List.of(Map.of("issuer", oidcIssuer(hex))))),
                    "vpcConfig", withEntry(args.inputs, "vpcConfig", "clusterSecurityGroupId", "sg-" + hex.substring(1, 18)),
                    "status", "ACTIVE",
                    "platformVersion", "eks.1");
            case "aws:iam/openIdConnectProvider:OpenIdConnectProvider" -> Map.of("arn", id);
            case "aws:kms/key:Key" -> Map.of("keyId", id);
            case "aws:ec2/eip:Eip" -> Map.of("publicIp", "203.0.113." + (Integer.parseInt(hex.substring(0, 2), 16) % 254 + 1),
                    "allocationId", id);
            case "aws:eks/nodeGroup:NodeGroup" -> Map.of("resources", List.of(Map.of(
                    "autoscalingGroups", List.of(Map.of("name", "eks-" + stringInput(args, "nodeGroupName", args.name)
                            + "-" + uuid(hex))))), "status", "ACTIVE");
            case "aws:ec2/launchTemplate:LaunchTemplate" -> Map.of("latestVersion", 1, "defaultVersion", 1);
            case "aws:efs/fileSystem:FileSystem" -> Map.of("dnsName", id + ".efs." + region + ".amazonaws.com");
            case "aws:rds/instance:Instance" -> {
                String host = id + ".c" + hex.substring(0, 12) + "." + region + ".rds.amazonaws.com";
                yield Map.of("address", host, "endpoint", host + ":5432", "port", 5432,
                        "masterUserSecrets", List.of(Map.of(
                                "secretArn", "arn:aws:secretsmanager:" + region + ":" + ACCOUNT + ":secret:rds!db-"
                                        + uuid(hex) + "-" + hex.substring(0, 6),
                                "secretStatus", "active")));
            }
            case "aws:lb/loadBalancer:LoadBalancer" -> Map.of("dnsName", args.name + "-" + hex.substring(0, 16)
                    + ".elb." + region + ".amazonaws.com",
                    // What CloudWatch names a load balancer by: the ARN's part after "loadbalancer/".
                    "arnSuffix", "net/" + stringInput(args, "name", args.name) + "/" + hex.substring(0, 16));
            // ECR answers the registry (the account) a rule or template belongs to.
            case "aws:ecr/pullThroughCacheRule:PullThroughCacheRule",
                 "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate" -> Map.of("registryId", ACCOUNT);
            case "aws:lb/targetGroup:TargetGroup" -> Map.of(
                    "arnSuffix", "targetgroup/" + stringInput(args, "name", args.name) + "/" + hex.substring(0, 16));
            // The API server gives an object a uid when it is created and a new resourceVersion at every write:
            // here a digest of what was written, so that new content reads as a new version.
            case "kubernetes:core/v1:Secret" -> {
                var metadata = withEntry(args.inputs, "metadata", "uid", uuid(hex));
                metadata.put("resourceVersion", resourceVersion(args.inputs));
                yield Map.of("metadata", metadata);
            }
            default -> Map.of();
        };
    }

    /** A decimal resourceVersion that differs for different contents, as a real write's would. */
    private static String resourceVersion(Map<String, Object> inputs) {
        String written = String.valueOf(new java.util.TreeMap<>(inputs == null ? Map.of() : inputs));
        return Long.toUnsignedString(Long.parseUnsignedLong(hex(written).substring(0, 12), 16));
    }

    private String arn(String type, String id) {
        // aws:<module>/<resource>:<Type> -> arn:aws:<service>:<region>:<account>:<resource>/<id>
        String token = type.substring(4);
        String module = token.substring(0, token.indexOf('/'));
        String resource = token.substring(token.indexOf('/') + 1, token.indexOf(':'));
        String regional = region + ":" + ACCOUNT + ":";
        return switch (module) {
            case "iam" -> "arn:aws:iam::" + ACCOUNT + ":" + resource.toLowerCase() + "/" + id;
            case "s3" -> "arn:aws:s3:::" + id;
            case "kms" -> "arn:aws:kms:" + regional + resource + "/" + id;
            // Where AWS's service names and ARN shapes differ from the provider's module names.
            case "efs" -> "arn:aws:elasticfilesystem:" + regional + ("fileSystem".equals(resource) ? "file-system" : resource.toLowerCase()) + "/" + id;
            case "cloudwatch" -> "arn:aws:logs:" + regional + "log-group:" + id;
            case "rds" -> "arn:aws:rds:" + regional + ("instance".equals(resource) ? "db" : resource.toLowerCase()) + ":" + id;
            case "lb" -> "arn:aws:elasticloadbalancing:" + regional + resource.toLowerCase() + "/" + id;
            case "eks" -> "arn:aws:eks:" + regional + resource.toLowerCase() + "/" + id;
            default -> "arn:aws:" + module + ":" + regional + resource.toLowerCase() + "/" + id;
        };
    }

    private String oidcIssuer(String hex) {
        return "https://oidc.eks." + region + ".amazonaws.com/id/" + hex.substring(0, 32).toUpperCase();
    }

    /** IAM names an OIDC provider after its issuer URL, so trust policies name the same issuer twice. */
    private static String oidcProviderArn(String issuerUrl) {
        return "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + issuerUrl.replaceFirst("^https://", "");
    }

    private static String kubernetesId(ResourceArgs args) {
        Object metadata = args.inputs == null ? null : args.inputs.get("metadata");
        if (metadata instanceof Map<?, ?> m && m.get("name") != null) {
            return m.get("namespace") == null ? String.valueOf(m.get("name")) : m.get("namespace") + "/" + m.get("name");
        }
        return stringInput(args, "name", args.name);
    }

    private static Map<String, Object> withEntry(Map<String, Object> inputs, String key, String entry, Object value) {
        var copy = new HashMap<String, Object>();
        if (inputs != null && inputs.get(key) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> copy.put(String.valueOf(k), v));
        }
        copy.put(entry, value);
        return copy;
    }

    private static String stringInput(ResourceArgs args, String key, String fallback) {
        Object value = args.inputs == null ? null : args.inputs.get(key);
        return value instanceof String s && !s.isEmpty() ? s : fallback;
    }

    private static String uuid(String hex) {
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }

    private static String hex(String seed) {
        return Digests.sha256(seed);
    }
}
