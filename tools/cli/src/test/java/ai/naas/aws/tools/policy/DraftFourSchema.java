package ai.naas.aws.tools.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a JSON document against a JSON Schema (draft-04) with the keywords the SARIF 2.1.0 schema uses:
 * {@code $ref} (to {@code #/definitions/...}), {@code type}, {@code required}, {@code properties},
 * {@code additionalProperties}, {@code items}, {@code minItems}, {@code uniqueItems}, {@code minimum},
 * {@code maximum}, {@code enum}, {@code pattern}, {@code anyOf}, {@code oneOf}. {@code format} and
 * {@code default} are annotations here (as draft-04 allows).
 */
final class DraftFourSchema {

    private final JsonNode root;

    DraftFourSchema(JsonNode root) {
        this.root = root;
    }

    /** Every place the document breaks the schema; empty when it is valid. */
    List<String> errors(JsonNode document) {
        var errors = new ArrayList<String>();
        check(root, document, "$", errors);
        return errors;
    }

    private void check(JsonNode schema, JsonNode value, String path, List<String> errors) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references are supported: " + ref);
            }
            check(root.at(ref.substring(1)), value, path, errors);
        }
        if (schema.has("type") && !hasType(value, schema.get("type"))) {
            errors.add(path + ": must be " + schema.get("type"));
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode option : schema.get("enum")) {
                found |= option.equals(value);
            }
            if (!found) {
                errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("pattern") && value.isTextual()
                && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
            errors.add(path + ": does not match " + schema.get("pattern").asText());
        }
        if (schema.has("minimum") && value.isNumber() && value.asDouble() < schema.get("minimum").asDouble()) {
            errors.add(path + ": below " + schema.get("minimum"));
        }
        if (schema.has("maximum") && value.isNumber() && value.asDouble() > schema.get("maximum").asDouble()) {
            errors.add(path + ": above " + schema.get("maximum"));
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    errors.add(path + ": lacks required property " + required.asText());
                }
            }
            value.properties().forEach(e -> {
                var property = schema.path("properties").get(e.getKey());
                if (property != null) {
                    check(property, e.getValue(), path + "." + e.getKey(), errors);
                } else if (schema.has("additionalProperties")) {
                    var extra = schema.get("additionalProperties");
                    if (extra.isBoolean() && !extra.asBoolean()) {
                        errors.add(path + ": property " + e.getKey() + " is not allowed");
                    } else if (extra.isObject()) {
                        check(extra, e.getValue(), path + "." + e.getKey(), errors);
                    }
                }
            });
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                errors.add(path + ": fewer than " + schema.get("minItems") + " items");
            }
            if (schema.path("uniqueItems").asBoolean(false) && new HashSet<JsonNode>(toList(value)).size() != value.size()) {
                errors.add(path + ": items are not unique");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(schema.get("items"), value.get(i), path + "[" + i + "]", errors);
                }
            }
        }
        if (schema.has("anyOf")) {
            boolean any = false;
            for (JsonNode option : schema.get("anyOf")) {
                any |= errorsOf(option, value, path).isEmpty();
            }
            if (!any) {
                errors.add(path + ": matches none of anyOf");
            }
        }
        if (schema.has("oneOf")) {
            int matching = 0;
            for (JsonNode option : schema.get("oneOf")) {
                matching += errorsOf(option, value, path).isEmpty() ? 1 : 0;
            }
            if (matching != 1) {
                errors.add(path + ": matches " + matching + " of oneOf");
            }
        }
    }

    private List<String> errorsOf(JsonNode schema, JsonNode value, String path) {
        var errors = new ArrayList<String>();
        check(schema, value, path, errors);
        return errors;
    }

    private static List<JsonNode> toList(JsonNode array) {
        var list = new ArrayList<JsonNode>();
        array.forEach(list::add);
        return list;
    }

    private static boolean hasType(JsonNode value, JsonNode types) {
        if (types.isArray()) {
            for (JsonNode type : types) {
                if (hasType(value, type.asText())) {
                    return true;
                }
            }
            return false;
        }
        return hasType(value, types.asText());
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }
}
