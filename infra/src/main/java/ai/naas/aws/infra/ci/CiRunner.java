package ai.naas.aws.infra.ci;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.RoleBoundary;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.codebuild.Project;
import com.pulumi.aws.codebuild.ProjectArgs;
import com.pulumi.aws.codebuild.Webhook;
import com.pulumi.aws.codebuild.WebhookArgs;
import com.pulumi.aws.codebuild.inputs.ProjectArtifactsArgs;
import com.pulumi.aws.codebuild.inputs.ProjectEnvironmentArgs;
import com.pulumi.aws.codebuild.inputs.ProjectLogsConfigArgs;
import com.pulumi.aws.codebuild.inputs.ProjectLogsConfigCloudwatchLogsArgs;
import com.pulumi.aws.codebuild.inputs.ProjectLogsConfigS3LogsArgs;
import com.pulumi.aws.codebuild.inputs.ProjectSourceArgs;
import com.pulumi.aws.codebuild.inputs.ProjectVpcConfigArgs;
import com.pulumi.aws.codebuild.inputs.WebhookFilterGroupArgs;
import com.pulumi.aws.codebuild.inputs.WebhookFilterGroupFilterArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupEgressRuleArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * A GitHub Actions runner inside the stack's VPC: a CodeBuild project whose webhook starts a build for each
 * queued workflow job labelled {@code codebuild-<project>-<run id>-<attempt>} ({@link #runsOn}), in the
 * private subnets, with its own security group that the cluster's security group admits on 443. That is how CI
 * reaches a private API endpoint (docs/DEPLOYING.md).
 *
 * <p>The project's service role can write its own log group and manage the build's network interfaces in
 * these subnets (CodeBuild's documented policy for VPC projects), nothing else: a job gets AWS credentials the
 * way it does on GitHub's runners, through GitHub's OIDC token ({@code aws-actions/configure-aws-credentials}).
 * The role has no {@code sts:AssumeRole} and no deploy role trusts it, on purpose: CodeBuild starts a build for
 * every job labelled for this project, a pull request's included, and every build sees the role's credentials.
 * If the role could become the deploy role, any pull request could deploy, without the GitHub environment's
 * approval that the deploy role's OIDC trust requires.
 */
public final class CiRunner extends ComponentResource {

    /** HTTPS: GitHub, AWS's APIs, Maven and Pulumi downloads, and the Kubernetes API server. */
    static final int HTTPS = 443;

    private final Output<String> projectName;
    private final Output<String> securityGroupId;
    private final Output<String> roleArn;
    private final String runsOn;

    public CiRunner(String name, Args args, ComponentResourceOptions options) {
        super("naas:infra:CiRunner", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var settings = args.settings();

        // Nothing comes in; out, HTTPS only. DNS (the VPC's resolver) is not subject to security groups.
        var group = new SecurityGroup(name, SecurityGroupArgs.builder()
                .vpcId(args.vpcId())
                .description("CI runner: HTTPS out only (GitHub, AWS APIs, the cluster API)")
                .tags(Map.of("Name", name))
                .build(), child);
        new SecurityGroupEgressRule(name + "-https-out", SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(group.id()).cidrIpv4("0.0.0.0/0")
                .ipProtocol("tcp").fromPort(HTTPS).toPort(HTTPS)
                .description("HTTPS to GitHub, AWS APIs, package downloads and the cluster API")
                .build(), child);
        // The cluster security group is on the control plane's network interfaces (and the managed nodes):
        // admitting the runner there is what lets it reach the private endpoint.
        var apiAccess = new SecurityGroupIngressRule(name + "-to-cluster-api", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(args.clusterSecurityGroupId()).referencedSecurityGroupId(group.id())
                .ipProtocol("tcp").fromPort(HTTPS).toPort(HTTPS)
                .description("Kubernetes API from the CI runner")
                .build(), child);

        // Ours, so that it is encrypted and its retention is one we chose; CodeBuild would create it to keep forever.
        var logs = new LogGroup(name, LogGroupArgs.builder()
                .name("/aws/codebuild/" + args.projectName())
                .retentionInDays(settings.logRetentionDays())
                .kmsKeyId(args.logsKeyArn())
                .build(), child);

        // Under the stack's permissions boundary, as every role a stack creates (the deploy role may create no other).
        var role = args.boundary().role(name, RoleArgs.builder()
                .description("CodeBuild runner " + args.projectName() + ": its own logs and VPC network interfaces only")
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                        .by("Service", "codebuild.amazonaws.com")).toJson())
                .build(), child);
        var permissions = new RolePolicy(name, RolePolicyArgs.builder()
                .role(role.id())
                .name("own-logs-and-vpc-network-interfaces")
                .policy(PolicyDocument.of(permissions(args, logs.arn())).toJson())
                .build(), child);

        var project = new Project(name, ProjectArgs.builder()
                .name(args.projectName())
                .description("GitHub Actions runner in the VPC of " + args.projectName()
                        + ": jobs labelled codebuild-" + args.projectName() + "-RUN-ATTEMPT")
                .serviceRole(role.arn())
                // The runner checks the repository out itself (actions/checkout); CodeBuild only needs to know it.
                .source(ProjectSourceArgs.builder()
                        .type("GITHUB")
                        .location("https://github.com/" + settings.githubRepository())
                        .build())
                .artifacts(ProjectArtifactsArgs.builder().type("NO_ARTIFACTS").build())
                .environment(ProjectEnvironmentArgs.builder()
                        .type(settings.environmentType())
                        .image(settings.image())
                        .computeType(settings.computeType())
                        .imagePullCredentialsType("CODEBUILD")
                        .privilegedMode(false)
                        .build())
                .vpcConfig(ProjectVpcConfigArgs.builder()
                        .vpcId(args.vpcId())
                        .subnets(args.privateSubnetIds())
                        .securityGroupIds(group.id().applyValue(List::of))
                        .build())
                .logsConfig(ProjectLogsConfigArgs.builder()
                        .cloudwatchLogs(ProjectLogsConfigCloudwatchLogsArgs.builder()
                                .status("ENABLED").groupName(logs.name()).build())
                        .s3Logs(ProjectLogsConfigS3LogsArgs.builder().status("DISABLED").build())
                        .build())
                .buildTimeout(settings.timeoutMinutes())
                .build(),
                // CodeBuild checks the role's VPC permissions when the project is created.
                CustomResourceOptions.builder().parent(this).dependsOn(permissions).build());

        // CodeBuild creates the repository's webhook with the account's GitHub source credential; it then starts
        // a build for each queued job whose label names this project, and ignores the others. Jobs are taken
        // only once the runner can reach the API server.
        new Webhook(name, WebhookArgs.builder()
                .projectName(project.name())
                .buildType("BUILD")
                .filterGroups(WebhookFilterGroupArgs.builder()
                        .filters(WebhookFilterGroupFilterArgs.builder()
                                .type("EVENT").pattern("WORKFLOW_JOB_QUEUED").build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(apiAccess).build());

        this.projectName = project.name();
        this.securityGroupId = group.id();
        this.roleArn = role.arn();
        this.runsOn = runsOn(args.projectName());
        registerOutputs(Map.of("projectName", projectName, "securityGroupId", securityGroupId, "roleArn", roleArn));
    }

    /**
     * What the service role may do: write its own log group's streams, and what CodeBuild documents for a
     * project in a VPC ("Allow CodeBuild access to AWS services required to create a VPC network interface"),
     * its network-interface permission narrowed to these subnets as that example does.
     */
    static List<Statement> permissions(Args args, Output<String> logGroupArn) {
        Output<List<String>> subnetArns = Output.tuple(args.accountId(), args.privateSubnetIds())
                .applyValue(t -> t.t2.stream()
                        .map(id -> "arn:aws:ec2:" + args.region() + ":" + t.t1 + ":subnet/" + id).toList());
        return List.of(
                Statement.allow("logs:CreateLogStream", "logs:PutLogEvents")
                        .on(logGroupArn, logGroupArn.applyValue(arn -> arn + ":*"))
                        .withSid("OwnLogGroup"),
                Statement.allow("ec2:CreateNetworkInterface", "ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces",
                                "ec2:DeleteNetworkInterface", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
                                "ec2:DescribeVpcs")
                        .on("*")
                        .withSid("VpcNetworkInterfaces"),
                Statement.allow("ec2:CreateNetworkInterfacePermission")
                        .on(args.accountId().applyValue(id -> "arn:aws:ec2:" + args.region() + ":" + id + ":network-interface/*"))
                        .when("StringEquals", "ec2:AuthorizedService", "codebuild.amazonaws.com")
                        .when("ArnEquals", "ec2:Subnet", subnetArns)
                        .withSid("NetworkInterfacesInThesePrivateSubnets"));
    }

    /**
     * The {@code runs-on} label of a job for this project, as CodeBuild's runner documents it: the project's
     * name between {@code codebuild-} and the run's id and attempt.
     */
    public static String runsOn(String projectName) {
        return "codebuild-" + projectName + "-${{ github.run_id }}-${{ github.run_attempt }}";
    }

    /** The CodeBuild project's name (also in the jobs' {@code runs-on} label). */
    public Output<String> projectName() {
        return projectName;
    }

    /** The runner's security group: the one the cluster admits on 443. */
    public Output<String> securityGroupId() {
        return securityGroupId;
    }

    /** The project's service role. */
    public Output<String> roleArn() {
        return roleArn;
    }

    /** The {@code runs-on} label of a job that should run on this runner. */
    public String runsOn() {
        return runsOn;
    }

    /**
     * What a {@link CiRunner} is built from.
     *
     * @param projectName            the CodeBuild project's name, fixed: the workflow's {@code runs-on} names it
     * @param settings               {@code naas:ciRunner}, enabled
     * @param region                 the stack's region, for ARNs
     * @param accountId              the stack's account, for ARNs
     * @param vpcId                  the stack's VPC
     * @param privateSubnetIds       the private subnets (NAT egress) the builds run in
     * @param clusterSecurityGroupId the cluster security group, which admits the runner on 443
     * @param logsKeyArn             the KMS key that encrypts the runner's log group
     * @param boundary               the stack's permissions boundary, which the runner's role carries
     */
    public record Args(
            String projectName,
            CiRunnerSettings settings,
            String region,
            Output<String> accountId,
            Output<String> vpcId,
            Output<List<String>> privateSubnetIds,
            Output<String> clusterSecurityGroupId,
            Output<String> logsKeyArn,
            RoleBoundary boundary) {

        public Args {
            if (!settings.enabled()) {
                throw new IllegalArgumentException("a CiRunner is built only when naas:ciRunner.enabled is true");
            }
        }
    }
}
