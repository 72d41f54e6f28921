package ai.naas.aws.tools;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.ConfigReader;
import ai.naas.aws.environments.StackPlanner;
import ai.naas.aws.environments.bootstrap.AccountBootstrap;
import ai.naas.aws.environments.bootstrap.BootstrapFile;
import ai.naas.aws.environments.bootstrap.BootstrapSettings;
import ai.naas.aws.plan.OfflineEngine;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlausibleCloud;

import java.nio.file.Path;

/**
 * Plans the account's bootstrap program offline, as {@link StackPlanner} plans a stack: reads
 * {@code environments/bootstrap/Pulumi.<name>.yaml}, validates the settings before anything is registered,
 * then runs the real program under the offline engine.
 */
public final class BootstrapPlanner {

    private final Path bootstrap;

    /** @param bootstrap the {@code environments/bootstrap/} folder holding its Pulumi.yaml and stack files */
    public BootstrapPlanner(Path bootstrap) {
        this.bootstrap = bootstrap;
    }

    /**
     * @param stackFile the bootstrap stack's config, or null for {@code environments/bootstrap/Pulumi.<stack>.yaml}
     * @throws ConfigException when the config is wrong; nothing has been registered then
     */
    public Plan plan(String stack, Path stackFile) {
        var file = BootstrapFile.read(stackFile != null ? stackFile : bootstrap.resolve("Pulumi." + stack + ".yaml"));
        var settings = BootstrapSettings.read(new ConfigReader(file));
        return new OfflineEngine(new PlausibleCloud(settings.region()))
                .run(new StackPlanner(bootstrap).projectName(), stack, file.values(), file.secretKeys(),
                        ctx -> AccountBootstrap.define(ctx, settings));
    }
}
