package ai.naas.aws.platform.spi;

import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        var keys = new ArrayList<>(entries.keySet());
        return Output.all(new ArrayList<>(entries.values())).applyValue(values -> {
            Map<String, String> data = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                data.put(keys.get(i), values.get(i));
            }
            return data;
        }).asSecret();
    }
}
