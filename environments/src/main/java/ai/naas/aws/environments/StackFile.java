package ai.naas.aws.environments;

import ai.naas.aws.support.Json;
import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.MapConfigSource;
import ai.naas.aws.config.Suggestions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.regex.Pattern;

/**
 * A {@code Pulumi.<stack>.yaml} read the way the Pulumi CLI reads it: structured values become JSON text,
 * {@code secure:} values are secrets. This offline reader cannot decrypt them and does not try: a secret
 * gets a placeholder, which the program only ever sees as a secret Output, printed {@code [secret]}.
 */
public final class StackFile {

    private static final Pattern SECRETS_PROVIDER = Pattern.compile("awskms://alias/naas-([a-z0-9-]+)-secrets\\?region=([a-z0-9-]+)");

    private StackFile() {
    }

    /**
     * Reads and checks a stack file: its secrets provider is the stack's own KMS key, and every
     * {@code naas:} key is one the program knows.
     *
     * @param knownKeys the full keys the program reads
     * @throws ConfigException naming the offending key
     */
    public static MapConfigSource read(Path file, String stack, Collection<String> knownKeys) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException("stack file", "not found: " + file);
        } catch (JsonProcessingException e) {
            // Line and column, as editors count them: file:line:column.
            var at = e.getLocation();
            throw new ConfigException("stack file", "is not valid YAML: " + file
                    + (at != null && at.getLineNr() > 0 ? ":" + at.getLineNr() + ":" + at.getColumnNr() : "")
                    + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException("stack file", "cannot be read: " + file + ": " + e.getClass().getSimpleName());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("stack file", "must be a YAML mapping: " + file);
        }
        checkSecretsProvider(root.path("secretsprovider").asText(null), stack);
        var values = new LinkedHashMap<String, String>();
        var secrets = new HashSet<String>();
        root.path("config").properties().forEach(entry -> {
            String key = entry.getKey();
            if (key.startsWith("naas:") && !knownKeys.contains(key)) {
                var naasKeys = knownKeys.stream().filter(k -> k.startsWith("naas:")).sorted().toList();
                throw new ConfigException(key, "unknown setting" + Suggestions.didYouMean(key, naasKeys)
                        + "; known settings are " + String.join(", ", naasKeys));
            }
            if (holdsSecure(entry.getValue())) {
                secrets.add(key);
                values.put(key, "offline-plan-placeholder-for-" + key);
            } else {
                values.put(key, entry.getValue().isTextual() ? entry.getValue().textValue() : json(entry.getValue()));
            }
        });
        return new MapConfigSource(values, secrets);
    }

    private static void checkSecretsProvider(String provider, String stack) {
        if (provider == null) {
            throw new ConfigException("secretsprovider", "is required: awskms://alias/naas-" + stack
                    + "-secrets?region=<region> (stack secrets are encrypted by the stack's KMS key)");
        }
        var m = SECRETS_PROVIDER.matcher(provider);
        if (!m.matches() || !m.group(1).equals(stack)) {
            throw new ConfigException("secretsprovider", "must be awskms://alias/naas-" + stack
                    + "-secrets?region=<region>, got " + provider);
        }
    }

    private static boolean holdsSecure(JsonNode node) {
        if (node.isObject() && node.size() == 1 && node.has("secure")) {
            return true;
        }
        for (JsonNode child : node) {
            if (holdsSecure(child)) {
                return true;
            }
        }
        return false;
    }

    /** A YAML tree as JSON, in the file's own order, as Pulumi hands structured config to a program. */
    private static String json(JsonNode node) {
        return Json.writeInOrder(node);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
