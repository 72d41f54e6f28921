package ai.naas.aws.tools;

import ai.naas.aws.environments.NaasStack;
import ai.naas.aws.environments.StackFile;
import ai.naas.aws.environments.StackSettings;
import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.ConfigReader;
import ai.naas.aws.plan.OfflineEngine;
import ai.naas.aws.platform.AppCatalog;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlausibleCloud;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plans a stack offline: reads its stack file, validates the settings (before anything is registered),
 * then runs the real stack program under the offline engine.
 */
public final class StackPlanner {

    private final Path environments;

    /** @param environments the {@code environments/} folder holding Pulumi.yaml and the stack files */
    public StackPlanner(Path environments) {
        this.environments = environments;
    }

    /**
     * @param stackFile the stack's config, or null for {@code environments/Pulumi.<stack>.yaml}
     * @throws ConfigException when the config is wrong; nothing has been registered then
     */
    public Plan plan(String stack, Path stackFile) {
        var catalog = AppCatalog.discover();
        var file = StackFile.read(stackFile != null ? stackFile : environments.resolve("Pulumi." + stack + ".yaml"),
                stack, StackSettings.knownKeys(catalog));
        var settings = StackSettings.read(stack, new ConfigReader(file), catalog);
        return new OfflineEngine(new PlausibleCloud(settings.region()))
                .run(projectName(), stack, file.values(), file.secretKeys(), ctx -> NaasStack.define(ctx, settings));
    }

    /** The project name from Pulumi.yaml: URNs carry it. */
    String projectName() {
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
