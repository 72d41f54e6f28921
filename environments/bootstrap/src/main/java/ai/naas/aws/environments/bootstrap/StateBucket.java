package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
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
 * The S3 bucket that holds the Pulumi state of every stack of the account ({@code pulumi login s3://...}).
 *
 * <p>Losing it loses track of every resource, so: Pulumi refuses to delete the bucket and its key
 * ({@code protect}); versioning keeps every earlier state file (a bad {@code pulumi up} or a deleted stack
 * can be rolled back); objects are encrypted with a dedicated, rotating KMS key (reading state needs
 * {@code kms:Decrypt} on it, not only S3 access); no public access of any kind; ACLs disabled
 * (bucket owner owns every object); and the bucket policy refuses any request not made over TLS.
 */
public final class StateBucket extends ComponentResource {

    /**
     * @param bucketName the bucket's global name, validated by {@link AccountSettings}
     */
    public record Args(String bucketName) {
    }

    private final BucketV2 bucket;
    private final Key key;

    public StateBucket(String name, Args args, ComponentResourceOptions options) {
        super("naas:bootstrap:StateBucket", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var protectedChild = CustomResourceOptions.builder().parent(this).protect(true).build();

        this.key = new Key(name + "-key", KeyArgs.builder()
                .description("naas: Pulumi state bucket " + args.bucketName())
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .build(), protectedChild);
        new Alias(name + "-key", AliasArgs.builder()
                .name("alias/naas-pulumi-state")
                .targetKeyId(key.keyId())
                .build(), child);

        // Logical name = bucket name: the bucket is addressed by its name everywhere.
        this.bucket = new BucketV2(args.bucketName(), BucketV2Args.builder()
                .bucket(args.bucketName())
                .build(), protectedChild);

        new BucketVersioningV2(args.bucketName() + "-versioning", BucketVersioningV2Args.builder()
                .bucket(bucket.bucket())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
                .build(), child);
        new BucketServerSideEncryptionConfigurationV2(args.bucketName() + "-encryption",
                BucketServerSideEncryptionConfigurationV2Args.builder()
                        .bucket(bucket.bucket())
                        .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                                .applyServerSideEncryptionByDefault(
                                        BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder()
                                                .sseAlgorithm("aws:kms")
                                                .kmsMasterKeyId(key.arn())
                                                .build())
                                // One data key per bucket rather than per object: fewer KMS calls, same key.
                                .bucketKeyEnabled(true)
                                .build())
                        .build(), child);
        var publicAccessBlock = new BucketPublicAccessBlock(args.bucketName() + "-public-access",
                BucketPublicAccessBlockArgs.builder()
                        .bucket(bucket.id())
                        .blockPublicAcls(true)
                        .blockPublicPolicy(true)
                        .ignorePublicAcls(true)
                        .restrictPublicBuckets(true)
                        .build(), child);
        var ownership = new BucketOwnershipControls(args.bucketName() + "-ownership", BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build())
                .build(), child);
        // S3 rejects concurrent changes to one bucket's configuration (OperationAborted): the policy goes last.
        new BucketPolicy(args.bucketName() + "-tls-only", BucketPolicyArgs.builder()
                .bucket(bucket.id())
                .policy(tlsOnly(bucket.arn()).toJson())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(publicAccessBlock, ownership).build());

        registerOutputs(Map.of("bucketName", bucket.bucket(), "keyArn", key.arn()));
    }

    /** Denies every request to the bucket and its objects that is not made over TLS. */
    static PolicyDocument tlsOnly(Output<String> bucketArn) {
        return PolicyDocument.of(Statement.deny("s3:*")
                .on(bucketArn, bucketArn.applyValue(arn -> arn + "/*"))
                .by("AWS", "*")
                .when("Bool", "aws:SecureTransport", "false")
                .withSid("DenyInsecureTransport"));
    }

    /** The bucket's name. */
    public Output<String> bucketName() {
        return bucket.bucket();
    }

    /** The bucket's ARN. */
    public Output<String> bucketArn() {
        return bucket.arn();
    }

    /** The ARN of the KMS key that encrypts the state files. */
    public Output<String> keyArn() {
        return key.arn();
    }
}
