package ai.naas.aws.apps.naascallback;

import ai.naas.aws.apps.naasservice.NaasServiceApp;
import ai.naas.aws.apps.naasservice.Wiring;
import ai.naas.aws.platform.spi.Need;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Naas callback service ({@code jupyternaas/callback}, port 3004): a notebook registers a callback and waits;
 * an outside service posts to {@code /<uuid>} without any Naas credentials ("receive simple data from outside
 * Naas network", the service's README). So it is exposed on {@code <hostName>.<domain>}. It keeps callbacks in its
 * own database ({@code PROXY_DB}) and asks the hub who a notebook's user is ({@code HUB_HOST}).
 *
 * <p>The image listens on {@code PORT} and falls back to 3003, the notifications port: {@code PORT=3004} is set,
 * as for every service.
 */
public final class NaasCallbackApp extends NaasServiceApp<CallbackSettings> {

    public NaasCallbackApp() {
        super("callback", 3004, CallbackSettings.class);
    }

    @Override
    public CallbackSettings defaultSettings() {
        return CallbackSettings.defaults();
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.DATABASE, Need.INGRESS);
    }

    @Override
    public Optional<String> publicHostName(CallbackSettings settings) {
        return Optional.of(settings.hostName());
    }

    @Override
    protected Map<String, String> environment(CallbackSettings settings, Wiring wiring) {
        return Map.of("HUB_HOST", hubHost(settings.hubHost(), wiring));
    }
}
