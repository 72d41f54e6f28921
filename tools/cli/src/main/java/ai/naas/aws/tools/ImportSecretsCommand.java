package ai.naas.aws.tools;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.Suggestions;
import ai.naas.aws.platform.AppCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code naas import-secrets}: moves a team off SOPS. It reads a decrypted {@code secrets.yaml} and a map
 * from its paths to stack secret keys, and sets each as a secret of the stack with the Pulumi CLI, which
 * encrypts it with the stack's KMS key. A value goes to {@code pulumi} on standard input only: never on a
 * command line, in a log, or on the screen.
 */
@Command(name = "import-secrets", mixinStandardHelpOptions = true,
        description = {"Imports the secrets of a decrypted SOPS secrets.yaml into a stack's config as secure values.",
                "The map file lists, for each path of secrets.yaml (dotted), the stack key it becomes, e.g.",
                "  hub.config.GenericOAuthenticator.client_secret: naas:jupyterhub.oauthClientSecret"})
final class ImportSecretsCommand implements Callable<Integer> {

    @Option(names = "--stack", required = true, description = "The stack whose config receives the secrets.")
    String stack;

    @Option(names = "--file", required = true, description = "The decrypted secrets.yaml (sops -d secrets.yaml > ...).")
    Path file;

    @Option(names = "--map", required = true, description = "YAML: secrets.yaml path -> stack secret key.")
    Path map;

    @Option(names = "--dry-run", description = "Show which keys would be set, and set none.")
    boolean dryRun;

    @Mixin
    EnvironmentsOption environments;

    @Option(names = "--pulumi", hidden = true, defaultValue = "pulumi", description = "The Pulumi CLI to run.")
    String pulumi;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var dir = environments.directory();
        requireStack(dir);
        var decrypted = read(file, "--file");
        if (decrypted.has("sops")) {
            throw new ConfigException("--file", file + " is still SOPS-encrypted (it has sops metadata): decrypt it first,"
                    + " sops -d secrets.yaml > /dev/shm/secrets.yaml");
        }
        Map<String, String> secrets = flatten(decrypted);
        secrets.forEach((path, value) -> {
            if (SOPS_ENCRYPTED.matcher(value).matches()) {
                throw new ConfigException(path, "is still SOPS-encrypted (ENC[...]) in " + file
                        + ": decrypt the file first, sops -d secrets.yaml > /dev/shm/secrets.yaml");
            }
        });
        Map<String, String> targets = mapping(read(map, "--map"));
        var known = new TreeSet<>(AppCatalog.discover().secretKeys());

        var imports = new LinkedHashMap<String, String>();
        targets.forEach((path, key) -> {
            if (!known.contains(key)) {
                throw new ConfigException(key, "is not a secret any app reads (from " + path + " in " + map
                        + "); known secrets are " + String.join(", ", known));
            }
            if (!secrets.containsKey(path)) {
                throw new ConfigException(path, "is not in " + file + " (named in " + map + ")");
            }
            imports.put(key, secrets.get(path));
        });
        var out = spec.commandLine().getOut();
        for (String key : imports.keySet()) {
            out.println((dryRun ? "would set " : "setting ") + key + " (secret)");
            if (!dryRun) {
                set(dir, key, imports.get(key));
            }
        }
        var skipped = secrets.keySet().stream().filter(p -> !targets.containsKey(p)).sorted().toList();
        if (!skipped.isEmpty()) {
            out.println("not imported (not in the map): " + String.join(", ", skipped));
        }
        out.flush();
        return 0;
    }

    /** A value SOPS encrypted: {@code ENC[AES256_GCM,data:...,type:str]}. */
    private static final Pattern SOPS_ENCRYPTED = Pattern.compile("ENC\\[.*]", Pattern.DOTALL);

    /** The stack must have its stack file, environments/Pulumi.<stack>.yaml: pulumi would otherwise create a stack. */
    private void requireStack(Path dir) {
        if (Files.isRegularFile(dir.resolve("Pulumi." + stack + ".yaml"))) {
            return;
        }
        var stacks = new TreeSet<String>();
        try (var files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.matches("Pulumi\\.[^.]+\\.yaml"))
                    .forEach(n -> stacks.add(n.substring("Pulumi.".length(), n.length() - ".yaml".length())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        throw new ConfigException("--stack", "no stack '" + stack + "' (no " + dir.resolve("Pulumi." + stack + ".yaml") + ")"
                + Suggestions.didYouMean(stack, stacks) + "; stacks are " + String.join(", ", stacks));
    }

    /** {@code pulumi config set --secret}, the value on standard input. */
    private void set(Path dir, String key, String value) {
        Process process;
        try {
            process = new ProcessBuilder(pulumi, "config", "set", "--secret", "--stack", stack, key)
                    .directory(dir.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + pulumi + ": is the Pulumi CLI installed?", e);
        }
        try (var stdin = process.getOutputStream()) {
            stdin.write(value.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The CLI stopped before reading its input; its exit status below says why.
        }
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("pulumi config set failed for " + key + " (see its message above)");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting " + key, e);
        }
    }

    private static JsonNode read(Path path, String option) {
        try {
            var node = new YAMLMapper().readTree(Files.readString(path));
            if (node == null || !node.isObject()) {
                throw new ConfigException(option, path + " must be a YAML mapping");
            }
            return node;
        } catch (IOException e) {
            throw new ConfigException(option, "cannot read " + path + ": " + e.getClass().getSimpleName());
        }
    }

    /** Dotted paths to scalar values; the values are never printed. */
    static Map<String, String> flatten(JsonNode root) {
        var flat = new LinkedHashMap<String, String>();
        walk("", root, flat);
        return flat;
    }

    private static void walk(String prefix, JsonNode node, Map<String, String> flat) {
        if (node.isObject()) {
            node.properties().forEach(e -> walk(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), flat));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(prefix + "[" + i + "]", node.get(i), flat);
            }
        } else if (!node.isNull()) {
            flat.put(prefix, node.asText());
        }
    }

    private static Map<String, String> mapping(JsonNode root) {
        var targets = new LinkedHashMap<String, String>();
        List<String> bad = new ArrayList<>();
        root.properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                targets.put(e.getKey(), e.getValue().textValue());
            } else {
                bad.add(e.getKey());
            }
        });
        if (!bad.isEmpty()) {
            throw new ConfigException("--map", "each entry must map a path to a stack key (text); not: " + String.join(", ", bad));
        }
        return targets;
    }
}
