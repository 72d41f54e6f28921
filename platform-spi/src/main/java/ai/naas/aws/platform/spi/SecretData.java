package ai.naas.aws.platform.spi;

import ai.naas.aws.support.Outputs;
import com.pulumi.core.Output;

import java.util.Map;

/**
 * The {@code stringData} of a Kubernetes Secret built from secret Outputs, kept secret as a whole: its
 * values never reach a plan, a preview or Pulumi's state in plain text.
 */
public final class SecretData {

    private SecretData() {
    }

    /** One secret map from named Outputs, in the given order. */
    public static Output<Map<String, String>> of(Map<String, Output<String>> entries) {
        return Outputs.allOf(entries).asSecret();
    }
}
