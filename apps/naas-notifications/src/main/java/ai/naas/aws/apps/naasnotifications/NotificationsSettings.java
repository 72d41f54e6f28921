package ai.naas.aws.apps.naasnotifications;

import ai.naas.aws.apps.naasservice.AutoscalingSettings;
import ai.naas.aws.apps.naasservice.Hosts;
import ai.naas.aws.apps.naasservice.ImageSettings;
import ai.naas.aws.apps.naasservice.ResourceSettings;
import ai.naas.aws.apps.naasservice.ServiceDefaults;
import ai.naas.aws.apps.naasservice.ServiceSettings;
import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

/**
 * The Naas notifications service: config key {@code naas:naas-notifications}. It cannot run unconfigured:
 * {@code email} is required. Its secrets are {@code naas:naas-notifications.emailPassword}
 * and {@code naas:naas-notifications.adminToken}.
 *
 * @param image       the image. @default {@code jupyternaas/notifications:1.3.0}
 * @param replicas    replicas when autoscaling is off, 1 to 20. @default 2
 * @param resources   requests and limits. @default requests {@code 50m}/{@code 128Mi}, limits {@code 250m}/{@code 256Mi}
 * @param autoscaling CPU autoscaling. @default off (see {@link AutoscalingSettings})
 * @param hubHost     the hub's public host, which the service asks over HTTPS who a caller is
 *                    ({@code /hub/api/user}), e.g. {@code hub.naas.example.com}. @default where the stack's
 *                    jupyterhub app is served
 * @param email       the SMTP server the service sends through. Required.
 */
public record NotificationsSettings(
        ImageSettings image,
        Integer replicas,
        ResourceSettings resources,
        AutoscalingSettings autoscaling,
        String hubHost,
        EmailSettings email) implements ServiceSettings {

    /**
     * The last release in jupyter-naas/notifications' CHANGELOG (1.3.0, 2021-03-30); each release tag is pushed to
     * Docker Hub by the repository's deploy_docker workflow.
     */
    static final ServiceDefaults DEFAULTS = ServiceDefaults.of("jupyternaas/notifications", "1.3.0",
            ResourceSettings.of("50m", "128Mi", "250m", "256Mi"));

    public NotificationsSettings {
        image = DEFAULTS.image(image);
        replicas = DEFAULTS.replicas(replicas);
        resources = DEFAULTS.resources(resources);
        autoscaling = DEFAULTS.autoscaling(autoscaling, replicas);
        hubHost = hubHost == null ? null : Hosts.host("hubHost", hubHost);
        Settings.required("email", email);
    }

    /** Refused: the service needs its SMTP server from stack config. */
    public static NotificationsSettings defaults() {
        return new NotificationsSettings(null, null, null, null, null, null);
    }

    /**
     * The SMTP server: {@code email} in {@code naas:naas-notifications}. Its password is the secret
     * {@code naas:naas-notifications.emailPassword}.
     *
     * @param host   the SMTP server, with its port unless the protocol's default (465 with {@code secure}, 25
     *               without) is right, e.g. {@code email-smtp.eu-west-3.amazonaws.com:465}. Required.
     * @param user   the SMTP user name, e.g. an SES SMTP user's access key id. Required.
     * @param secure SMTP over TLS from the first byte ({@code smtps}, port 465), rather than plain SMTP that may
     *               upgrade with STARTTLS. @default true
     * @param from   the sender of the service's own mails, e.g. {@code Naas <notifications@naas.example.com>}; the
     *               SMTP server must allow it. @default the image's, {@code notifications@naas.ai}
     */
    public record EmailSettings(String host, String user, Boolean secure, String from) {

        public EmailSettings {
            host = Hosts.host("host", Settings.required("host", host));
            user = Settings.required("user", user);
            if (user.isBlank() || user.length() > 256 || user.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidSetting("user", "must be an SMTP user name of 1 to 256 printable characters");
            }
            secure = Settings.orDefault(secure, true);
            if (from != null && (from.isBlank() || from.length() > 320 || !from.contains("@")
                    || from.chars().anyMatch(Character::isISOControl))) {
                throw new InvalidSetting("from", "must be a sender address such as "
                        + "'Naas <notifications@naas.example.com>', got '" + from + "'");
            }
        }
    }
}
