package ai.naas.aws.infra.security;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.iam.ServiceLinkedRole;
import com.pulumi.aws.iam.ServiceLinkedRoleArgs;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One customer-managed KMS key per {@link KeyPurpose}, rotating yearly, protected from deletion by Pulumi,
 * with an alias {@code alias/<name>-<purpose>}.
 *
 * <p>Key policies: the account administers the key through IAM (the AWS default, so IAM policies decide
 * who may use it), and the AWS services that act on the stack's behalf get exactly what they need, only
 * when they call through that service in this account.
 */
public final class EncryptionKeys extends ComponentResource {

    private final Map<KeyPurpose, Key> keys = new EnumMap<>(KeyPurpose.class);

    /**
     * @param name prefix of the aliases, e.g. {@code naas-prod}
     */
    public EncryptionKeys(String name, Args args, ComponentResourceOptions options) {
        super("naas:infra:EncryptionKeys", name, options);
        var accountId = args.accountId();
        var region = args.region();
        // The disks key names Auto Scaling's service-linked role; KMS refuses a policy naming a principal that
        // does not exist, and AWS creates that role only with the account's first Auto Scaling group. So the
        // stack creates it first and the key waits for it. Kept on destroy: other groups of the account use it.
        // In an account that has it already, adopt it once: pulumi import aws:iam/serviceLinkedRole:ServiceLinkedRole
        // <name>-autoscaling arn:aws:iam::<account>:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling
        var autoScaling = new ServiceLinkedRole(name + "-autoscaling", ServiceLinkedRoleArgs.builder()
                .awsServiceName("autoscaling.amazonaws.com")
                .build(), CustomResourceOptions.builder().parent(this).retainOnDelete(true).build());
        for (var purpose : KeyPurpose.values()) {
            var key = new Key(name + "-" + purpose.slug(), KeyArgs.builder()
                    .description("naas " + name + ": " + purpose.description())
                    .enableKeyRotation(true)
                    .deletionWindowInDays(30)
                    .policy(policy(purpose, accountId, region, autoScaling.arn()).toJson())
                    .build(), CustomResourceOptions.builder().parent(this).protect(true)
                    .dependsOn(purpose == KeyPurpose.DISKS ? List.of(autoScaling) : List.of()).build());
            new Alias(name + "-" + purpose.slug(), AliasArgs.builder()
                    .name("alias/" + name + "-" + purpose.slug())
                    .targetKeyId(key.keyId())
                    .build(), CustomResourceOptions.builder().parent(this).build());
            keys.put(purpose, key);
        }
        registerOutputs(Map.of());
    }

    private static PolicyDocument policy(KeyPurpose purpose, Output<String> accountId, String region,
                                         Output<String> autoScalingRoleArn) {
        var statements = new ArrayList<Statement>();
        statements.add(Statement.allow("kms:*").on("*")
                .by("AWS", accountId.applyValue(id -> "arn:aws:iam::" + id + ":root"))
                .withSid("AccountAdministersThroughIam"));
        statements.addAll(switch (purpose) {
            case CLUSTER_SECRETS -> viaService("eks", accountId, region);
            case FILE_SYSTEM -> viaService("elasticfilesystem", accountId, region);
            case DATABASE -> List.of(viaService("rds", accountId, region).get(0),
                    viaService("secretsmanager", accountId, region).get(0));
            // Auto Scaling launches encrypted volumes with its service-linked role, which must be able to
            // use the key; without this statement, nodes fail to launch. These are the two statements of AWS's
            // "Required AWS KMS key policy for use with encrypted volumes" (EC2 Auto Scaling User Guide).
            case DISKS -> List.of(
                    Statement.allow("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                                    "kms:DescribeKey").on("*")
                            .by("AWS", autoScalingRoleArn).withSid("AutoScalingUsesKeyForVolumes"),
                    Statement.allow("kms:CreateGrant").on("*")
                            .by("AWS", autoScalingRoleArn)
                            .when("Bool", "kms:GrantIsForAWSResource", "true")
                            .withSid("AutoScalingGrantsForVolumes"));
            // CloudWatch Logs encrypts with the key itself (its regional service principal), and only for log
            // groups of this account and region: the encryption context names the log group.
            case LOGS -> List.of(Statement.allow("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*",
                            "kms:GenerateDataKey*", "kms:Describe*").on("*")
                    .by("Service", "logs." + region + ".amazonaws.com")
                    .when("ArnLike", "kms:EncryptionContext:aws:logs:arn",
                            accountId.applyValue(id -> "arn:aws:logs:" + region + ":" + id + ":log-group:*"))
                    .withSid("CloudWatchLogsEncryptsLogGroupsOfThisAccount"));
            // CloudWatch alarms publish to the encrypted topic as the CloudWatch service, not as a principal
            // of the account, so kms:ViaService cannot admit them: the service itself is named.
            case ALERTS -> List.of(viaService("sns", accountId, region).get(0),
                    Statement.allow("kms:Decrypt", "kms:GenerateDataKey*").on("*")
                            .by("Service", "cloudwatch.amazonaws.com")
                            .when("StringEquals", "aws:SourceAccount", accountId)
                            .withSid("CloudWatchAlarmsPublish"));
            case BACKUPS -> viaService("backup", accountId, region);
            // Only the image cache's repository-creation role uses it, through IAM (ImageCache), and ECR through
            // the grants it makes on each repository it creates with that role: nothing beyond the account.
            case IMAGES -> List.of();
        });
        return PolicyDocument.of(statements);
    }

    /** Principals of the account may use the key, but only through {@code service} in this region. */
    private static List<Statement> viaService(String service, Output<String> accountId, String region) {
        return List.of(Statement.allow("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                        "kms:CreateGrant", "kms:DescribeKey").on("*")
                .by("AWS", "*")
                .when("StringEquals", "kms:ViaService", service + "." + region + ".amazonaws.com")
                .when("StringEquals", "kms:CallerAccount", accountId)
                .withSid("UseThrough" + Character.toUpperCase(service.charAt(0)) + service.substring(1)));
    }

    /** The key's ARN. */
    public Output<String> arn(KeyPurpose purpose) {
        return keys.get(purpose).arn();
    }

    /**
     * Where the keys live.
     *
     * @param accountId the AWS account the stack deploys to
     * @param region    the stack's region
     */
    public record Args(Output<String> accountId, String region) {
    }
}
