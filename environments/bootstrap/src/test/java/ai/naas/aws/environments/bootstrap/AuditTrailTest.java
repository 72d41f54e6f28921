package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static ai.naas.aws.environments.bootstrap.BootstrapPlans.statement;
import static ai.naas.aws.environments.bootstrap.BootstrapPlans.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account's audit trail, read from the example account's offline plan and followed by reference: the
 * trail writes to this bucket with this key, the key lets CloudTrail encrypt for this trail only.
 */
class AuditTrailTest {

    private static final String ACCOUNT = "123456789012";
    private final Plan plan = BootstrapPlans.example();

    private PlannedResource trail() {
        var trails = plan.ofType("aws:cloudtrail/trail:Trail");
        assertThat(trails).hasSize(1);
        return trails.get(0);
    }

    private String trailArn() {
        return "arn:aws:cloudtrail:eu-west-3:" + ACCOUNT + ":trail/" + trail().requireInput("name");
    }

    private PlannedResource auditKey() {
        return plan.ofType("aws:kms/key:Key").stream()
                .filter(k -> k.output("arn").orElseThrow().equals(trail().requireInput("kmsKeyId"))).findFirst()
                .orElseThrow(() -> new AssertionError("the trail's key is not a key of the plan"));
    }

    private PlannedResource auditBucket() {
        return plan.resource("aws:s3/bucketV2:BucketV2", (String) trail().requireInput("s3BucketName"));
    }

    private PlannedResource forBucket(String type) {
        var all = plan.ofType(type).stream().filter(r -> auditBucket().requireInput("bucket").equals(r.requireInput("bucket"))).toList();
        assertThat(all).as(type).hasSize(1);
        return all.get(0);
    }

    @Test
    void oneMultiRegionTrailWithGlobalServiceEventsAndLogFileValidationIsLogging() {
        var trail = trail();
        assertThat(trail.requireInput("isMultiRegionTrail")).isEqualTo(true);
        assertThat(trail.requireInput("includeGlobalServiceEvents")).isEqualTo(true);
        assertThat(trail.requireInput("enableLogFileValidation")).isEqualTo(true);
        assertThat(trail.requireInput("enableLogging")).isEqualTo(true);
    }

    @Test
    void theTrailEncryptsWithTheAccountsRotatingProtectedKeyWhosePolicyAdmitsCloudTrailForThisTrailOnly() {
        var key = auditKey();
        assertThat(key.requireInput("enableKeyRotation")).isEqualTo(true);
        assertThat(key.protect()).isTrue();
        Object policy = key.requireInput("policy");
        JsonNode encrypt = statement(policy, "AllowCloudTrailToEncryptLogs");
        assertThat(encrypt.path("Principal").path("Service").asText()).isEqualTo("cloudtrail.amazonaws.com");
        assertThat(texts(encrypt.path("Action"))).containsExactly("kms:GenerateDataKey*");
        assertThat(encrypt.path("Condition").path("StringEquals").path("aws:SourceArn").asText()).isEqualTo(trailArn());
        assertThat(encrypt.path("Condition").path("StringLike").path("kms:EncryptionContext:aws:cloudtrail:arn").asText())
                .isEqualTo("arn:aws:cloudtrail:*:" + ACCOUNT + ":trail/*");
        assertThat(statement(policy, "AllowCloudTrailToDescribeKey").path("Condition").path("StringEquals")
                .path("aws:SourceArn").asText()).isEqualTo(trailArn());
        assertThat(statement(policy, "EnableIamPoliciesOfTheAccount").path("Principal").path("AWS").asText())
                .isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
    }

    @Test
    void theBucketIsProtectedVersionedLockedForTheConfiguredRetentionAndEncryptedWithTheKey() {
        var bucket = auditBucket();
        assertThat(bucket.protect()).isTrue();
        assertThat(bucket.requireInput("objectLockEnabled")).as("only possible at creation").isEqualTo(true);
        assertThat(bucket.requireInput("bucket")).as("not the state bucket").isNotEqualTo(plan.outputs().get("stateBucketName"));
        assertThat(plan.outputs().get("auditBucketName")).isEqualTo(bucket.requireInput("bucket"));
        assertThat(forBucket("aws:s3/bucketVersioningV2:BucketVersioningV2").requireInput("versioningConfiguration.status"))
                .isEqualTo("Enabled");
        var lock = forBucket("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2");
        assertThat(lock.requireInput("rule.defaultRetention.days")).isEqualTo(365L);
        assertThat(lock.requireInput("rule.defaultRetention.mode")).isEqualTo("GOVERNANCE");
        var encryption = forBucket("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2");
        assertThat(encryption.requireInput("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm")).isEqualTo("aws:kms");
        assertThat(encryption.requireInput("rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId"))
                .isEqualTo(auditKey().output("arn").orElseThrow());
    }

    @Test
    void theRetentionAndLockModeComeFromConfig() {
        var plan = BootstrapPlans.of(Map.of(BootstrapSettings.AUDIT_KEY,
                "{\"bucketName\":\"naas-audit-test\",\"retentionDays\":2557,\"lockMode\":\"COMPLIANCE\",\"expireAfterDays\":3653}"));
        var lock = plan.ofType("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2").get(0);
        assertThat(lock.requireInput("bucket")).isEqualTo("naas-audit-test");
        assertThat(lock.requireInput("rule.defaultRetention.days")).isEqualTo(2557L);
        assertThat(lock.requireInput("rule.defaultRetention.mode")).isEqualTo("COMPLIANCE");
        var lifecycle = plan.ofType("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2").get(0);
        assertThat(lifecycle.requireInput("rules.0.expiration.days")).isEqualTo(3653L);
    }

