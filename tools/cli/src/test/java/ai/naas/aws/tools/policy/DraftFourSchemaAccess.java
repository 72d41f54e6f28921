package ai.naas.aws.tools.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** {@link DraftFourSchema} for tests outside this package. */
public final class DraftFourSchemaAccess {

    private DraftFourSchemaAccess() {
    }

    public static List<String> errors(JsonNode schema, JsonNode document) {
        return new DraftFourSchema(schema).errors(document);
    }
}
