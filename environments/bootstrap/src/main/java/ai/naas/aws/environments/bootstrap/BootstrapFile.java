package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.support.Json;
import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.MapConfigSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * A bootstrap stack file, {@code environments/bootstrap/Pulumi.<account>.yaml}, read the way the Pulumi CLI
 * passes it to the program (structured values become JSON text), for {@code naas plan --program bootstrap}
 * and the tests. Stricter than a naas stack's file: the bootstrap holds no secrets (the stacks' secrets keys
 * are what it creates), so a {@code secretsprovider} or a {@code secure:} value is refused, as is any
 * {@code naas-bootstrap:} key the program does not read.
 */
public final class BootstrapFile {

    private static final String NAMESPACE = "naas-bootstrap:";

    private BootstrapFile() {
    }

    /**
     * @throws ConfigException naming the offending key
     */
    public static MapConfigSource read(Path file) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException("stack file", "not found: " + file);
        } catch (IOException e) {
            String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new ConfigException("stack file", "is not valid YAML: " + file + ": " + message);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("stack file", "must be a YAML mapping: " + file);
        }
        if (root.has("secretsprovider")) {
            throw new ConfigException("secretsprovider", "the bootstrap holds no secrets: remove it from " + file);
        }
        var values = new LinkedHashMap<String, String>();
        root.path("config").properties().forEach(entry -> {
            String key = entry.getKey();
            if (key.startsWith(NAMESPACE) && !BootstrapSettings.KEYS.contains(key)) {
                throw new ConfigException(key, "unknown setting; known settings are " + String.join(", ",
                        BootstrapSettings.KEYS.stream().filter(k -> k.startsWith(NAMESPACE)).sorted().toList()));
            }
            if (entry.getValue().findValue("secure") != null) {
                throw new ConfigException(key, "the bootstrap holds no secrets: no secure: values");
            }
            values.put(key, entry.getValue().isTextual() ? entry.getValue().textValue() : json(entry.getValue()));
        });
        return new MapConfigSource(values, Set.of());
    }

    /** A YAML tree as JSON, in the file's own order, as Pulumi hands structured config to a program. */
    private static String json(JsonNode node) {
        return Json.writeInOrder(node);
    }
}
