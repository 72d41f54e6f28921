package ai.naas.aws.environments;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.ConfigReader;
import ai.naas.aws.config.MapConfigSource;
import ai.naas.aws.plan.OfflineEngine;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlausibleCloud;
import ai.naas.aws.platform.AppCatalog;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.pulumi.test.Mocks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Plans a stack offline: reads its stack file, validates the settings (before anything is registered),
 * then runs the real stack program ({@link NaasStack#define}) under the offline engine. The one planner
 * that {@code naas plan}, {@code naas diff}, {@code naas deploy} and the stack tests all use.
 */
public final class StackPlanner {

    /** ChartLocation.PROGRAM_DIRECTORY in apps/naas-service, which environments sees at run time only. */
    private static final String PROGRAM_DIRECTORY = "naas.programDirectory";

    private final Path environments;

    /** @param environments the {@code environments/} folder holding Pulumi.yaml and the stack files */
    public StackPlanner(Path environments) {
        this.environments = environments;
    }

    /** The plan of {@code environments/Pulumi.<stack>.yaml}. */
    public Plan plan(String stack) {
        return plan(stack, null, Map.of());
    }

    /**
     * @param stackFile the stack's config, or null for {@code environments/Pulumi.<stack>.yaml}
     * @throws ConfigException when the config is wrong; nothing has been registered then
     */
    public Plan plan(String stack, Path stackFile) {
        return plan(stack, stackFile, Map.of());
    }

    /**
     * @param stackFile the stack's config, or null for {@code environments/Pulumi.<stack>.yaml}
     * @param overrides config values that replace the file's (full key to raw value, as the Pulumi CLI passes
     *                  them): what a test changes to see what a setting does
     * @throws ConfigException when the config is wrong; nothing has been registered then
     */
    public Plan plan(String stack, Path stackFile, Map<String, String> overrides) {
        return plan(stack, stackFile, overrides, UnaryOperator.identity());
    }

    /**
     * @param stackFile the stack's config, or null for {@code environments/Pulumi.<stack>.yaml}
     * @param overrides config values that replace the file's
     * @param account   wraps the offline cloud (an account holding the ARNs the config names, all as the stack
     *                  needs them) to answer some calls otherwise: how a test makes a role missing or a
     *                  certificate not issued
     * @throws ConfigException when the config is wrong; nothing has been registered then
     */
    public Plan plan(String stack, Path stackFile, Map<String, String> overrides, UnaryOperator<Mocks> account) {
        var catalog = AppCatalog.discover();
        var file = StackFile.read(stackFile != null ? stackFile : stackFile(stack), stack,
                StackSettings.knownKeys(catalog));
        var values = new HashMap<>(file.values());
        values.putAll(overrides);
        var settings = StackSettings.read(stack, new ConfigReader(new MapConfigSource(values, file.secretKeys())),
                catalog);
        // The program runs as pulumi up runs it, in environments/, whatever this JVM's working directory: paths it
        // gives Pulumi (a local chart's) are then the same from any directory (see ChartLocation).
        System.setProperty(PROGRAM_DIRECTORY, environments.toAbsolutePath().normalize().toString());
        var existing = new ArrayList<>(settings.cluster().adminRoleArns());
        existing.add(settings.platform().certificateArn());
        return new OfflineEngine(account.apply(new PlausibleCloud(settings.region(), existing)))
                .run(projectName(), stack, values, file.secretKeys(), ctx -> NaasStack.define(ctx, settings));
    }

    /** {@code environments/Pulumi.<stack>.yaml}. */
    public Path stackFile(String stack) {
        return environments.resolve("Pulumi." + stack + ".yaml");
    }

    /** The stacks that have a stack file here, sorted. */
    public List<String> stacks() {
        try (Stream<Path> files = Files.list(environments)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("Pulumi.") && n.endsWith(".yaml") && !n.equals("Pulumi.yaml"))
                    .map(n -> n.substring("Pulumi.".length(), n.length() - ".yaml".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ConfigException("environments", "cannot be listed: " + environments);
        }
    }

    /** The project name from Pulumi.yaml: URNs carry it. */
    public String projectName() {
        var file = environments.resolve("Pulumi.yaml");
        try {
            var name = new YAMLMapper().readTree(Files.readString(file)).path("name").asText("");
            if (name.isEmpty()) {
                throw new ConfigException("name", "Pulumi.yaml has no project name: " + file);
            }
            return name;
        } catch (IOException e) {
            throw new ConfigException("Pulumi.yaml", "cannot be read: " + file);
        }
    }

    /** The {@code environments/} folder of the checkout that {@code start} is in. */
    public static Path findEnvironments(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("environments/Pulumi.yaml"))) {
                return dir.resolve("environments");
            }
        }
        throw new ConfigException("environments", "no environments/Pulumi.yaml above " + start.toAbsolutePath()
                + "; run inside the repository or pass --environments");
    }
}
