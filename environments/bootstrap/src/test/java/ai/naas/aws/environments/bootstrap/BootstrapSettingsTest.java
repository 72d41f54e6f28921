package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.config.MapConfigSource;
import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.ConfigSource;
import ai.naas.aws.plan.OfflineEngine;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlausibleCloud;
import ai.naas.aws.plan.ProgramFailedException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A bootstrap with a wrong setting stops before any resource is registered, with one line naming the key;
 * and what it creates is what the naas stacks' files name.
 */
class BootstrapSettingsTest {

    private static final String KEY = "naas-bootstrap:account";
    private static final String SECURITY = "naas-bootstrap:accountSecurity";
    private static final String AUDIT_KEY = "naas-bootstrap:audit";
    private static final String AUDIT = "{\"bucketName\":\"naas-audit-test\"}";
    private static final String ALERTS_KEY = "naas-bootstrap:alerts";
    private static final String ALERTS = "{\"emails\":[\"security@example.com\"]}";
    private static final String THREATS = "naas-bootstrap:threatDetection";
    private static final String GUARDRAILS = "naas-bootstrap:guardrails";
    private static final String ACCOUNT =
            "{\"stateBucketName\":\"naas-state-test\",\"stacks\":[\"dev\",\"prod\"],\"githubRepository\":\"jupyter-naas/naas-aws\"}";

