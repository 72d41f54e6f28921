package ai.naas.aws.environments;

import ai.naas.aws.infra.config.ConfigReader;
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
        return PLANS.computeIfAbsent(stack, s -> {
            var catalog = AppCatalog.discover();
            var file = StackFile.read(Path.of("Pulumi." + s + ".yaml"), s, StackSettings.knownKeys(catalog));
            var settings = StackSettings.read(s, new ConfigReader(file), catalog);
            return new OfflineEngine(new PlausibleCloud(settings.region()))
                    .run("naas", s, file.values(), file.secretKeys(), ctx -> NaasStack.define(ctx, settings));
        });
    }
}
