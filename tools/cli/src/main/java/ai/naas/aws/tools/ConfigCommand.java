package ai.naas.aws.tools;

import ai.naas.aws.support.Json;
import ai.naas.aws.config.ConfigReader;
import ai.naas.aws.config.Secret;
import ai.naas.aws.environments.StackFile;
import ai.naas.aws.environments.StackSettings;
import ai.naas.aws.platform.AppCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code naas config}: a stack's effective settings, each section's fields with their value (set in the stack
 * file, or the record's default) and their documentation. The documentation is the settings record's Javadoc
 * ({@code @param} of each field, with its {@code @default}): the one place it is written. Javadoc is not in the
 * compiled classes, so the command reads it from the record's source file in this checkout, which it needs
 * anyway for the stack files; a field without one says so.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Prints a stack's effective settings: every field of every section, set or default, with its documentation.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "2:bad input: the stack's config is wrong or missing", "1:the program failed for another reason"})
final class ConfigCommand implements Callable<Integer> {

    private static final Pattern PARAM = Pattern.compile("@param\\s+(\\w+)\\s+(.*?)(?=@param|@return|@throws|$)", Pattern.DOTALL);
    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|link|value|literal)\\s+([^}]*)}");

    @Mixin
    StackOptions stack;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var dir = stack.environments.directory();
        var catalog = AppCatalog.discover();
        var path = stack.stackFile != null ? stack.stackFile : dir.resolve("Pulumi." + stack.stack + ".yaml");
        var file = StackFile.read(path, stack.stack, StackSettings.knownKeys(catalog));
        var settings = StackSettings.read(stack.stack, new ConfigReader(file), catalog);
        var root = dir.toAbsolutePath().normalize().getParent();

        var sections = new LinkedHashMap<String, Object>();
        for (var component : StackSettings.class.getRecordComponents()) {
            if (component.getType().isRecord()) {
                sections.put("naas:" + component.getName(), value(component.getAccessor(), settings));
            }
        }
        settings.apps().forEach(app -> sections.put("naas:" + app.app().name(), app.settings()));

        var out = spec.commandLine().getOut();
        out.println("# stack " + stack.stack + ": effective settings from " + path + "; [set] in the stack file, [default] otherwise;");
        out.println("# each field's documentation is its settings record's Javadoc.");
        out.println("aws:region: " + settings.region() + "  [set]");
        out.println("naas:apps: " + settings.apps().stream().map(a -> a.app().name()).toList() + "  [set]   available: " + catalog.names());
        sections.forEach((key, section) -> {
            var raw = file.values().containsKey(key) ? tree(file.values().get(key)) : Json.mapper().createObjectNode();
            var docs = docs(root, section.getClass());
            out.println();
            out.println(key + ":   # " + section.getClass().getSimpleName() + (file.values().containsKey(key) ? "" : ", not set: all defaults"));
            for (var field : section.getClass().getRecordComponents()) {
                Object value = value(field.getAccessor(), section);
                out.println("  " + field.getName() + ": " + show(value) + "  " + (raw.has(field.getName()) ? "[set]" : "[default]"));
                out.println("      " + docs.getOrDefault(field.getName(), "(no documentation found for this field)"));
            }
        });
        out.flush();
        return 0;
    }

    private static Object value(java.lang.reflect.Method accessor, Object target) {
        try {
            return accessor.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor, e);
        }
    }

    private static String show(Object value) {
        if (value instanceof Secret) {
            return "[secret]";
        }
        return Json.writeInOrder(value);
    }

    private static JsonNode tree(String raw) {
        try {
            return Json.mapper().readTree(raw);
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }

    /** Each field's {@code @param} text from the record's source file in this checkout, if it is there. */
    static Map<String, String> docs(Path root, Class<?> type) {
        var relative = type.getName().replace('.', '/') + ".java";
        var docs = new LinkedHashMap<String, String>();
        Path source;
        try (Stream<Path> files = Files.find(root, 16, (p, a) -> p.toString().replace('\\', '/').endsWith("src/main/java/" + relative)
                && !p.toString().contains("/target/"))) {
            source = files.findFirst().orElse(null);
        } catch (IOException e) {
            return docs;
        }
        if (source == null) {
            return docs;
        }
        String text;
        try {
            text = Files.readString(source);
        } catch (IOException e) {
            return docs;
        }
        int declaration = text.indexOf("record " + type.getSimpleName());
        int start = declaration < 0 ? -1 : text.lastIndexOf("/**", declaration);
        if (start < 0) {
            return docs;
        }
        String javadoc = text.substring(start + 3, text.indexOf("*/", start)).replaceAll("(?m)^\\s*\\*\\s?", " ");
        var m = PARAM.matcher(javadoc);
        while (m.find()) {
            docs.put(m.group(1), INLINE_TAG.matcher(m.group(2)).replaceAll("$1").replaceAll("\\s+", " ").strip());
        }
        return docs;
    }
}