    static Map<String, String> validConfig() {
        var config = new HashMap<String, String>();
        config.put("aws:region", "eu-west-3");
        config.put(KEY, ACCOUNT);
        config.put(AUDIT_KEY, AUDIT);
        config.put(ALERTS_KEY, ALERTS);
        return config;
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                bad("missing region", "aws:region", null, "aws:region", "is required"),
                bad("region of the wrong shape", "aws:region", "Paris", "aws:region", "must be an AWS region"),
                bad("missing account", KEY, null, KEY, "is required"),
                bad("missing bucket", KEY, ACCOUNT.replace("\"stateBucketName\":\"naas-state-test\",", ""), KEY + ".stateBucketName", "is required"),
                bad("bucket name in capitals", KEY, ACCOUNT.replace("naas-state-test", "Naas-State"), KEY + ".stateBucketName", "lowercase"),
                bad("bucket name with dots", KEY, ACCOUNT.replace("naas-state-test", "naas.state.test"), KEY + ".stateBucketName", "no dots"),
                bad("bucket name too short", KEY, ACCOUNT.replace("naas-state-test", "ns"), KEY + ".stateBucketName", "3 to 63"),
                bad("bucket name too long", KEY, ACCOUNT.replace("naas-state-test", "n".repeat(64)), KEY + ".stateBucketName", "3 to 63"),
                bad("bucket name ending in a hyphen", KEY, ACCOUNT.replace("naas-state-test", "naas-state-"), KEY + ".stateBucketName", "ending with a letter or digit"),
                bad("bucket name with a reserved prefix", KEY, ACCOUNT.replace("naas-state-test", "xn--naas-state"), KEY + ".stateBucketName", "S3 reserves"),
                bad("bucket name with a reserved suffix", KEY, ACCOUNT.replace("naas-state-test", "naas-state-s3alias"), KEY + ".stateBucketName", "S3 reserves"),
                bad("no stacks", KEY, ACCOUNT.replace("[\"dev\",\"prod\"]", "[]"), KEY + ".stacks", "at least one"),
                bad("missing stacks", KEY, ACCOUNT.replace("\"stacks\":[\"dev\",\"prod\"],", ""), KEY + ".stacks", "is required"),
                bad("duplicate stack", KEY, ACCOUNT.replace("[\"dev\",\"prod\"]", "[\"dev\",\"prod\",\"dev\"]"), KEY + ".stacks[2]", "already stacks[0]"),
                bad("stack name in capitals", KEY, ACCOUNT.replace("\"prod\"", "\"Prod\""), KEY + ".stacks[1]", "stack name"),
                bad("stack name too long", KEY, ACCOUNT.replace("\"prod\"", "\"p" + "r".repeat(21) + "\""), KEY + ".stacks[1]", "stack name"),
                bad("stack given as a number", KEY, ACCOUNT.replace("\"prod\"", "7"), KEY + ".stacks[1]", "text"),
                bad("repository without owner", KEY, ACCOUNT.replace("jupyter-naas/naas-aws", "naas-aws"), KEY + ".githubRepository", "owner/name"),
                bad("repository with a wildcard", KEY, ACCOUNT.replace("jupyter-naas/naas-aws", "jupyter-naas/*"), KEY + ".githubRepository", "owner/name"),
                bad("repository of a whole owner", KEY, ACCOUNT.replace("jupyter-naas/naas-aws", "jupyter-naas/"), KEY + ".githubRepository", "owner/name"),
                bad("repository with a bad owner", KEY, ACCOUNT.replace("jupyter-naas/naas-aws", "-naas/naas-aws"), KEY + ".githubRepository", "owner/name"),
                bad("environment of an unknown stack", KEY, ACCOUNT.replace("}", ",\"deployEnvironments\":{\"staging\":\"staging\"}}"), KEY + ".deployEnvironments.staging", "not one of stacks"),
                bad("environment with a wildcard", KEY, ACCOUNT.replace("}", ",\"deployEnvironments\":{\"prod\":\"prod*\"}}"), KEY + ".deployEnvironments.prod", "GitHub environment name"),
                bad("environment of two stacks", KEY, ACCOUNT.replace("}", ",\"deployEnvironments\":{\"prod\":\"dev\"}}"), KEY + ".deployEnvironments.prod", "already stack dev's"),
                bad("unknown setting", KEY, ACCOUNT.replace("}", ",\"bucket\":\"x\"}"), KEY + ".bucket", "unknown setting"),
                bad("passwords shorter than 14", SECURITY, "{\"minimumPasswordLength\":8}", SECURITY + ".minimumPasswordLength", "between 14 and 128"),
                bad("password age beyond IAM's maximum", SECURITY, "{\"maxPasswordAgeDays\":1096}", SECURITY + ".maxPasswordAgeDays", "between 1 and 1095"),
                bad("no password reuse prevention", SECURITY, "{\"passwordReusePrevention\":0}", SECURITY + ".passwordReusePrevention", "between 1 and 24"),
                bad("the old stack setting", SECURITY, "{\"managePasswordPolicy\":true}", SECURITY + ".managePasswordPolicy", "unknown setting"),
                bad("no audit trail", AUDIT_KEY, null, AUDIT_KEY, "is required"),
                bad("the state bucket as the trail's", AUDIT_KEY, AUDIT.replace("naas-audit-test", "naas-state-test"), AUDIT_KEY + ".bucketName", "must not be the state bucket"),
                bad("a trail bucket with dots", AUDIT_KEY, AUDIT.replace("naas-audit-test", "naas.audit"), AUDIT_KEY + ".bucketName", "no dots"),
                bad("no Object Lock retention", AUDIT_KEY, AUDIT.replace("}", ",\"retentionDays\":0}"), AUDIT_KEY + ".retentionDays", "between 1 and 3653"),
                bad("an unknown lock mode", AUDIT_KEY, AUDIT.replace("}", ",\"lockMode\":\"LEGAL_HOLD\"}"), AUDIT_KEY + ".lockMode", "GOVERNANCE, COMPLIANCE"),
                bad("Standard-IA before S3's 30 days", AUDIT_KEY, AUDIT.replace("}", ",\"infrequentAccessAfterDays\":10}"), AUDIT_KEY + ".infrequentAccessAfterDays", "at least 30"),
                bad("Glacier too soon after Standard-IA", AUDIT_KEY, AUDIT.replace("}", ",\"glacierAfterDays\":100}"), AUDIT_KEY + ".glacierAfterDays", "infrequentAccessAfterDays + 30 (120)"),
                bad("expiry before the lock ends", AUDIT_KEY, AUDIT.replace("}", ",\"retentionDays\":2000,\"expireAfterDays\":1000}"), AUDIT_KEY + ".expireAfterDays", "at least 2000"),
                bad("a log retention CloudWatch refuses", AUDIT_KEY, AUDIT.replace("}", ",\"logRetentionDays\":45}"), AUDIT_KEY + ".logRetentionDays", "the closest is 30"),
                bad("nobody to alert", ALERTS_KEY, null, ALERTS_KEY, "is required"),
                bad("an empty subscriber list", ALERTS_KEY, "{\"emails\":[]}", ALERTS_KEY + ".emails", "at least one"),
                bad("a subscriber that is no e-mail address", ALERTS_KEY, "{\"emails\":[\"security team\"]}", ALERTS_KEY + ".emails[0]", "e-mail address"),
                bad("an address without a domain", ALERTS_KEY, "{\"emails\":[\"security@localhost\"]}", ALERTS_KEY + ".emails[0]", "e-mail address"),
                bad("the same subscriber twice", ALERTS_KEY, "{\"emails\":[\"a@example.com\",\"A@example.com\"]}", ALERTS_KEY + ".emails[1]", "already emails[0]"),
                bad("an unknown GuardDuty frequency", THREATS, "{\"findingPublishingFrequency\":\"DAILY\"}", THREATS + ".findingPublishingFrequency", "FIFTEEN_MINUTES, ONE_HOUR, SIX_HOURS"),
                bad("unused access older than Access Analyzer allows", THREATS, "{\"unusedAccessAgeDays\":400}", THREATS + ".unusedAccessAgeDays", "between 1 and 365"),
                bad("a region of the wrong shape", GUARDRAILS, "{\"regions\":[\"Paris\"]}", GUARDRAILS + ".regions[0]", "AWS region"),
                bad("a region twice", GUARDRAILS, "{\"regions\":[\"eu-west-1\",\"eu-west-1\"]}", GUARDRAILS + ".regions[1]", "already regions[0]"),
                bad("an IMDS hop limit above 2", GUARDRAILS, "{\"imdsHopLimit\":3}", GUARDRAILS + ".imdsHopLimit", "between 1 and 2"));
    }

    private static Arguments bad(String what, String key, String value, String expectedKey, String expectedProblem) {
        return Arguments.of(what, key, value, expectedKey, expectedProblem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void aBadSettingIsRefusedNamingItsKeyBeforeAnyResourceIsRegistered(
            String what, String key, String value, String expectedKey, String expectedProblem) {
        var config = validConfig();
        if (value == null) {
            config.remove(key);
        } else {
            config.put(key, value);
        }
        assertThatThrownBy(() -> plan(config))
                .isInstanceOfSatisfying(ProgramFailedException.class, failure -> {
                    var problem = (ConfigException) failure.exceptions().stream()
                            .filter(ConfigException.class::isInstance).findFirst().orElseThrow();
                    assertThat(problem.key()).isEqualTo(expectedKey);
                    assertThat(problem.getMessage()).startsWith(expectedKey + ": ").contains(expectedProblem).doesNotContain("\n");
                    assertThat(failure.registered()).as("resources registered before the config was refused")
                            .allMatch(r -> r.type().equals("pulumi:pulumi:Stack"));
                });
    }

    @Test
    void theExampleStackFilePlansAndItsEnvironmentsOverrideTheDefault() throws Exception {
        var file = new YAMLMapper().readTree(new File("Pulumi.main-account.yaml"));
        assertThat(file.has("secretsprovider")).as("the bootstrap stack holds no secrets").isFalse();
        var config = new HashMap<String, String>();
        var json = new ObjectMapper();
        file.path("config").properties().forEach(e ->
                config.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : write(json, e.getValue())));
        var plan = plan(config);
        assertThat(plan.ofType("aws:kms/key:Key")).as("state, dev, prod, audit, eu-west-3's EBS").hasSize(5);
        assertThat(plan.ofType("aws:cloudtrail/trail:Trail")).hasSize(1);
        assertThat(plan.resource("aws:iam/role:Role", "naas-prod-deploy").requireInput("assumeRolePolicy").toString())
                .contains(":environment:production\"");
    }

    /** The keys and roles the bootstrap creates are the ones the naas stacks' files already name. */
    @Test
    void everyNaasStackFileNamesTheSecretsProviderAndDeployRoleTheBootstrapCreates() throws Exception {
        var yaml = new YAMLMapper();
        for (String stack : new String[] {"dev", "prod"}) {
            var file = yaml.readTree(new File("../Pulumi." + stack + ".yaml"));
            String region = file.path("config").path("aws:region").asText();
            assertThat(file.path("secretsprovider").asText()).isEqualTo(StackSecretsKeys.secretsProvider(stack, region));
            var admins = file.path("config").path("naas:cluster").path("adminRoleArns");
            var deployRoles = new ArrayList<String>();
            admins.forEach(arn -> {
                if (arn.asText().endsWith(":role/" + CiRoles.deployRoleName(stack))) {
                    deployRoles.add(arn.asText());
                }
            });
            assertThat(deployRoles).as(stack + "'s deploy role must be a cluster admin (it runs pulumi up)").hasSize(1);
        }
    }

    private static Plan plan(Map<String, String> config) {
        return new OfflineEngine(new PlausibleCloud("eu-west-3"))
                .run("naas-bootstrap", "test", config, Set.of(), ctx -> AccountBootstrap.run(ctx, source(config)));
    }

    private static String write(ObjectMapper json, JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ConfigSource source(Map<String, String> config) {
        return MapConfigSource.of(config);
    }
}
