package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.ebs.DefaultKmsKey;
import com.pulumi.aws.ebs.DefaultKmsKeyArgs;
import com.pulumi.aws.ebs.EncryptionByDefault;
import com.pulumi.aws.ebs.EncryptionByDefaultArgs;
import com.pulumi.aws.ec2.InstanceMetadataDefaults;
import com.pulumi.aws.ec2.InstanceMetadataDefaultsArgs;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.s3.AccountPublicAccessBlock;
import com.pulumi.aws.s3.AccountPublicAccessBlockArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * Account defaults that make the safe choice the default one, so that a resource someone creates by hand
 * or with another tool is safe too:
 * <ul>
 *   <li>S3's account-level public access block: no bucket of the account can be made public;</li>
 *   <li>in each region a stack uses: EBS encryption by default, with a key of the account in that region
 *   (KMS keys are regional), and IMDSv2 required for new instances, with the configured hop limit.</li>
 * </ul>
 * Every region but the bootstrap's own gets its own provider: both EBS settings and the metadata defaults
 * are per region.
 */
public final class Guardrails extends ComponentResource {

    /**
     * @param settings  the regions and the hop limit, validated
     * @param home      the bootstrap's region (the default provider's)
     * @param accountId the account
     */
    public record Args(GuardrailSettings settings, String home, Output<String> accountId) {
    }

    /** The alias of each region's default EBS key. */
    public static final String EBS_KEY_ALIAS = "alias/naas-ebs-default";

    public Guardrails(String name, Args args, ComponentResourceOptions options) {
        super("naas:bootstrap:Guardrails", name, options);
        new AccountPublicAccessBlock(name + "-s3-public-access", AccountPublicAccessBlockArgs.builder()
                .blockPublicAcls(true)
                .blockPublicPolicy(true)
                .ignorePublicAcls(true)
                .restrictPublicBuckets(true)
                .build(), CustomResourceOptions.builder().parent(this).build());
        for (String region : args.settings().regionsWith(args.home())) {
            var in = CustomResourceOptions.builder().parent(this);
            if (!region.equals(args.home())) {
                in.provider(new Provider("aws-" + region, ProviderArgs.builder().region(region).build(),
                        CustomResourceOptions.builder().parent(this).build()));
            }
            var child = in.build();
            var key = new Key(name + "-ebs-" + region, KeyArgs.builder()
                    .description("naas account: default EBS encryption in " + region)
                    .enableKeyRotation(true)
                    .deletionWindowInDays(30)
                    .policy(ebsKeyPolicy(args.accountId(), region).toJson())
                    .build(), CustomResourceOptions.merge(child, CustomResourceOptions.builder().protect(true).build()));
            new Alias(name + "-ebs-" + region, AliasArgs.builder().name(EBS_KEY_ALIAS).targetKeyId(key.keyId()).build(), child);
            new EncryptionByDefault(name + "-ebs-" + region, EncryptionByDefaultArgs.builder().enabled(true).build(), child);
            new DefaultKmsKey(name + "-ebs-" + region, DefaultKmsKeyArgs.builder().keyArn(key.arn()).build(), child);
            new InstanceMetadataDefaults(name + "-imds-" + region, InstanceMetadataDefaultsArgs.builder()
                    .httpTokens("required")
                    .httpEndpoint("enabled")
                    .httpPutResponseHopLimit(args.settings().imdsHopLimit())
                    .build(), child);
        }
        registerOutputs(Map.of());
    }

    /**
     * The account administers the key through IAM; anything in the account may use it through EC2 in its
     * region (as AWS's own {@code aws/ebs} key allows): an instance launched by Auto Scaling or EKS uses it as
     * the Auto Scaling service-linked role, which a key policy could not name before the role exists.
     */
    static PolicyDocument ebsKeyPolicy(Output<String> accountId, String region) {
        return PolicyDocument.of(
                Statement.allow("kms:*").on("*")
                        .by("AWS", accountId.applyValue(id -> "arn:aws:iam::" + id + ":root"))
                        .withSid("EnableIamPoliciesOfTheAccount"),
                Statement.allow("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                                "kms:DescribeKey", "kms:CreateGrant").on("*")
                        .by("AWS", "*")
                        .when("StringEquals", "kms:ViaService", "ec2." + region + ".amazonaws.com")
                        .when("StringEquals", "kms:CallerAccount", accountId)
                        .withSid("AllowUseThroughEc2InThisAccount"));
    }
}
