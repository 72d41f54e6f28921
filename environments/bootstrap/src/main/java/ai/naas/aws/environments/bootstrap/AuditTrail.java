package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.cloudtrail.Trail;
import com.pulumi.aws.cloudtrail.TrailArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketObjectLockConfigurationV2;
import com.pulumi.aws.s3.BucketObjectLockConfigurationV2Args;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleTransitionArgs;
import com.pulumi.aws.s3.inputs.BucketObjectLockConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketObjectLockConfigurationV2RuleDefaultRetentionArgs;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * The account's audit trail: one multi-region CloudTrail trail with the global services' events (IAM, STS,
 * CloudFront are logged in us-east-1 only) and log file validation (a signed digest per hour, so a deleted
 * or edited log file shows), encrypted with the account's audit key, delivered to
 * <ul>
 *   <li>its own S3 bucket: versioned, S3 Object Lock with a default retention (log files cannot be deleted
 *   or overwritten before it ends, even by the account's administrators in COMPLIANCE mode), TLS only, no
 *   public access, ACLs disabled, moved to cheaper storage classes as it ages; the bucket policy lets
 *   CloudTrail write only for this trail ({@code aws:SourceArn}), into this account's prefix;</li>
 *   <li>a CloudWatch log group, encrypted with the same key, which the CIS alarms read
 *   ({@link AccountAlarms}), through a role only CloudTrail, for this trail, can assume.</li>
 * </ul>
 * The bucket and the key are protected: losing either loses the account's history.
 */
public final class AuditTrail extends ComponentResource {

    /**
     * @param settings     the bucket, retention and lifecycle, validated
     * @param accountId    the account
     * @param region       the trail's home region
     * @param keyArn       the account's audit key ({@link AccountKey})
     * @param trailName    the trail's name, which the key policy names
     * @param logGroupName the log group's name, which the key policy names
     */
    public record Args(AuditSettings settings, Output<String> accountId, String region, Output<String> keyArn,
                       String trailName, String logGroupName) {
    }

    private final BucketV2 bucket;
    private final LogGroup logGroup;
    private final Trail trail;

    public AuditTrail(String name, Args args, ComponentResourceOptions options) {
        super("naas:bootstrap:AuditTrail", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var settings = args.settings();
        String bucketName = settings.bucketName();
        var trailArn = AccountKey.trailArn(args.accountId(), args.region(), args.trailName());

        // Object Lock can only be turned on when the bucket is created.
        this.bucket = new BucketV2(bucketName, BucketV2Args.builder()
                .bucket(bucketName)
                .objectLockEnabled(true)
                .build(), CustomResourceOptions.builder().parent(this).protect(true).build());
        var versioning = new BucketVersioningV2(bucketName + "-versioning", BucketVersioningV2Args.builder()
                .bucket(bucket.bucket())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
                .build(), child);
        new BucketObjectLockConfigurationV2(bucketName + "-object-lock", BucketObjectLockConfigurationV2Args.builder()
                .bucket(bucket.bucket())
                .rule(BucketObjectLockConfigurationV2RuleArgs.builder()
                        .defaultRetention(BucketObjectLockConfigurationV2RuleDefaultRetentionArgs.builder()
                                .mode(settings.lockMode())
                                .days(settings.retentionDays())
                                .build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(versioning).build());
        new BucketServerSideEncryptionConfigurationV2(bucketName + "-encryption",
                BucketServerSideEncryptionConfigurationV2Args.builder()
                        .bucket(bucket.bucket())
                        .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                                .applyServerSideEncryptionByDefault(
                                        BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder()
                                                .sseAlgorithm("aws:kms")
                                                .kmsMasterKeyId(args.keyArn())
                                                .build())
                                .bucketKeyEnabled(true)
                                .build())
                        .build(), child);
        new BucketLifecycleConfigurationV2(bucketName + "-lifecycle", BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.bucket())
                .rules(lifecycle(settings))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(versioning).build());
        var publicAccessBlock = new BucketPublicAccessBlock(bucketName + "-public-access", BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true)
                .blockPublicPolicy(true)
                .ignorePublicAcls(true)
                .restrictPublicBuckets(true)
                .build(), child);
        var ownership = new BucketOwnershipControls(bucketName + "-ownership", BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build())
                .build(), child);
        // S3 rejects concurrent changes to one bucket's configuration (OperationAborted): the policy goes last.
        var bucketPolicy = new BucketPolicy(bucketName + "-policy", BucketPolicyArgs.builder()
                .bucket(bucket.id())
                .policy(bucketPolicy(bucket.arn(), args.accountId(), trailArn).toJson())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(publicAccessBlock, ownership).build());

        this.logGroup = new LogGroup(name + "-logs", LogGroupArgs.builder()
                .name(args.logGroupName())
                .retentionInDays(settings.logRetentionDays())
                .kmsKeyId(args.keyArn())
                .build(), child);
        var role = new Role(name + "-to-logs", RoleArgs.builder()
                .name("naas-cloudtrail-to-logs")
                .description("CloudTrail delivers trail " + args.trailName() + " to log group " + args.logGroupName())
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                        .by("Service", "cloudtrail.amazonaws.com")
                        .when("StringEquals", "aws:SourceArn", trailArn)
                        .withSid("OnlyThisTrail")).toJson())
                .build(), child);
        var delivery = new RolePolicy(name + "-to-logs", RolePolicyArgs.builder()
                .role(role.name())
                .name("write-trail-log-group")
                .policy(PolicyDocument.of(Statement.allow("logs:CreateLogStream", "logs:PutLogEvents")
                        .on(logGroup.arn().applyValue(arn -> arn + ":log-stream:*"))
                        .withSid("WriteTheTrailsLogStreams")).toJson())
                .build(), child);

        // CloudTrail checks the bucket policy and the role when the trail is created or changed.
        this.trail = new Trail(name, TrailArgs.builder()
                .name(args.trailName())
                .s3BucketName(bucket.bucket())
                .kmsKeyId(args.keyArn())
                .isMultiRegionTrail(true)
                .includeGlobalServiceEvents(true)
                .enableLogFileValidation(true)
                .enableLogging(true)
                // CloudTrail wants the log group's ARN with the ":*" of its streams.
                .cloudWatchLogsGroupArn(logGroup.arn().applyValue(arn -> arn + ":*"))
                .cloudWatchLogsRoleArn(role.arn())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(bucketPolicy, delivery).build());
        registerOutputs(Map.of("trailArn", trail.arn(), "bucketName", bucket.bucket(), "logGroupName", logGroup.name()));
    }

    /** Current log files to Standard-IA, then Glacier, then (if set) deleted; old versions likewise. */
    private static BucketLifecycleConfigurationV2RuleArgs lifecycle(AuditSettings settings) {
        var rule = BucketLifecycleConfigurationV2RuleArgs.builder()
                .id("age-into-cheaper-storage")
                .status("Enabled")
                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                .transitions(
                        BucketLifecycleConfigurationV2RuleTransitionArgs.builder()
                                .days(settings.infrequentAccessAfterDays()).storageClass("STANDARD_IA").build(),
                        BucketLifecycleConfigurationV2RuleTransitionArgs.builder()
                                .days(settings.glacierAfterDays()).storageClass("GLACIER").build());
        if (settings.expireAfterDays() != null) {
            rule.expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                    .days(settings.expireAfterDays()).build());
        }
        return rule.build();
    }

    /** AWS's CloudTrail bucket policy, held to this trail, plus TLS only. */
    static PolicyDocument bucketPolicy(Output<String> bucketArn, Output<String> accountId, Output<String> trailArn) {
        return PolicyDocument.of(
                Statement.deny("s3:*")
                        .on(bucketArn, bucketArn.applyValue(arn -> arn + "/*"))
                        .by("AWS", "*")
                        .when("Bool", "aws:SecureTransport", "false")
                        .withSid("DenyInsecureTransport"),
                Statement.allow("s3:GetBucketAcl").on(bucketArn)
                        .by("Service", "cloudtrail.amazonaws.com")
                        .when("StringEquals", "aws:SourceArn", trailArn)
                        .withSid("AWSCloudTrailAclCheck"),
                Statement.allow("s3:PutObject")
                        .on(Output.tuple(bucketArn, accountId).applyValue(t -> t.t1 + "/AWSLogs/" + t.t2 + "/*"))
                        .by("Service", "cloudtrail.amazonaws.com")
                        .when("StringEquals", "s3:x-amz-acl", "bucket-owner-full-control")
                        .when("StringEquals", "aws:SourceArn", trailArn)
                        .withSid("AWSCloudTrailWrite"));
    }

    /** The trail's ARN. */
    public Output<String> trailArn() {
        return trail.arn();
    }

    /** The trail's log group name: what the metric filters read. */
    public Output<String> logGroupName() {
        return logGroup.name();
    }

    /** The bucket's name. */
    public Output<String> bucketName() {
        return bucket.bucket();
    }
}
