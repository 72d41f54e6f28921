package ai.naas.aws.infra.iam;

import ai.naas.aws.config.InvalidSetting;
import com.pulumi.core.Output;

/**
 * How the stack's IAM roles are bounded: config key {@code naas:iam}.
 *
 * @param permissionsBoundary the ARN of the managed policy every IAM role of the stack carries as its permissions
 *                            boundary ({@link RoleBoundary}); the stack's deploy role may create no role without
 *                            it. An IAM policy ARN, {@code arn:aws:iam::<12 digits>:policy/<name>}.
 *                            @default the bootstrap's {@code naas-<stack>-boundary} in the stack's account
 */
public record IamSettings(String permissionsBoundary) {

    /** The config key of this section. */
    public static final String KEY = "naas:iam";

    private static final String POLICY_ARN = "arn:aws(-[a-z]+)*:iam::\\d{12}:policy/[\\w+=,.@/-]{1,128}";

    public IamSettings {
        if (permissionsBoundary != null && !permissionsBoundary.matches(POLICY_ARN)) {
            throw new InvalidSetting("permissionsBoundary", "must be an IAM policy ARN like "
                    + "arn:aws:iam::123456789012:policy/naas-dev-boundary, got '" + permissionsBoundary + "'");
        }
    }

    /** Every field at its default. */
    public static IamSettings defaults() {
        return new IamSettings(null);
    }

    /** The boundary of {@code stack}'s roles: the one set, or the bootstrap's in the account {@code accountId}. */
    public RoleBoundary boundary(Output<String> accountId, String stack) {
        return permissionsBoundary != null ? new RoleBoundary(Output.of(permissionsBoundary)) : RoleBoundary.of(accountId, stack);
    }
}
