package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.infra.iam.RoleBoundary;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One KMS key per naas stack, the stack's Pulumi secrets provider: {@code Pulumi.<stack>.yaml} names it as
 * {@code secretsprovider: awskms://alias/naas-<stack>-secrets?region=<region>}, and it encrypts that stack's
 * {@code secure:} config values and the secrets in its state.
 *
 * <p>One key per stack, so that whoever may deploy {@code dev} cannot read {@code prod}'s secrets. Each key
 * rotates yearly and is protected: deleting it would make the stack's secrets unreadable for good. The keys
 * keep AWS's default key policy (the account administers and uses the key through IAM), so IAM policies
 * such as {@link CiRoles}' decide who may use it. Each key is tagged {@code naas:stack: <stack>}, so the other
 * stacks' permissions boundaries refuse it as they refuse every resource of another stack.
 */
public final class StackSecretsKeys extends ComponentResource {

    /**
     * @param stacks the stacks to create a key for, validated by {@link AccountSettings}
     */
    public record Args(List<String> stacks) {
        public Args {
            stacks = List.copyOf(stacks);
        }
    }

    private final Map<String, Key> keys = new LinkedHashMap<>();

    public StackSecretsKeys(String name, Args args, ComponentResourceOptions options) {
        super("naas:bootstrap:StackSecretsKeys", name, options);
        for (String stack : args.stacks()) {
            String label = "naas-" + stack + "-secrets";
            var key = new Key(label, KeyArgs.builder()
                    .description("naas " + stack + ": Pulumi secrets provider of stack " + stack)
                    .enableKeyRotation(true)
                    .deletionWindowInDays(30)
                    // The stack's own key: every other stack's permissions boundary refuses resources so tagged.
                    .tags(Map.of(RoleBoundary.STACK_TAG, stack))
                    .build(), CustomResourceOptions.builder().parent(this).protect(true).build());
            new Alias(label, AliasArgs.builder()
                    .name(aliasName(stack))
                    .targetKeyId(key.keyId())
                    .build(), CustomResourceOptions.builder().parent(this).build());
            keys.put(stack, key);
        }
        registerOutputs(Map.of());
    }

    /** The alias a stack's secrets provider names, e.g. {@code alias/naas-prod-secrets}. */
    public static String aliasName(String stack) {
        return "alias/naas-" + stack + "-secrets";
    }

    /** The {@code secretsprovider} of {@code Pulumi.<stack>.yaml}, e.g. {@code awskms://alias/naas-prod-secrets?region=eu-west-3}. */
    public static String secretsProvider(String stack, String region) {
        return "awskms://" + aliasName(stack) + "?region=" + region;
    }

    /** Every stack's key ARN, in stack order. */
    public Map<String, Output<String>> keyArns() {
        var arns = new LinkedHashMap<String, Output<String>>();
        keys.forEach((stack, key) -> arns.put(stack, key.arn()));
        return Collections.unmodifiableMap(arns);
    }
}
