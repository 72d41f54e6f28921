package ai.naas.aws.environments;

import ai.naas.aws.config.MapConfigSource;
import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.ConfigReader;
import ai.naas.aws.config.ConfigSource;
import ai.naas.aws.plan.OfflineEngine;
import ai.naas.aws.plan.PlausibleCloud;
import ai.naas.aws.plan.ProgramFailedException;
import ai.naas.aws.platform.AppCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A stack with a wrong setting stops before any resource is registered, with one line naming the key.
 */
class StackConfigTest {

    private static final String NETWORK = "{\"cidr\":\"10.0.0.0/16\",\"zones\":[\"eu-west-3a\",\"eu-west-3b\",\"eu-west-3c\"]}";
    private static final String GROUP = "{\"instanceTypes\":[\"m6i.large\"],\"minSize\":1,\"maxSize\":3}";
    private static final String NODE_GROUPS = "{\"naas\":" + GROUP + ",\"jupyter\":" + GROUP + "}";

    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOkyay/0LO6mgkqMKBlCgoI/XyNSbrIXOo8dwk/vtjxb alice@example.com";
    private static final String SFTP = "{\"allowedCidrs\":[\"198.51.100.0/24\"],\"users\":[{\"name\":\"alice\",\"publicKey\":\"" + KEY + "\"}]}";

    private static final String CERTIFICATE = "arn:aws:acm:eu-west-3:123456789012:certificate/11111111-2222-3333-4444-555555555555";
    private static final String PLATFORM = "{\"domain\":\"naas.example.com\",\"certificateArn\":\"" + CERTIFICATE + "\"}";

    private static final String CI_RUNNER = "{\"enabled\":true,\"githubRepository\":\"jupyter-naas/naas-aws\"}";
    private static final String IMAGES = "{\"credentialSecretArn\":"
            + "\"arn:aws:secretsmanager:eu-west-3:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf\"}";

