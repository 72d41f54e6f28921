package ai.naas.aws.apps.naasnotifications;

import ai.naas.aws.apps.naasservice.NaasServiceApp;
import ai.naas.aws.apps.naasservice.SecretVariable;
import ai.naas.aws.apps.naasservice.UrlText;
import ai.naas.aws.apps.naasservice.Wiring;
import ai.naas.aws.platform.spi.Need;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Naas notifications service ({@code jupyternaas/notifications}, port 3003): sends the mails notebooks ask
 * for, logs them in its own database ({@code PROXY_DB}) and asks the hub who a caller is ({@code HUB_HOST}).
 * Internal: only the single-user servers call it.
 *
 * <p>Environment, as jupyter-naas/notifications' {@code src/emails.js} reads it:
 * <ul>
 *   <li>the SMTP transport is the URL {@code (EMAIL_SECURE ? smtps : smtp)://EMAIL_USER:EMAIL_PASSWORD@EMAIL_HOST},
 *       built by concatenation and parsed back by Node, which percent-decodes the user and password: so both are
 *       passed percent-encoded (an SES SMTP password holds {@code /} and {@code +}, which would break the URL);</li>
 *   <li>{@code EMAIL_SECURE} counts as true when set to anything, {@code "false"} included: it is set to
 *       {@code true} for {@code secure} and left out otherwise;</li>
 *   <li>the sender is read from {@code emailFrom} (that spelling), not {@code EMAIL_FROM};</li>
 *   <li>{@code ADMIN_TOKEN} lets a caller send without a hub user; without it the image makes up a random one.</li>
 * </ul>
 * {@code EMAIL_PASSWORD} and {@code ADMIN_TOKEN} come from the stack secrets {@code emailPassword} and
 * {@code adminToken}, through the Secret {@code naas-notifications-secrets}.
 */
public final class NaasNotificationsApp extends NaasServiceApp<NotificationsSettings> {

    public NaasNotificationsApp() {
        super("notifications", 3003, NotificationsSettings.class);
    }

    @Override
    public NotificationsSettings defaultSettings() {
        return NotificationsSettings.defaults();
    }

    @Override
    public Set<Need> needs() {
        return Set.of(Need.DATABASE);
    }

    @Override
    protected List<SecretVariable> secretVariables() {
        return List.of(
                SecretVariable.percentEncoded("EMAIL_PASSWORD", "emailPassword"),
                SecretVariable.of("ADMIN_TOKEN", "adminToken"));
    }

    @Override
    protected Map<String, String> environment(NotificationsSettings settings, Wiring wiring) {
        var env = new TreeMap<String, String>();
        env.put("HUB_HOST", hubHost(settings.hubHost(), wiring));
        env.put("EMAIL_HOST", settings.email().host());
        env.put("EMAIL_USER", UrlText.percentEncode(settings.email().user()));
        if (settings.email().secure()) {
            env.put("EMAIL_SECURE", "true");
        }
        if (settings.email().from() != null) {
            env.put("emailFrom", settings.email().from());
        }
        return env;
    }
}
