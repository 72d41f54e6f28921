package ai.naas.aws.environments;

import ai.naas.aws.platform.AppCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.Map;

/** A section of a stack file with some fields changed: the overrides the operations tests plan with. */
final class OperationsConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OperationsConfig() {
    }

    /** The raw value of {@code key} in the stack file, as the Pulumi CLI passes it. */
    static String section(String stack, String key) {
        var file = StackFile.read(Path.of("Pulumi." + stack + ".yaml"), stack,
                StackSettings.knownKeys(AppCatalog.discover()));
        return file.values().getOrDefault(key, "{}");
    }

    /** {@code key}'s section of the stack file with {@code fields} set (a JSON value each), as one override. */
    static Map<String, String> with(String stack, String key, Map<String, String> fields) {
        try {
            var node = (ObjectNode) JSON.readTree(section(stack, key));
            for (var field : fields.entrySet()) {
                JsonNode value = JSON.readTree(field.getValue());
                node.set(field.getKey(), value);
            }
            return Map.of(key, JSON.writeValueAsString(node));
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot edit " + key + " of " + stack, e);
        }
    }
}
