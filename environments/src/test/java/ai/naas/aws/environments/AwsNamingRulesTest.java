package ai.naas.aws.environments;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every name and description the stacks hand to AWS meets AWS's own rule for it, so {@code pulumi up} is not
 * the first to find an apostrophe in a security group description or a role name over 64 characters.
 *
 * <p>Where AWS's API model constrains a member (min, max, pattern, enum), the rule is read at test time from
 * the model itself: Debian's {@code python3-botocore} ships botocore's {@code service-2.json} files under
 * {@value #MODELS}. Where the model has no trait and the rule is only prose in AWS's API reference (security
 * group names and descriptions, load balancer and target group names, RDS identifiers...), {@link #DOCUMENTED}
 * holds the quoted rule and its source. Patterns are matched against the whole value
 * ({@code Matcher.matches()}: Smithy patterns are not anchored, but they describe the whole value) and
 * lengths count code points (Smithy counts Unicode scalar values). docs/AWS-RULES.md lists every rule.
 */
class AwsNamingRulesTest {

    static final String MODELS = "/usr/lib/python3/dist-packages/botocore/data";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> LOADED = new HashMap<>();

    /** A rule a value must meet; {@link #problem} says why it does not, or is empty. */
    interface Rule {
        Optional<String> problem(Object value);
    }

    /**
     * A member of an AWS API operation's input, e.g. {@code iam CreateRole RoleName}: its target shape's
     * min/max (code points, or the integer's range), pattern and enum, read from the botocore model.
     * {@code member} is a dotted path; {@code []} steps into a list's element.
     */
    record Model(String service, String operation, String member) implements Rule {
        JsonNode shape() {
            JsonNode model = model(service);
            JsonNode shapes = model.path("shapes");
            String current = model.path("operations").path(operation).path("input").path("shape").asText();
            for (String step : member.split("\\.")) {
                boolean list = step.endsWith("[]");
                String name = list ? step.substring(0, step.length() - 2) : step;
                JsonNode ref = shapes.path(current).path("members").path(name);
                if (ref.isMissingNode()) {
                    throw new AssertionError(service + " " + operation + ": no member " + member);
                }
                current = ref.path("shape").asText();
                if (list) {
                    current = shapes.path(current).path("member").path("shape").asText();
                }
            }
            return shapes.path(current);
        }

        @Override
        public Optional<String> problem(Object value) {
            JsonNode shape = shape();
            String source = service + " " + operation + "." + member + " (botocore model)";
            if (value instanceof Number number) {
                long n = number.longValue();
                if (shape.has("min") && n < shape.get("min").asLong() || shape.has("max") && n > shape.get("max").asLong()) {
                    return Optional.of("outside " + shape.path("min") + ".." + shape.path("max") + " of " + source);
                }
                return Optional.empty();
            }
            String text = String.valueOf(value);
            int length = text.codePointCount(0, text.length());
            if (shape.has("min") && length < shape.get("min").asInt()) {
                return Optional.of("shorter than " + shape.get("min") + " of " + source);
            }
            if (shape.has("max") && length > shape.get("max").asInt()) {
                return Optional.of(length + " characters, more than " + shape.get("max") + " of " + source);
            }
            if (shape.has("pattern") && !Pattern.compile(shape.get("pattern").asText()).matcher(text).matches()) {
                return Optional.of("does not match " + shape.get("pattern").asText() + " of " + source);
            }
            if (shape.has("enum")) {
                var allowed = new ArrayList<String>();
                shape.get("enum").forEach(e -> allowed.add(e.asText()));
                if (!allowed.contains(text)) {
                    return Optional.of("not one of " + allowed + " of " + source);
                }
            }
            return Optional.empty();
        }
    }

    /** A rule AWS states only in prose: our regex of the quoted text, matched whole, and where it is quoted. */
    record Documented(String id, String regex, String source) implements Rule {
        @Override
        public Optional<String> problem(Object value) {
            String text = String.valueOf(value);
            return Pattern.compile(regex).matcher(text).matches() ? Optional.empty()
                    : Optional.of("breaks " + id + " (" + regex + ", " + source + ")");
        }
    }

    /** A fixed set of allowed values AWS documents (not an enum in the model). */
    record OneOf(String id, Set<Long> allowed, String source) implements Rule {
        @Override
        public Optional<String> problem(Object value) {
            return value instanceof Number n && allowed.contains(n.longValue()) ? Optional.empty()
                    : Optional.of(value + " is not one of " + id + " (" + source + ")");
        }
    }

    private static final String EC2_SG = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html";
    private static final String EC2_CHARS = "a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*";

    /** The rules AWS documents only in prose (quotes in docs/AWS-RULES.md). */
    static final Map<String, Rule> DOCUMENTED = Map.ofEntries(
            Map.entry("ec2.securityGroup.name", new Documented("ec2.securityGroup.name",
                    "(?!sg-)[" + EC2_CHARS + "]{1,255}", EC2_SG)),
            Map.entry("ec2.securityGroup.description", new Documented("ec2.securityGroup.description",
                    "[" + EC2_CHARS + "]{1,255}", EC2_SG)),
            Map.entry("ec2.ipRange.description", new Documented("ec2.ipRange.description",
                    "[" + EC2_CHARS + "]{0,255}", "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html")),
            // The UserIdGroupPair and PrefixListId docs list the same characters without '&'.
            Map.entry("ec2.userIdGroupPair.description", new Documented("ec2.userIdGroupPair.description",
                    "[" + EC2_CHARS.replace("&", "") + "]{0,255}",
                    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UserIdGroupPair.html")),
            Map.entry("elbv2.loadBalancer.name", new Documented("elbv2.loadBalancer.name",
                    "(?!internal-)[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?",
                    "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html")),
            Map.entry("elbv2.targetGroup.name", new Documented("elbv2.targetGroup.name",
                    "[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?",
                    "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html")),
            Map.entry("logs.logGroup.name", new Documented("logs.logGroup.name", "(?!aws/)[.\\-_/#A-Za-z0-9]{1,512}",
                    "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html")),
            Map.entry("logs.retentionInDays", new OneOf("logs.retentionInDays", Set.of(1L, 3L, 5L, 7L, 14L, 30L, 60L,
                    90L, 120L, 150L, 180L, 365L, 400L, 545L, 731L, 1096L, 1827L, 2192L, 2557L, 2922L, 3288L, 3653L),
                    "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html")),
            Map.entry("kms.alias.name", new Documented("kms.alias.name", "alias/(?!aws/)[a-zA-Z0-9/_-]{1,250}",
                    "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html")),
            Map.entry("rds.dbInstanceIdentifier", new Documented("rds.dbInstanceIdentifier",
                    "[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,62}(?<!-)",
                    "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html")),
            Map.entry("rds.masterUsername", new Documented("rds.masterUsername", "[A-Za-z][A-Za-z0-9_]{0,15}",
                    "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html")),
            Map.entry("rds.dbName.postgres", new Documented("rds.dbName.postgres", "[A-Za-z][A-Za-z0-9_]{0,62}",
                    "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html")),
            Map.entry("rds.dbParameterGroupName", new Documented("rds.dbParameterGroupName",
                    "[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,254}(?<!-)",
                    "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBParameterGroup.html")),
            Map.entry("rds.dbSubnetGroupName", new Documented("rds.dbSubnetGroupName",
                    "(?i)(?!default$)[a-z][a-z0-9._ -]{0,254}",
                    "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html")),
            Map.entry("autoscaling.group.name", new Documented("autoscaling.group.name", "[\\x21-\\x39\\x3B-\\x7E]{1,255}",
                    "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html")),
            // Not in AWS's model or API reference; the provider documents it (EKS refuses longer names).
            Map.entry("eks.nodegroup.name", new Documented("eks.nodegroup.name", "[A-Za-z0-9][A-Za-z0-9_-]{0,62}",
                    "https://www.pulumi.com/registry/packages/aws/api-docs/eks/nodegroup/")),
            Map.entry("sns.topic.name", new Documented("sns.topic.name", "[A-Za-z0-9_-]{1,256}",
                    "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html")),
            Map.entry("cloudwatch.alarm.name", new Documented("cloudwatch.alarm.name", "[^\\x00-\\x1F\\x7F]{1,255}",
                    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html")),
            // The model has no pattern for a plan's name; the API reference states the rule.
            Map.entry("backup.plan.name", new Documented("backup.plan.name", "[a-zA-Z0-9_.-]{1,50}",
                    "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupPlanInput.html")));

    /** One input of one resource type and the rules its values must meet. */
    record Check(String type, String input, List<Rule> rules) {
    }

    private static Check check(String type, String input, Rule... rules) {
        return new Check(type, input, List.of(rules));
    }

    private static Rule doc(String id) {
        return DOCUMENTED.get(id);
    }

    /**
     * Pulumi resource type and input path to the AWS API member it becomes. {@code name} of an auto-named
     * resource is what Pulumi sends: the logical name, '-' and seven hex characters. {@code *} is every element.
     */
    static final List<Check> CHECKS = List.of(
            check("aws:iam/role:Role", "name", new Model("iam", "CreateRole", "RoleName")),
            check("aws:iam/role:Role", "description", new Model("iam", "CreateRole", "Description")),
            check("aws:iam/policy:Policy", "name", new Model("iam", "CreatePolicy", "PolicyName")),
            check("aws:iam/policy:Policy", "description", new Model("iam", "CreatePolicy", "Description")),
            check("aws:iam/rolePolicy:RolePolicy", "name", new Model("iam", "PutRolePolicy", "PolicyName")),
            check("aws:iam/group:Group", "name", new Model("iam", "CreateGroup", "GroupName")),
            check("aws:iam/groupPolicy:GroupPolicy", "name", new Model("iam", "PutGroupPolicy", "PolicyName")),
            check("aws:iam/instanceProfile:InstanceProfile", "name",
                    new Model("iam", "CreateInstanceProfile", "InstanceProfileName")),
            check("aws:ec2/securityGroup:SecurityGroup", "name", doc("ec2.securityGroup.name")),
            check("aws:ec2/securityGroup:SecurityGroup", "description", doc("ec2.securityGroup.description")),
            check("aws:ec2/securityGroup:SecurityGroup", "ingress.*.description", doc("ec2.userIdGroupPair.description")),
            check("aws:ec2/securityGroup:SecurityGroup", "egress.*.description", doc("ec2.userIdGroupPair.description")),
            // A rule's description is an IpRange's or a UserIdGroupPair's; the stricter (no '&') covers both.
            check("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "description",
                    doc("ec2.ipRange.description"), doc("ec2.userIdGroupPair.description")),
            check("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "description",
                    doc("ec2.ipRange.description"), doc("ec2.userIdGroupPair.description")),
            check("aws:ec2/securityGroupRule:SecurityGroupRule", "description",
                    doc("ec2.ipRange.description"), doc("ec2.userIdGroupPair.description")),
            check("aws:ec2/launchTemplate:LaunchTemplate", "name", new Model("ec2", "CreateLaunchTemplate", "LaunchTemplateName")),
            check("aws:ec2/launchTemplate:LaunchTemplate", "description",
                    new Model("ec2", "CreateLaunchTemplate", "VersionDescription")),
            check("aws:lb/loadBalancer:LoadBalancer", "name", doc("elbv2.loadBalancer.name")),
            check("aws:lb/targetGroup:TargetGroup", "name", doc("elbv2.targetGroup.name")),
            check("aws:cloudwatch/logGroup:LogGroup", "name",
                    new Model("logs", "CreateLogGroup", "logGroupName"), doc("logs.logGroup.name")),
            check("aws:cloudwatch/logGroup:LogGroup", "retentionInDays", doc("logs.retentionInDays")),
            check("aws:kms/alias:Alias", "name", new Model("kms", "CreateAlias", "AliasName"), doc("kms.alias.name")),
            check("aws:kms/key:Key", "description", new Model("kms", "CreateKey", "Description")),
            check("aws:rds/instance:Instance", "identifier", doc("rds.dbInstanceIdentifier")),
            check("aws:rds/instance:Instance", "username", doc("rds.masterUsername")),
            check("aws:rds/instance:Instance", "dbName", doc("rds.dbName.postgres")),
            check("aws:rds/parameterGroup:ParameterGroup", "name", doc("rds.dbParameterGroupName")),
            check("aws:rds/subnetGroup:SubnetGroup", "name", doc("rds.dbSubnetGroupName")),
            check("aws:autoscaling/group:Group", "name",
                    new Model("autoscaling", "CreateAutoScalingGroup", "AutoScalingGroupName"), doc("autoscaling.group.name")),
            check("aws:eks/cluster:Cluster", "name", new Model("eks", "CreateCluster", "name")),
            check("aws:eks/cluster:Cluster", "enabledClusterLogTypes.*",
                    new Model("eks", "CreateCluster", "logging.clusterLogging[].types[]")),
            check("aws:eks/nodeGroup:NodeGroup", "nodeGroupName", doc("eks.nodegroup.name")),
            check("aws:sns/topic:Topic", "name", doc("sns.topic.name")),
            check("aws:cloudwatch/metricAlarm:MetricAlarm", "name",
                    new Model("cloudwatch", "PutMetricAlarm", "AlarmName"), doc("cloudwatch.alarm.name")),
            check("aws:cloudwatch/metricAlarm:MetricAlarm", "alarmDescription",
                    new Model("cloudwatch", "PutMetricAlarm", "AlarmDescription")),
            check("aws:backup/vault:Vault", "name", new Model("backup", "CreateBackupVault", "BackupVaultName")),
            check("aws:backup/plan:Plan", "name", doc("backup.plan.name")),
            check("aws:backup/selection:Selection", "name",
                    new Model("backup", "CreateBackupSelection", "BackupSelection.SelectionName")),
            check("aws:codebuild/project:Project", "name", new Model("codebuild", "CreateProject", "name")),
            check("aws:codebuild/project:Project", "description", new Model("codebuild", "CreateProject", "description")),
            check("aws:codebuild/project:Project", "buildTimeout", new Model("codebuild", "CreateProject", "timeoutInMinutes")),
            check("aws:codebuild/project:Project", "environment.type", new Model("codebuild", "CreateProject", "environment.type")),
            check("aws:codebuild/project:Project", "environment.computeType",
                    new Model("codebuild", "CreateProject", "environment.computeType")),
            check("aws:codebuild/project:Project", "source.type", new Model("codebuild", "CreateProject", "source.type")),
            check("aws:codebuild/project:Project", "artifacts.type", new Model("codebuild", "CreateProject", "artifacts.type")),
            check("aws:codebuild/project:Project", "environment.imagePullCredentialsType",
                    new Model("codebuild", "CreateProject", "environment.imagePullCredentialsType")),
            check("aws:codebuild/project:Project", "logsConfig.cloudwatchLogs.status",
                    new Model("codebuild", "CreateProject", "logsConfig.cloudWatchLogs.status")),
            check("aws:codebuild/webhook:Webhook", "projectName", new Model("codebuild", "CreateWebhook", "projectName")),
            check("aws:codebuild/webhook:Webhook", "buildType", new Model("codebuild", "CreateWebhook", "buildType")),
            check("aws:secretsmanager/secret:Secret", "name", new Model("secretsmanager", "CreateSecret", "Name")),
            check("aws:secretsmanager/secret:Secret", "description", new Model("secretsmanager", "CreateSecret", "Description")));

    /**
     * Names and descriptions with no rule to check, and why. Any other {@code name}, {@code description} or
     * {@code identifier} of an AWS resource without a {@link Check} fails the coverage test below.
     */
    static final Map<String, String> UNCONSTRAINED = Map.of(
            "aws:rds/parameterGroup:ParameterGroup description", "RDS documents no constraint (model: plain String)",
            "aws:rds/subnetGroup:SubnetGroup description", "RDS documents no constraint (model: plain String)");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyGeneratedNameAndDescriptionMeetsAwssRule(String stack) {
        var plan = StackPlans.of(stack);
        var problems = new ArrayList<String>();
        int checked = 0;
        for (var check : CHECKS) {
            for (var resource : plan.ofType(check.type())) {
                for (Object value : values(resource, check.input())) {
                    checked++;
                    for (var rule : check.rules()) {
                        rule.problem(value).ifPresent(p -> problems.add(
                                resource.type() + " " + resource.name() + " " + check.input() + " '" + value + "': " + p));
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).as("values checked").isGreaterThan(50);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyNameDescriptionAndIdentifierOfAnAwsResourceHasARule(String stack) {
        Plan plan = StackPlans.of(stack);
        var unchecked = new ArrayList<String>();
        for (var resource : plan.resources()) {
            if (!resource.custom() || !resource.type().startsWith("aws:")) {
                continue;
            }
            for (String input : List.of("name", "namePrefix", "description", "identifier")) {
                String key = resource.type() + " " + input;
                boolean present = !values(resource, input).isEmpty();
                boolean covered = CHECKS.stream().anyMatch(c -> c.type().equals(resource.type()) && c.input().equals(input));
                if (present && !covered && !UNCONSTRAINED.containsKey(key)) {
                    unchecked.add(key);
                }
            }
        }
        assertThat(unchecked).as("add a Check (or an UNCONSTRAINED reason) for").isEmpty();
    }

    /** The rules bite: values AWS refuses are refused here, values it takes pass. */
    @Test
    void theRulesRefuseWhatAwsRefuses() {
        assertThat(doc("ec2.securityGroup.description").problem("PostgreSQL from the cluster's nodes only")).isPresent();
        assertThat(doc("ec2.securityGroup.description").problem("PostgreSQL from the cluster nodes only")).isEmpty();
        assertThat(doc("ec2.securityGroup.name").problem("sg-database")).isPresent();
        var roleName = new Model("iam", "CreateRole", "RoleName");
        assertThat(roleName.problem("naas-prod-control-plane-1a2b3c4")).isEmpty();
        assertThat(roleName.problem("a".repeat(65))).as("64 code points at most").isPresent();
        assertThat(roleName.problem("naas prod")).as("whole-value match, not find()").isPresent();
        assertThat(new Model("eks", "CreateCluster", "logging.clusterLogging[].types[]").problem("kubelet")).isPresent();
        assertThat(doc("logs.retentionInDays").problem(45L)).isPresent();
        assertThat(doc("elbv2.targetGroup.name").problem("naas-prod-sftp-ssh-with-a-long-name")).isPresent();
        assertThat(doc("rds.dbInstanceIdentifier").problem("naas--db")).isPresent();
        var projectName = new Model("codebuild", "CreateProject", "name");
        assertThat(projectName.problem("naas-prod-runner")).isEmpty();
        assertThat(projectName.problem("naas.prod.runner")).as("no dots in a CodeBuild project name").isPresent();
        assertThat(projectName.problem("-naas")).as("starts with a letter or digit").isPresent();
        assertThat(new Model("codebuild", "CreateProject", "timeoutInMinutes").problem(600L)).as("8 hours at most").isPresent();
        assertThat(new Model("codebuild", "CreateProject", "environment.computeType").problem("BUILD_GENERAL1_MEDIUN")).isPresent();
    }

    /** Every value at a dotted path; {@code name} falls back to the auto-name Pulumi gives when it is unset. */
    static List<Object> values(PlannedResource resource, String path) {
        var found = new ArrayList<Object>();
        collect(resource.inputs(), List.of(path.split("\\.")), found);
        if (found.isEmpty() && path.equals("name") && !resource.inputs().containsKey("namePrefix")) {
            resource.output("name").ifPresent(found::add);
        }
        return found;
    }

    private static void collect(Object node, List<String> steps, List<Object> found) {
        if (node == null) {
            return;
        }
        if (steps.isEmpty()) {
            found.add(node);
            return;
        }
        var rest = steps.subList(1, steps.size());
        if (steps.get(0).equals("*") && node instanceof List<?> list) {
            list.forEach(item -> collect(item, rest, found));
        } else if (node instanceof Map<?, ?> map) {
            collect(map.get(steps.get(0)), rest, found);
        }
    }

    /** A service's newest API model (plain or gzipped JSON, as botocore ships it). */
    static synchronized JsonNode model(String service) {
        return LOADED.computeIfAbsent(service, s -> {
            Path dir = Path.of(MODELS, s);
            try (Stream<Path> versions = Files.list(dir)) {
                Path newest = versions.filter(Files::isDirectory).max(Path::compareTo)
                        .orElseThrow(() -> new AssertionError("no model of " + s + " under " + dir
                                + " (install python3-botocore)"));
                Path plain = newest.resolve("service-2.json");
                try (InputStream in = Files.exists(plain) ? Files.newInputStream(plain)
                        : new GZIPInputStream(Files.newInputStream(newest.resolve("service-2.json.gz")))) {
                    return JSON.readTree(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
