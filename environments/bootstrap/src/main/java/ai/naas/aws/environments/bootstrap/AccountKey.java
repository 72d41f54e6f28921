package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * The account's audit key: one rotating, protected KMS key that encrypts the CloudTrail log files, the
 * trail's CloudWatch log group and the alert topic. Its policy names the services that use it, each held to
 * this account's resources (no confused deputy): CloudTrail only for this trail ({@code aws:SourceArn}, and
 * the encryption context of this account's trails, as AWS's CloudTrail key policy does); CloudWatch Logs only
 * for this log group (encryption context {@code aws:logs:arn}); CloudWatch alarms and EventBridge, which
 * publish to the encrypted topic, with the two actions SNS needs for them (the topic's policy limits who may
 * publish to this account's alarms and the GuardDuty rule). Everything else goes
 * through IAM (the account root statement), as with AWS's default key policy.
 */
public final class AccountKey extends ComponentResource {

    /**
     * @param accountId    the account
     * @param region       the key's region, where the trail's home, the bucket, the log group and the topic are
     * @param trailName    the trail that may encrypt with it
     * @param logGroupName the log group that may encrypt with it
     */
    public record Args(Output<String> accountId, String region, String trailName, String logGroupName) {
    }

    /** The key's alias. */
    public static final String ALIAS = "alias/naas-account-audit";

    private final Key key;

    public AccountKey(String name, Args args, ComponentResourceOptions options) {
        super("naas:bootstrap:AccountKey", name, options);
        this.key = new Key(name, KeyArgs.builder()
                .description("naas account: CloudTrail logs, their log group and the alert topic")
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .policy(policy(args).toJson())
                .build(), CustomResourceOptions.builder().parent(this).protect(true).build());
        new Alias(name, AliasArgs.builder().name(ALIAS).targetKeyId(key.keyId()).build(),
                CustomResourceOptions.builder().parent(this).build());
        registerOutputs(Map.of("arn", key.arn()));
    }

    /** The ARN CloudTrail gives the trail {@code trailName} of this account: what its conditions compare with. */
    static Output<String> trailArn(Output<String> accountId, String region, String trailName) {
        return accountId.applyValue(id -> "arn:aws:cloudtrail:" + region + ":" + id + ":trail/" + trailName);
    }

    private static PolicyDocument policy(Args args) {
        var account = args.accountId();
        var trail = trailArn(account, args.region(), args.trailName());
        return PolicyDocument.of(
                Statement.allow("kms:*").on("*")
                        .by("AWS", account.applyValue(id -> "arn:aws:iam::" + id + ":root"))
                        .withSid("EnableIamPoliciesOfTheAccount"),
                Statement.allow("kms:GenerateDataKey*").on("*")
                        .by("Service", "cloudtrail.amazonaws.com")
                        .when("StringEquals", "aws:SourceArn", trail)
                        .when("StringLike", "kms:EncryptionContext:aws:cloudtrail:arn",
                                account.applyValue(id -> "arn:aws:cloudtrail:*:" + id + ":trail/*"))
                        .withSid("AllowCloudTrailToEncryptLogs"),
                Statement.allow("kms:DescribeKey").on("*")
                        .by("Service", "cloudtrail.amazonaws.com")
                        .when("StringEquals", "aws:SourceArn", trail)
                        .withSid("AllowCloudTrailToDescribeKey"),
                Statement.allow("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*")
                        .on("*")
                        .by("Service", "logs." + args.region() + ".amazonaws.com")
                        .when("ArnEquals", "kms:EncryptionContext:aws:logs:arn", account.applyValue(id ->
                                "arn:aws:logs:" + args.region() + ":" + id + ":log-group:" + args.logGroupName()))
                        .withSid("AllowCloudWatchLogsForTheTrailsLogGroup"),
                // As AWS documents it for alarms and EventBridge targets on an encrypted topic: no condition
                // (SNS makes these calls for them); who may publish at all is the topic policy's business.
                Statement.allow("kms:GenerateDataKey*", "kms:Decrypt").on("*")
                        .by("Service", List.of("cloudwatch.amazonaws.com", "events.amazonaws.com"))
                        .withSid("AllowAlarmsAndEventsToPublishToTheEncryptedTopic"));
    }

    /** The key's ARN. */
    public Output<String> arn() {
        return key.arn();
    }
}
