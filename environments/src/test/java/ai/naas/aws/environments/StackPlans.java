package ai.naas.aws.environments;

import ai.naas.aws.config.ConfigReader;
import ai.naas.aws.platform.AppCatalog;
import ai.naas.aws.plan.OfflineEngine;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlausibleCloud;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The repository's stacks, planned offline from their stack files (cached: a plan is immutable). */
final class StackPlans {

    private static final Map<String, Plan> PLANS = new HashMap<>();

    private StackPlans() {
    }

    static synchronized Plan of(String stack) {
        return PLANS.computeIfAbsent(stack, s -> of(s, Map.of()));
    }

    /** The stack with some config values replaced (full key to raw value, as the Pulumi CLI passes them). */
    static Plan of(String stack, Map<String, String> overrides) {
        var catalog = AppCatalog.discover();
        var file = StackFile.read(Path.of("Pulumi." + stack + ".yaml"), stack, StackSettings.knownKeys(catalog));
        var values = new HashMap<>(file.values());
        values.putAll(overrides);
        var source = new ai.naas.aws.config.MapConfigSource(values, file.secretKeys());
        var settings = StackSettings.read(stack, new ConfigReader(source), catalog);
        return new OfflineEngine(new PlausibleCloud(settings.region()))
                .run("naas", stack, values, file.secretKeys(), ctx -> NaasStack.define(ctx, settings));
    }
}
