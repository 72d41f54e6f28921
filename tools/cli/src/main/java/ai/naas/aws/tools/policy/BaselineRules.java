package ai.naas.aws.tools.policy;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The rules of "what a correct deployment holds" (docs/ARCHITECTURE.md) that can be read off any stack's plan.
 */
public final class BaselineRules {

    private static final Set<String> STATEFUL = Set.of("aws:kms/key:Key", "aws:efs/fileSystem:FileSystem",
            "aws:rds/instance:Instance", "aws:s3/bucketV2:BucketV2");
    private static final String SECRET = "[secret]";

    private BaselineRules() {
    }

    /** Every baseline rule. */
    public static List<PlanRule> all() {
        return List.of(
                rule("stateful-resources-protected", "keys, file systems, databases and buckets are protected from deletion",
                        (rule, plan) -> each(rule, plan, r -> STATEFUL.contains(r.type()) && !r.protect(), "not protected")),
                rule("kms-keys-rotate", "every KMS key rotates",
                        (rule, plan) -> each(rule, plan, r -> r.type().equals("aws:kms/key:Key")
                                && !Boolean.TRUE.equals(r.input("enableKeyRotation").orElse(false)), "key rotation off")),
                rule("instances-require-imdsv2", "every launch template requires IMDSv2 tokens",
                        (rule, plan) -> each(rule, plan, r -> r.type().equals("aws:ec2/launchTemplate:LaunchTemplate")
                                && !"required".equals(r.input("metadataOptions.httpTokens").orElse(null)), "IMDSv1 allowed")),
                rule("volumes-encrypted", "every block device of a launch template is encrypted",
                        (rule, plan) -> each(rule, plan, r -> r.type().equals("aws:ec2/launchTemplate:LaunchTemplate")
                                && unencryptedVolume(r), "an unencrypted volume")),
                rule("database-private-and-encrypted", "RDS instances are private and encrypted",
                        (rule, plan) -> each(rule, plan, r -> r.type().equals("aws:rds/instance:Instance")
                                && (!Boolean.FALSE.equals(r.input("publiclyAccessible").orElse(false))
                                || !Boolean.TRUE.equals(r.input("storageEncrypted").orElse(false))), "public or unencrypted")),
                rule("no-ssh-from-anywhere", "no security group opens port 22 to the whole internet",
                        (rule, plan) -> each(rule, plan, r -> r.type().equals("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
                                && "0.0.0.0/0".equals(r.input("cidrIpv4").orElse(null)) && covers(r, 22), "port 22 open to 0.0.0.0/0")),
                rule("cluster-endpoint-not-open", "the EKS API is not reachable from the whole internet",
                        (rule, plan) -> each(rule, plan, r -> r.type().equals("aws:eks/cluster:Cluster")
                                && Boolean.TRUE.equals(r.input("vpcConfig.endpointPublicAccess").orElse(true))
                                && openToAll(r.input("vpcConfig.publicAccessCidrs").orElse(null)), "public API endpoint open to all")),
                rule("release-values-readable", "no Helm release gets a secret in its values (a preview could not show it)",
                        (rule, plan) -> each(rule, plan, r -> r.type().equals("kubernetes:helm.sh/v3:Release")
                                && holdsSecret(r.input("values").orElse(null)), "secret in values")),
                rule("charts-pinned", "every Helm release from a repository pins its chart version",
                        (rule, plan) -> each(rule, plan, r -> r.type().equals("kubernetes:helm.sh/v3:Release")
                                && r.input("repositoryOpts.repo").isPresent()
                                && !String.valueOf(r.input("version").orElse("")).matches("\\d+\\.\\d+\\.\\d+"), "chart version not pinned")));
    }

    private static PlanRule rule(String name, String description, BiFunction<PlanRule, Plan, List<Violation>> check) {
        return Rule.of(name, description, check);
    }

    private static List<Violation> each(PlanRule rule, Plan plan, Predicate<PlannedResource> breaks,
                                        String problem) {
        var violations = new ArrayList<Violation>();
        for (var r : plan.resources()) {
            if (breaks.test(r)) {
                violations.add(Violation.of(rule, r, problem));
            }
        }
        return violations;
    }

    private static boolean unencryptedVolume(PlannedResource template) {
        if (!(template.input("blockDeviceMappings").orElse(List.of()) instanceof List<?> mappings)) {
            return false;
        }
        for (Object mapping : mappings) {
            if (mapping instanceof Map<?, ?> m && m.get("ebs") instanceof Map<?, ?> ebs && !"true".equals(ebs.get("encrypted"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(PlannedResource rule, int port) {
        if ("-1".equals(String.valueOf(rule.input("ipProtocol").orElse("")))) {
            return true;
        }
        long from = ((Number) rule.input("fromPort").orElse(0L)).longValue();
        long to = ((Number) rule.input("toPort").orElse(65535L)).longValue();
        return from <= port && port <= to;
    }

    private static boolean openToAll(Object cidrs) {
        return cidrs == null || (cidrs instanceof List<?> list && (list.isEmpty() || list.contains("0.0.0.0/0")));
    }

    private static boolean holdsSecret(Object value) {
        if (SECRET.equals(value)) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(BaselineRules::holdsSecret);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(BaselineRules::holdsSecret);
        }
        return false;
    }
}
