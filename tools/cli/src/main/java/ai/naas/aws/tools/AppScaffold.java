package ai.naas.aws.tools;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.platform.AppCatalog;

import javax.lang.model.SourceVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The files of a new app module, from the templates in {@code new-app/}: its pom under the apps parent, its
 * {@code NaasApp} on the SPI registered for {@link java.util.ServiceLoader}, its settings record, and a test on
 * the platform's AppHarness; and the two lines that make it part of the build and of every stack program
 * ({@code apps/pom.xml}'s module, {@code environments/pom.xml}'s runtime dependency).
 *
 * <p>Template lines that start with {@code //ingress} or {@code //database} are kept (without the marker) only
 * for an app that asks for that need.
 *
 * @param name     the app's name
 * @param port     the port its container listens on
 * @param image    its image, {@code repository:tag}
 * @param database whether it gets its own PostgreSQL database
 * @param ingress  whether it is served at {@code <name>.<domain>}
 */
record AppScaffold(String name, int port, String image, boolean database, boolean ingress) {

    /** The image a new app runs until {@code --image} or {@code naas:<name>.image} says otherwise: a placeholder. */
    static String placeholderImage(String name) {
        return "registry.example.com/naas/" + name + ":0.1.0";
    }

    AppScaffold {
        if (name == null || !name.matches(AppCatalog.NAME_PATTERN) || name.endsWith("-") || name.contains("--")) {
            throw new ConfigException("NAME", "'" + name + "' is not a valid app name: lowercase letters, digits and single dashes,"
                    + " starting with a letter, at most 41 characters (like naas-proxy)");
        }
        if (!SourceVersion.isName(packageName(name))) {
            throw new ConfigException("NAME", "'" + name + "' would make the Java package " + packageName(name)
                    + ", which is a Java keyword; choose another name");
        }
        if (port < 1 || port > 65535) {
            throw new ConfigException("--port", "must be 1 to 65535, got " + port);
        }
    }

    /** {@code ai.naas.aws.apps.<name without dashes>}. */
    static String packageName(String name) {
        return "ai.naas.aws.apps." + name.replace("-", "");
    }

    /** {@code hello-world} -> {@code HelloWorld}. */
    static String className(String name) {
        return Arrays.stream(name.split("-")).map(p -> Character.toUpperCase(p.charAt(0)) + p.substring(1))
                .collect(Collectors.joining());
    }

    /** The new module's files, by path under the repository root. */
    Map<Path, String> files() {
        var pkg = packageName(name);
        var dir = Path.of("apps", name);
        var main = dir.resolve("src/main/java").resolve(pkg.replace('.', '/'));
        var test = dir.resolve("src/test/java").resolve(pkg.replace('.', '/'));
        var files = new LinkedHashMap<Path, String>();
        files.put(dir.resolve("pom.xml"), render("pom.xml.template"));
        files.put(main.resolve(className(name) + "App.java"), render("App.java.template"));
        files.put(main.resolve(className(name) + "Settings.java"), render("Settings.java.template"));
        files.put(dir.resolve("src/main/resources/META-INF/services/ai.naas.aws.platform.spi.NaasApp"),
                pkg + "." + className(name) + "App\n");
        files.put(test.resolve(className(name) + "AppTest.java"), render("AppTest.java.template"));
        return files;
    }

    /**
     * Writes the module into {@code root} and registers it in {@code apps/pom.xml} and {@code environments/pom.xml}.
     *
     * @param taken the names of the apps that exist already
     * @return the files written or changed, relative to {@code root}
     */
    Collection<Path> writeInto(Path root, Collection<String> taken) {
        var dir = root.resolve("apps").resolve(name);
        var appsPom = root.resolve("apps/pom.xml");
        var environmentsPom = root.resolve("environments/pom.xml");
        var module = "<module>" + name + "</module>";
        var artifact = "<artifactId>naas-app-" + name + "</artifactId>";
        String apps = read(appsPom);
        String environments = read(environmentsPom);
        if (taken.contains(name) || Files.exists(dir) || apps.contains(module) || environments.contains(artifact)) {
            throw new ConfigException("NAME", "app '" + name + "' already exists (apps/" + name + ", apps/pom.xml or"
                    + " environments/pom.xml); apps: " + String.join(", ", taken));
        }
        var files = files();
        files.forEach((path, text) -> write(root.resolve(path), text));
        write(appsPom, insertBefore(apps, "  </modules>", "    " + module + "\n", appsPom));
        write(environmentsPom, insertAfterLast(environments, "<scope>runtime</scope></dependency>",
                "\n    <dependency><groupId>ai.naas.aws</groupId>" + artifact
                        + "<version>${project.version}</version><scope>runtime</scope></dependency>", environmentsPom));
        var changed = new java.util.ArrayList<>(files.keySet());
        changed.add(Path.of("apps/pom.xml"));
        changed.add(Path.of("environments/pom.xml"));
        return changed;
    }

    private String render(String template) {
        String text;
        try (InputStream in = AppScaffold.class.getResourceAsStream("/new-app/" + template)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the new-app template " + template, e);
        }
        var needs = new java.util.ArrayList<String>();
        if (database) {
            needs.add("Need.DATABASE");
        }
        if (ingress) {
            needs.add("Need.INGRESS");
        }
        text = text.lines()
                .filter(l -> !(l.startsWith("//ingress") && !ingress) && !(l.startsWith("//database") && !database))
                .map(l -> l.startsWith("//ingress") ? l.substring("//ingress".length())
                        : l.startsWith("//database") ? l.substring("//database".length()) : l)
                .collect(Collectors.joining("\n", "", "\n"));
        return text.replace("{{name}}", name)
                .replace("{{package}}", packageName(name))
                .replace("{{class}}", className(name))
                .replace("{{port}}", String.valueOf(port))
                .replace("{{image}}", image)
                .replace("{{needs}}", String.join(", ", needs))
                .replace("{{hostNameParameter}}", ingress ? ", String hostName" : "")
                .replace("{{hostNameDefault}}", ingress ? ", null" : "");
    }

    private static String insertBefore(String text, String marker, String insert, Path file) {
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new ConfigException(file.toString(), "has no '" + marker.strip() + "' to add the module to");
        }
        return text.substring(0, at) + insert + text.substring(at);
    }

    private static String insertAfterLast(String text, String marker, String insert, Path file) {
        int at = text.lastIndexOf(marker);
        if (at < 0) {
            throw new ConfigException(file.toString(), "has no runtime dependency on an app to add this one after");
        }
        at += marker.length();
        return text.substring(0, at) + insert + text.substring(at);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
