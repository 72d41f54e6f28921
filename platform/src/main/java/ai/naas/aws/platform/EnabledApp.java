package ai.naas.aws.platform;

import ai.naas.aws.config.Secret;
import ai.naas.aws.platform.spi.NaasApp;

import java.util.Map;

/**
 * An app enabled for the stack, with its settings and secrets already read and validated.
 *
 * @param app      the app
 * @param settings its settings ({@code naas:<name>})
 * @param secrets  its declared secrets that are set, by name
 */
public record EnabledApp<S>(NaasApp<S> app, S settings, Map<String, Secret> secrets) {

    public EnabledApp {
        secrets = Map.copyOf(secrets);
    }

    /** The app's name. */
    public String name() {
        return app.name();
    }
}