    @Test
    void noPublicAccessAclsDisabledAndLogsAgeIntoCheaperStorage() {
        var block = forBucket("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
        for (String setting : List.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")) {
            assertThat(block.requireInput(setting)).as(setting).isEqualTo(true);
        }
        assertThat(forBucket("aws:s3/bucketOwnershipControls:BucketOwnershipControls").requireInput("rule.objectOwnership"))
                .isEqualTo("BucketOwnerEnforced");
        var rule = forBucket("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2");
        assertThat(rule.requireInput("rules.0.status")).isEqualTo("Enabled");
        assertThat(rule.requireInput("rules.0.transitions.0.storageClass")).isEqualTo("STANDARD_IA");
        assertThat(rule.requireInput("rules.0.transitions.0.days")).isEqualTo(90L);
        assertThat(rule.requireInput("rules.0.transitions.1.storageClass")).isEqualTo("GLACIER");
        assertThat(rule.requireInput("rules.0.transitions.1.days")).isEqualTo(365L);
        assertThat(rule.input("rules.0.expiration")).as("kept unless configured").isEmpty();
    }

    @Test
    void theBucketPolicyLetsCloudTrailWriteOnlyForThisTrailIntoThisAccountsPrefixAndOnlyOverTls() {
        var policy = forBucket("aws:s3/bucketPolicy:BucketPolicy");
        Object document = policy.requireInput("policy");
        String bucketArn = "arn:aws:s3:::" + auditBucket().requireInput("bucket");
        var write = statement(document, "AWSCloudTrailWrite");
        assertThat(write.path("Principal").path("Service").asText()).isEqualTo("cloudtrail.amazonaws.com");
        assertThat(texts(write.path("Action"))).containsExactly("s3:PutObject");
        assertThat(texts(write.path("Resource"))).containsExactly(bucketArn + "/AWSLogs/" + ACCOUNT + "/*");
        assertThat(write.path("Condition").path("StringEquals").path("aws:SourceArn").asText()).isEqualTo(trailArn());
        assertThat(write.path("Condition").path("StringEquals").path("s3:x-amz-acl").asText()).isEqualTo("bucket-owner-full-control");
        var acl = statement(document, "AWSCloudTrailAclCheck");
        assertThat(texts(acl.path("Resource"))).containsExactly(bucketArn);
        assertThat(acl.path("Condition").path("StringEquals").path("aws:SourceArn").asText()).isEqualTo(trailArn());
        var tls = statement(document, "DenyInsecureTransport");
        assertThat(tls.path("Effect").asText()).isEqualTo("Deny");
        assertThat(tls.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
        assertThat(plan.waitsFor(trail(), policy)).as("CloudTrail checks the bucket policy when the trail is created").isTrue();
    }

    @Test
    void theTrailAlsoDeliversToAnEncryptedLogGroupThroughARoleOnlyThisTrailCanAssume() {
        var logGroup = plan.ofType("aws:cloudwatch/logGroup:LogGroup").stream()
                .filter(g -> (g.output("arn").orElseThrow() + ":*").equals(trail().requireInput("cloudWatchLogsGroupArn")))
                .findFirst().orElseThrow(() -> new AssertionError("the trail's log group is not in the plan"));
        assertThat(logGroup.requireInput("kmsKeyId")).isEqualTo(auditKey().output("arn").orElseThrow());
        assertThat(logGroup.requireInput("retentionInDays")).isEqualTo(365L);
        var logs = statement(auditKey().requireInput("policy"), "AllowCloudWatchLogsForTheTrailsLogGroup");
        assertThat(logs.path("Principal").path("Service").asText()).isEqualTo("logs.eu-west-3.amazonaws.com");
        assertThat(logs.path("Condition").path("ArnEquals").path("kms:EncryptionContext:aws:logs:arn").asText())
                .isEqualTo(logGroup.output("arn").orElseThrow());

        var role = plan.ofType("aws:iam/role:Role").stream()
                .filter(r -> r.output("arn").orElseThrow().equals(trail().requireInput("cloudWatchLogsRoleArn"))).findFirst().orElseThrow();
        var trust = BootstrapPlans.statements(role.requireInput("assumeRolePolicy")).get(0);
        assertThat(trust.path("Principal").path("Service").asText()).isEqualTo("cloudtrail.amazonaws.com");
        assertThat(trust.path("Condition").path("StringEquals").path("aws:SourceArn").asText()).isEqualTo(trailArn());
        var delivery = plan.ofType("aws:iam/rolePolicy:RolePolicy").stream()
                .filter(p -> p.requireInput("role").equals(role.output("name").orElseThrow())).toList();
        assertThat(delivery).hasSize(1);
        var write = BootstrapPlans.statements(delivery.get(0).requireInput("policy"));
        assertThat(write).hasSize(1);
        assertThat(texts(write.get(0).path("Action"))).containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
        assertThat(texts(write.get(0).path("Resource"))).containsExactly(logGroup.output("arn").orElseThrow() + ":log-stream:*");
    }
}
