package ai.naas.aws.environments;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CI's way to the private API endpoint (docs/DEPLOYING.md): each stack's CodeBuild runner sits in the stack's
 * private subnets behind its own security group, which the cluster admits on 443 and nowhere else; its role can
 * do what CodeBuild documents for a VPC project and write its own logs, nothing more; and the workflow's jobs
 * that talk to the cluster are labelled for exactly the project the stack creates.
 */
@SuppressWarnings("unchecked")
class CiRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SG = "aws:ec2/securityGroup:SecurityGroup";
    private static final String INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    private static final String EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
    private static final String PROJECT = "aws:codebuild/project:Project";
    /** The workflow, from environments/ (where Maven runs this module's tests). */
    private static final Path WORKFLOW = Path.of("..", ".github", "workflows", "stacks.yml");

    private static String runnerName(String stack) {
        return "naas-" + stack + "-runner";
    }

    private static PlannedResource runnerGroup(Plan plan, String stack) {
        return plan.resource(SG, runnerName(stack));
    }

    private static String clusterSecurityGroup(Plan plan) {
        return (String) plan.ofType("aws:eks/cluster:Cluster").get(0).output("vpcConfig.clusterSecurityGroupId").orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theClusterAdmitsTheRunnerOn443AndNothingAdmitsItElsewhere(String stack) {
        var plan = StackPlans.of(stack);
        String runner = runnerGroup(plan, stack).id();
        var fromRunner = plan.ofType(INGRESS).stream()
                .filter(r -> runner.equals(r.input("referencedSecurityGroupId").orElse(null))).toList();
        assertThat(fromRunner).singleElement().satisfies(rule -> {
            assertThat(rule.requireInput("securityGroupId")).as("the cluster security group (control plane ENIs)")
                    .isEqualTo(clusterSecurityGroup(plan));
            assertThat(rule.requireInput("ipProtocol")).isEqualTo("tcp");
            assertThat(rule.requireInput("fromPort")).isEqualTo(443L);
            assertThat(rule.requireInput("toPort")).isEqualTo(443L);
            // The runner's group is the rule's only source: no address range or prefix list rides along with it.
            for (String source : java.util.List.of("cidrIpv4", "cidrIpv6", "prefixListId")) {
                assertThat(rule.input(source)).as(source).isEmpty();
            }
        });
        assertThat(plan.ofType("aws:ec2/securityGroupRule:SecurityGroupRule")).as("no rule of the older kind names it")
                .noneMatch(r -> runner.equals(r.input("sourceSecurityGroupId").orElse(null)));
        assertThat(plan.ofType(SG)).as("no inline rule names it").noneMatch(g -> String.valueOf(g.inputs()).contains(runner));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theRunnerTakesNothingInAndSendsOnlyHttpsOut(String stack) {
        var plan = StackPlans.of(stack);
        var group = runnerGroup(plan, stack);
        assertThat(group.input("ingress")).isEmpty();
        assertThat(group.input("egress")).isEmpty();
        assertThat(plan.ofType(INGRESS)).noneMatch(r -> group.id().equals(r.requireInput("securityGroupId")));
        assertThat(plan.ofType(EGRESS).stream().filter(r -> group.id().equals(r.requireInput("securityGroupId"))))
                .singleElement().satisfies(rule -> {
                    assertThat(rule.requireInput("ipProtocol")).isEqualTo("tcp");
                    assertThat(rule.requireInput("fromPort")).isEqualTo(443L);
                    assertThat(rule.requireInput("toPort")).isEqualTo(443L);
                    assertThat(rule.requireInput("cidrIpv4")).isEqualTo("0.0.0.0/0");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theProjectRunsInTheStacksPrivateSubnetsBehindItsOwnGroupAndLogsEncrypted(String stack) {
        var plan = StackPlans.of(stack);
        var project = plan.resource(PROJECT, runnerName(stack));
        var privateSubnets = plan.ofType("aws:ec2/subnet:Subnet").stream().filter(s -> s.name().contains("-private-"))
                .map(PlannedResource::id).collect(Collectors.toSet());
        assertThat(privateSubnets).hasSize(3);
        assertThat((List<Object>) project.requireInput("vpcConfig.subnets")).containsExactlyInAnyOrderElementsOf(privateSubnets);
        assertThat(project.requireInput("vpcConfig.vpcId")).isEqualTo(plan.ofType("aws:ec2/vpc:Vpc").get(0).id());
        assertThat((List<Object>) project.requireInput("vpcConfig.securityGroupIds")).containsExactly(runnerGroup(plan, stack).id());

        assertThat(project.requireInput("source.type")).isEqualTo("GITHUB");
        assertThat(project.requireInput("source.location")).isEqualTo("https://github.com/jupyter-naas/naas-aws");
        assertThat(project.requireInput("environment.privilegedMode")).isEqualTo(false);
        assertThat(project.requireInput("environment.imagePullCredentialsType")).isEqualTo("CODEBUILD");
        assertThat(project.requireInput("artifacts.type")).isEqualTo("NO_ARTIFACTS");

        var logGroup = plan.resource("aws:cloudwatch/logGroup:LogGroup", runnerName(stack));
        assertThat(project.requireInput("logsConfig.cloudwatchLogs.groupName")).isEqualTo(logGroup.requireInput("name"));
        assertThat(project.requireInput("logsConfig.cloudwatchLogs.status")).isEqualTo("ENABLED");
        assertThat(project.requireInput("logsConfig.s3Logs.status")).isEqualTo("DISABLED");
        var logsKey = plan.ofType("aws:kms/key:Key").stream().filter(k -> k.name().endsWith("-logs")).findFirst().orElseThrow();
        assertThat(logGroup.requireInput("kmsKeyId")).isEqualTo(logsKey.output("arn").orElseThrow());
        assertThat(project.dependsOn()).as("CodeBuild checks the role's VPC permissions when it creates the project")
                .contains(plan.resource("aws:iam/rolePolicy:RolePolicy", runnerName(stack)).urn());
    }

    /** CodeBuild's documented webhook for a GitHub Actions runner: one filter group, EVENT WORKFLOW_JOB_QUEUED. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theWebhookStartsABuildForQueuedWorkflowJobsOnly(String stack) {
        var plan = StackPlans.of(stack);
        var hooks = plan.ofType("aws:codebuild/webhook:Webhook");
        assertThat(hooks).singleElement().satisfies(hook -> {
            assertThat(hook.requireInput("projectName")).isEqualTo(plan.resource(PROJECT, runnerName(stack)).requireInput("name"));
            assertThat(hook.requireInput("filterGroups")).isEqualTo(
                    List.of(Map.of("filters", List.of(Map.of("type", "EVENT", "pattern", "WORKFLOW_JOB_QUEUED")))));
        });
    }

    /**
     * The role, statement by statement: AWS's example for a VPC project (test resources, with its URL), with the
     * stack's region, account and its three private subnets in place of the placeholders; plus writing its own
     * log group's streams. No managed policy, no other inline policy, trusted by CodeBuild only, and so no way to
     * a deploy role (see {@code CiRunner}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theRunnersRoleCanDoNoMoreThanCodeBuildDocumentsForAVpcProjectAndWriteItsOwnLogs(String stack) throws IOException {
        var plan = StackPlans.of(stack);
        var role = plan.resource("aws:iam/role:Role", runnerName(stack));
        String roleName = (String) role.output("name").orElseThrow();
        var inline = plan.ofType("aws:iam/rolePolicy:RolePolicy").stream()
                .filter(p -> roleName.equals(p.requireInput("role"))).toList();
        assertThat(inline).hasSize(1);
        assertThat(plan.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment"))
                .noneMatch(a -> roleName.equals(a.requireInput("role")));

        JsonNode trust = JSON.readTree((String) role.requireInput("assumeRolePolicy"));
        assertThat(trust.path("Statement")).singleElement().satisfies(s -> {
            assertThat(s.path("Principal")).isEqualTo(JSON.readTree("{\"Service\":\"codebuild.amazonaws.com\"}"));
            assertThat(texts(s.path("Action"))).containsExactly("sts:AssumeRole");
        });

        String region = "eu-west-3";
        String account = "123456789012";
        var subnetArns = plan.ofType("aws:ec2/subnet:Subnet").stream().filter(s -> s.name().contains("-private-"))
                .map(s -> "arn:aws:ec2:" + region + ":" + account + ":subnet/" + s.id()).sorted().toList();
        JsonNode example;
        try (InputStream in = getClass().getResourceAsStream("/aws-codebuild-vpc-network-interface.json")) {
            example = JSON.readTree(in);
        }
        assertThat(example.path("source").asText()).startsWith("https://docs.aws.amazon.com/codebuild/");
        var documented = new ArrayList<JsonNode>();
        for (JsonNode statement : example.path("policy").path("Statement")) {
            String text = statement.toString().replace("region:account-id", region + ":" + account);
            JsonNode filled = JSON.readTree(text);
            JsonNode subnets = filled.path("Condition").path("ArnEquals").path("ec2:Subnet");
            if (!subnets.isMissingNode()) {
                assertThat(texts(subnets)).as("the example's two placeholder subnets").hasSize(2);
                ((com.fasterxml.jackson.databind.node.ObjectNode) filled.path("Condition").path("ArnEquals"))
                        .set("ec2:Subnet", JSON.valueToTree(subnetArns));
            }
            documented.add(filled);
        }

        var ours = new ArrayList<JsonNode>();
        JSON.readTree((String) inline.get(0).requireInput("policy")).path("Statement").forEach(ours::add);
        String logGroupArn = (String) plan.resource("aws:cloudwatch/logGroup:LogGroup", runnerName(stack)).output("arn").orElseThrow();
        var logs = ours.stream().filter(s -> texts(s.path("Action")).stream().anyMatch(a -> a.startsWith("logs:"))).toList();
        assertThat(logs).singleElement().satisfies(s -> {
            assertThat(s.path("Effect").asText()).isEqualTo("Allow");
            assertThat(texts(s.path("Action"))).containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
            assertThat(texts(s.path("Resource"))).containsExactlyInAnyOrder(logGroupArn, logGroupArn + ":*");
            assertThat(s.has("Condition")).isFalse();
        });
        var network = ours.stream().filter(s -> !logs.contains(s)).toList();
        assertThat(network).as("one of ours per statement of AWS's example, nothing else").hasSameSizeAs(documented);
        for (JsonNode theirs : documented) {
            assertThat(network).as("AWS's statement %s", theirs).anySatisfy(mine -> {
                assertThat(mine.path("Effect")).isEqualTo(theirs.path("Effect"));
                assertThat(texts(mine.path("Action"))).containsExactlyInAnyOrderElementsOf(texts(theirs.path("Action")));
                assertThat(texts(mine.path("Resource"))).containsExactlyInAnyOrderElementsOf(texts(theirs.path("Resource")));
                assertThat(sortedSubnets(mine.path("Condition"))).isEqualTo(sortedSubnets(theirs.path("Condition")));
            });
        }
        assertThat(ours.toString()).as("no way to another role").doesNotContain("sts:", "iam:");
    }

    /** A runner disabled in config: none of its resources, and the cluster's security group admits nothing new. */
    @Test
    void aDisabledRunnerHasNoResources() {
        var with = StackPlans.of("dev");
        var without = StackPlans.of("dev", Map.of("naas:ciRunner", "{\"enabled\":false}"));
        var runner = with.resources().stream().filter(r -> r.type().equals("naas:infra:CiRunner")).findFirst().orElseThrow();
        var runnerResources = Stream.concat(Stream.of(runner), with.descendantsOf(runner).stream())
                .map(PlannedResource::urn).collect(Collectors.toSet());
        assertThat(with.descendantsOf(runner)).extracting(PlannedResource::type).containsExactlyInAnyOrder(
                SG, EGRESS, INGRESS, "aws:cloudwatch/logGroup:LogGroup", "aws:iam/role:Role",
                "aws:iam/rolePolicy:RolePolicy", PROJECT, "aws:codebuild/webhook:Webhook");
        assertThat(without.resources()).extracting(PlannedResource::urn)
                .containsExactlyInAnyOrderElementsOf(with.resources().stream().map(PlannedResource::urn)
                        .filter(urn -> !runnerResources.contains(urn)).toList());
        assertThat(without.resources()).noneMatch(r -> r.type().startsWith("aws:codebuild/"));
        assertThat(without.outputs()).doesNotContainKey("ciRunnerProject");
        assertThat(with.outputs().get("ciRunnerProject")).isEqualTo("naas-dev-runner");
    }

    /**
     * The jobs that talk to a cluster (the real preview and the deploy) carry, for each stack of their matrix, the
     * label CodeBuild's runner documents, {@code codebuild-<project-name>-${{ github.run_id }}-${{ github.run_attempt }}},
     * naming the project that stack's plan creates; every stack file is in their matrix. The jobs that need no
     * cluster stay on GitHub's runners. The workflow is read as YAML, not searched as text.
     */
    @Test
    void theWorkflowsClusterJobsRunOnTheRunnerTheirStackCreates() throws IOException {
        JsonNode jobs = new YAMLMapper().readTree(Files.readString(WORKFLOW)).path("jobs");
        Set<String> stackFiles;
        try (var files = Files.list(Path.of(""))) {
            stackFiles = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("Pulumi\\.[a-z0-9-]+\\.yaml"))
                    .map(n -> n.substring("Pulumi.".length(), n.length() - ".yaml".length())).collect(Collectors.toSet());
        }
        assertThat(stackFiles).containsExactlyInAnyOrder("dev", "prod");
        for (String job : List.of("preview", "deploy")) {
            JsonNode definition = jobs.path(job);
            JsonNode matrix = definition.path("strategy").path("matrix").path("stack");
            if (job.equals("deploy") || matrix.isArray()) {
                // A preview matrix may be an expression (which stacks a pull request previews): then every stack
                // file's label is checked below, whatever the expression picks.
                assertThat(texts(matrix)).as(job + " matrix").isSubsetOf(stackFiles);
            }
            if (job.equals("deploy")) {
                assertThat(texts(matrix)).as("every stack deploys").containsExactlyInAnyOrderElementsOf(stackFiles);
            }
            String runsOn = definition.path("runs-on").asText();
            assertThat(runsOn).as(job + ": one label per stack of its matrix").contains("${{ matrix.stack }}");
            for (String stack : stackFiles) {
                String project = (String) StackPlans.of(stack).resource(PROJECT, runnerName(stack)).requireInput("name");
                assertThat(runsOn.replace("${{ matrix.stack }}", stack)).as(job + " of " + stack)
                        .isEqualTo("codebuild-" + project + "-${{ github.run_id }}-${{ github.run_attempt }}");
            }
            assertThat(texts(definition.path("permissions").path("id-token"))).as(job + ": credentials through GitHub OIDC")
                    .containsExactly("write");
        }
        assertThat(jobs.path("deploy").path("concurrency").path("group").asText()).isEqualTo("stack-${{ matrix.stack }}");
        assertThat(jobs.path("deploy").path("steps").toString()).contains("naas-${{ matrix.stack }}-deploy");
        assertThat(jobs.path("verify").path("runs-on").asText()).as("build, plans, policy and offline diff")
                .startsWith("ubuntu-");
    }

    /** An ARN condition's subnet list, sorted: the order of subnets in a condition does not matter to IAM. */
    private static JsonNode sortedSubnets(JsonNode condition) {
        var copy = condition.deepCopy();
        if (copy.path("ArnEquals").has("ec2:Subnet")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy.path("ArnEquals")).set("ec2:Subnet",
                    JSON.valueToTree(texts(copy.path("ArnEquals").path("ec2:Subnet")).stream().sorted().toList()));
        }
        return copy;
    }

    /** A policy field that is a string or a list of strings, as a list. */
    private static List<String> texts(JsonNode node) {
        var values = new ArrayList<String>();
        if (node.isArray()) {
            node.forEach(n -> values.add(n.asText()));
        } else if (!node.isMissingNode()) {
            values.add(node.asText());
        }
        return values;
    }
}