    static Map<String, String> validConfig() {
        var config = new HashMap<String, String>();
        config.put("aws:region", "eu-west-3");
        config.put("aws:defaultTags", "{\"tags\":{\"naas:stack\":\"test\"}}");
        config.put("naas:network", NETWORK);
        config.put("naas:nodeGroups", NODE_GROUPS);
        config.put("naas:sftp", SFTP);
        config.put("naas:platform", PLATFORM);
        config.put("naas:images", IMAGES);
        return config;
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                bad("missing region", "aws:region", null, "aws:region", "is required"),
                bad("region of the wrong shape", "aws:region", "Paris", "aws:region", "must be an AWS region"),
                bad("missing network", "naas:network", null, "naas:network", "is required"),
                bad("no default tags", "aws:defaultTags", null, "aws:defaultTags", "is required"),
                bad("no naas:stack tag", "aws:defaultTags", "{\"tags\":{\"stack\":\"test\"}}", "aws:defaultTags.tags.naas:stack", "must be this stack's name, test"),
                bad("another stack's naas:stack tag", "aws:defaultTags", "{\"tags\":{\"naas:stack\":\"prod\"}}", "aws:defaultTags.tags.naas:stack", "got 'prod'"),
                bad("a permissions boundary that is not a policy ARN", "naas:iam", "{\"permissionsBoundary\":\"naas-test-boundary\"}", "naas:iam.permissionsBoundary", "IAM policy ARN"),
                bad("bad VPC CIDR", "naas:network", NETWORK.replace("10.0.0.0/16", "10.0.0/16"), "naas:network.cidr", "CIDR"),
                bad("host bits in the VPC CIDR", "naas:network", NETWORK.replace("10.0.0.0/16", "10.0.0.1/16"), "naas:network.cidr", "did you mean 10.0.0.0/16"),
                bad("VPC too large", "naas:network", NETWORK.replace("10.0.0.0/16", "10.0.0.0/8"), "naas:network.cidr", "between /16 and /24"),
                bad("two zones", "naas:network", NETWORK.replace(",\"eu-west-3c\"", ""), "naas:network.zones", "exactly 3"),
                bad("zone not in region", "naas:network", NETWORK.replace("eu-west-3c", "eu-west-1c"), "naas:network.zones[2]", "not in the stack's region"),
                bad("same zone twice", "naas:network", NETWORK.replace("eu-west-3c", "eu-west-3a"), "naas:network.zones", "different"),
                bad("overlapping subnets", "naas:network", NETWORK.replace("}", ",\"privateSubnetCidrs\":[\"10.0.0.0/20\",\"10.0.8.0/21\",\"10.0.32.0/20\"]}"),
                        "naas:network.privateSubnetCidrs[1]", "overlaps privateSubnetCidrs[0]"),
                bad("subnet outside the VPC", "naas:network", NETWORK.replace("}", ",\"publicSubnetCidrs\":[\"10.1.0.0/24\",\"10.0.250.0/24\",\"10.0.251.0/24\"]}"),
                        "naas:network.publicSubnetCidrs[0]", "not inside the VPC"),
                bad("unknown NAT mode", "naas:network", NETWORK.replace("}", ",\"natGateways\":\"none\"}"), "naas:network.natGateways", "one of perZone, single"),
                bad("unknown network setting", "naas:network", NETWORK.replace("}", ",\"cidrs\":\"x\"}"), "naas:network.cidrs", "unknown setting"),
                bad("min above max", "naas:nodeGroups", NODE_GROUPS.replace("\"minSize\":1,\"maxSize\":3}}", "\"minSize\":5,\"maxSize\":3}}"), "naas:nodeGroups.jupyter.minSize", "must not exceed maxSize"),
                bad("desired outside min..max", "naas:nodeGroups", NODE_GROUPS.replaceFirst("\"maxSize\":3", "\"maxSize\":3,\"desiredSize\":9"), "naas:nodeGroups.naas.desiredSize", "between minSize"),
                bad("instance type of the wrong shape", "naas:nodeGroups", NODE_GROUPS.replaceFirst("m6i.large", "large-m6i"), "naas:nodeGroups.naas.instanceTypes[0]", "instance type"),
                bad("size given as text", "naas:nodeGroups", NODE_GROUPS.replaceFirst("\"maxSize\":3", "\"maxSize\":\"3\""), "naas:nodeGroups.naas.maxSize", "a whole number"),
                bad("naas pool scaled to zero", "naas:nodeGroups", NODE_GROUPS.replaceFirst("\"minSize\":1", "\"minSize\":0"), "naas:nodeGroups.naas.minSize", "at least 1"),
                bad("missing jupyter group", "naas:nodeGroups", "{\"naas\":" + GROUP + "}", "naas:nodeGroups.jupyter", "is required"),
                bad("unsupported Kubernetes version", "naas:cluster", "{\"kubernetesVersion\":\"1.20\"}", "naas:cluster.kubernetesVersion", "between 1.29"),
                bad("public endpoint open to the internet", "naas:cluster", "{\"publicAccessCidrs\":[\"0.0.0.0/0\"]}", "naas:cluster.publicAccessCidrs[0]", "whole internet"),
                bad("admin that is not a role ARN", "naas:cluster", "{\"adminRoleArns\":[\"arn:aws:iam::123:user/bob\"]}", "naas:cluster.adminRoleArns[0]", "IAM role ARN"),
                bad("flow log retention CloudWatch Logs refuses", "naas:network", NETWORK.replace("}", ",\"flowLogRetentionDays\":45}"),
                        "naas:network.flowLogRetentionDays", "closest is 30 or 60, got 45"),
                bad("control-plane log retention CloudWatch Logs refuses", "naas:cluster", "{\"logRetentionDays\":4000}",
                        "naas:cluster.logRetentionDays", "closest is 3653, got 4000"),
                bad("network that is not an object", "naas:network", "[1,2]", "naas:network", "must be an object"),
                bad("bad CIDR in the SFTP allow-list", "naas:sftp", SFTP.replace("198.51.100.0/24", "198.51.100.0/40"), "naas:sftp.allowedCidrs[0]", "CIDR"),
                bad("malformed SFTP public key", "naas:sftp", SFTP.replace("AAAAC3NzaC1lZDI1NTE5AAAAIOky", "AAAA!!!"), "naas:sftp.users[0].publicKey", ""),
                bad("invalid SFTP user name", "naas:sftp", SFTP.replace("\"alice\"", "\"Alice Smith\""), "naas:sftp.users[0].name", ""),
                bad("SFTP user the hub would not admit", "naas:sftp", SFTP.replace("}]}", "},{\"name\":\"partner_etl\",\"publicKey\":\"" + KEY + "\"}]}"), "naas:sftp.users[1].name", "must be a platform user name"),
                bad("duplicate SFTP user", "naas:sftp", SFTP.replace("}]}", "},{\"name\":\"alice\",\"publicKey\":\"" + KEY + "\"}]}"), "naas:sftp.users[1].name", "alice"),
                bad("backup retention out of range", "naas:database", "{\"backupRetentionDays\":3}", "naas:database.backupRetentionDays", "between 7 and 35"),
                bad("storage autoscaling ceiling equal to the storage", "naas:database", "{\"allocatedStorageGiB\":100,\"maxAllocatedStorageGiB\":100}", "naas:database.maxAllocatedStorageGiB", "at least 110"),
                bad("SFTP deletion protection not a boolean", "naas:sftp", SFTP.replace("}]}", "}],\"deletionProtection\":\"no\"}"), "naas:sftp.deletionProtection", ""),
                bad("unknown PostgreSQL version", "naas:database", "{\"engineVersion\":\"9.6\"}", "naas:database.engineVersion", "15 to 17"),
                bad("certificate in another region", "naas:platform", PLATFORM.replace("eu-west-3", "us-east-1"), "naas:platform.certificateArn", "certificate is in us-east-1"),
                bad("certificate in another partition", "naas:platform", PLATFORM.replace("arn:aws:", "arn:aws-cn:"), "naas:platform.certificateArn", "is in partition aws-cn but the stack's region eu-west-3 is in aws"),
                bad("certificate domain that is not a DNS name", "naas:platform", PLATFORM.replace("}", ",\"certificateDomain\":\"*.Naas.example.com\"}"), "naas:platform.certificateDomain", "optionally a wildcard"),
                bad("admin role in another partition", "naas:cluster", "{\"adminRoleArns\":[\"arn:aws-us-gov:iam::123456789012:role/ops\"]}", "naas:cluster.adminRoleArns[0]", "did you mean arn:aws:iam::123456789012:role/ops?"),
                bad("admin role in another account than the certificate", "naas:cluster", "{\"adminRoleArns\":[\"arn:aws:iam::123456789012:role/ops\",\"arn:aws:iam::210987654321:role/ops\"]}", "naas:cluster.adminRoleArns[1]", "is in account 210987654321 but the stack's certificate (naas:platform.certificateArn) is in account 123456789012"),
                bad("no image cache credentials", "naas:images", null, "naas:images", "is required"),
                // ECR's rule for a pull-through cache's prefix (botocore: PullThroughCacheRuleRepositoryPrefix).
                bad("image cache prefix ECR refuses", "naas:images", IMAGES.replace("{", "{\"prefix\":\"Docker_Hub\","),
                        "naas:images.prefix", "must be an ECR repository prefix"),
                bad("image cache prefix too long", "naas:images", IMAGES.replace("{", "{\"prefix\":\"" + "a".repeat(31) + "\","),
                        "naas:images.prefix", "2 to 30 characters"),
                bad("image cache credentials ECR would not read", "naas:images", IMAGES.replace("ecr-pullthroughcache/", ""),
                        "naas:images.credentialSecretArn", "name starts with ecr-pullthroughcache/"),
                bad("image cache credentials in another region", "naas:images", IMAGES.replace("eu-west-3", "eu-west-1"),
                        "naas:images.credentialSecretArn", "the secret is in eu-west-1 but the stack is in eu-west-3"),
                bad("image cache credentials in another account", "naas:images", IMAGES.replace("123456789012", "210987654321"),
                        "naas:images.credentialSecretArn", "is in account 210987654321 but the stack's certificate"),
                bad("unknown app", "naas:apps", "[\"grafana\"]", "naas:apps[0]", "unknown app 'grafana'"),
                bad("app without its required secret", "naas:apps", "[\"jupyterhub\"]", "naas:jupyterhub.oauth", "required"),
                bad("malformed image reference of an app", "naas:apps", "[\"naas-proxy\"]", "naas:naas-proxy.image.repository", "",
                        "naas:naas-proxy", "{\"image\":{\"repository\":\"Jupyter Naas/Proxy\"}}"),
                bad("replicas of an app out of range", "naas:apps", "[\"naas-proxy\"]", "naas:naas-proxy.replicas", "",
                        "naas:naas-proxy", "{\"replicas\":50}"),
                bad("resources of an app out of shape", "naas:apps", "[\"naas-proxy\"]", "naas:naas-proxy.resources.limits.memory", "",
                        "naas:naas-proxy", "{\"resources\":{\"limits\":{\"memory\":\"lots\"}}}"),
                bad("app without its database password", "naas:apps", "[\"naas-proxy\"]", "naas:naas-proxy.databasePassword", "is required"),
                bad("notebook uid of root", "naas:sharedFiles", "{\"notebookUid\":0}", "naas:sharedFiles.notebookUid", "between 1"),
                bad("CI runner without its repository", "naas:ciRunner", "{\"enabled\":true}", "naas:ciRunner.githubRepository", "is required"),
                bad("CI runner repository not owner/name", "naas:ciRunner", "{\"enabled\":true,\"githubRepository\":\"https://github.com/jupyter-naas/naas-aws\"}",
                        "naas:ciRunner.githubRepository", "owner/name"),
                bad("CI runner compute type CodeBuild does not offer", "naas:ciRunner", CI_RUNNER.replace("}", ",\"computeType\":\"BUILD_GENERAL1_MEDIUN\"}"),
                        "naas:ciRunner.computeType", "did you mean 'BUILD_GENERAL1_MEDIUM'?"),
                bad("CI runner image from another registry", "naas:ciRunner", CI_RUNNER.replace("}", ",\"image\":\"ubuntu:24.04\"}"),
                        "naas:ciRunner.image", "a Linux image CodeBuild manages"),
                bad("CI runner timeout beyond CodeBuild's 8 hours", "naas:ciRunner", CI_RUNNER.replace("}", ",\"timeoutMinutes\":600}"),
                        "naas:ciRunner.timeoutMinutes", "between 5 and 480"),
                bad("CI runner log retention CloudWatch Logs refuses", "naas:ciRunner", CI_RUNNER.replace("}", ",\"logRetentionDays\":45}"),
                        "naas:ciRunner.logRetentionDays", "closest is 30 or 60, got 45"),
                bad("unknown CI runner setting", "naas:ciRunner", CI_RUNNER.replace("}", ",\"instanceType\":\"large\"}"),
                        "naas:ciRunner.instanceType", "unknown setting"),
                bad("the account's IAM settings, which moved to the bootstrap", "naas:accountSecurity",
                        "{\"managePasswordPolicy\":false}", "naas:accountSecurity", "moved to the account's bootstrap"));
    }

    private static Arguments bad(String what, String key, String value, String expectedKey, String expectedProblem) {
        return Arguments.of(what, key, value, expectedKey, expectedProblem, null, null);
    }

    /** A bad value that needs a second key set, e.g. an app's settings once the app is enabled. */
    private static Arguments bad(String what, String key, String value, String expectedKey, String expectedProblem,
                                 String alsoKey, String alsoValue) {
        return Arguments.of(what, key, value, expectedKey, expectedProblem, alsoKey, alsoValue);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void aBadSettingIsRefusedNamingItsKeyBeforeAnyResourceIsRegistered(
            String what, String key, String value, String expectedKey, String expectedProblem, String alsoKey, String alsoValue) {
        var config = validConfig();
        if (alsoKey != null) {
            config.put(alsoKey, alsoValue);
        }
        if (value == null) {
            config.remove(key);
        } else {
            config.put(key, value);
        }
        var engine = new OfflineEngine(new PlausibleCloud("eu-west-3"));
        assertThatThrownBy(() -> engine.run("naas", "test", config, Set.of(), ctx -> NaasStack.run(ctx, source(config))))
                .isInstanceOfSatisfying(ProgramFailedException.class, failure -> {
                    var problem = (ConfigException) failure.exceptions().stream()
                            .filter(ConfigException.class::isInstance).findFirst().orElseThrow();
                    assertThat(problem.key()).isEqualTo(expectedKey);
                    assertThat(problem.getMessage()).startsWith(expectedKey + ": ").contains(expectedProblem).doesNotContain("\n");
                    assertThat(failure.engineErrors()).as("what pulumi up prints: the line, no stack trace")
                            .containsExactly(problem.getMessage());
                    assertThat(failure.registered()).as("resources registered before the config was refused")
                            .allMatch(r -> r.type().equals("pulumi:pulumi:Stack"));
                });
    }

    @Test
    void theValidConfigOfThisTablePlans() {
        var config = validConfig();
        // The account holds the certificate the table names (preflight looks it up).
        var plan = new OfflineEngine(new PlausibleCloud("eu-west-3", List.of(CERTIFICATE)))
                .run("naas", "test", config, Set.of(), ctx -> NaasStack.run(ctx, source(config)));
        assertThat(plan.ofType("aws:eks/cluster:Cluster")).hasSize(1);
    }

    /** Offline, the stack file is read first: a moved key gets the same line there, not "unknown setting". */
    @Test
    void aStackFileThatStillSetsTheAccountsIamSettingsIsToldWhereTheyMoved(@TempDir Path dir)
            throws Exception {
        var file = dir.resolve("Pulumi.dev.yaml");
        Files.writeString(file, Files.readString(Path.of("Pulumi.dev.yaml"))
                + "  naas:accountSecurity:\n    managePasswordPolicy: false\n");
        var catalog = AppCatalog.discover();
        var source = StackFile.read(file, "dev", StackSettings.knownKeys(catalog));
        assertThatThrownBy(() -> StackSettings.read("dev", new ConfigReader(source), catalog))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("naas:accountSecurity");
                    assertThat(e.getMessage()).doesNotContain("\n")
                            .contains("naas-bootstrap:accountSecurity", "environments/bootstrap/Pulumi.");
                });
    }

    static ConfigSource source(Map<String, String> config) {
        return MapConfigSource.of(config);
    }
}
