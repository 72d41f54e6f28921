package ai.naas.aws.infra.monitoring;

import ai.naas.aws.config.EmailAddresses;
import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/**
 * Who is told when the stack is unwell, and when: config key {@code naas:alerts}.
 *
 * <p>Every alarm of the stack notifies one SNS topic; these are its subscribers. E-mail subscribers must
 * confirm the message SNS sends them before they receive anything; an HTTPS endpoint (the team's paging
 * tool, e.g. an Opsgenie or PagerDuty SNS integration URL) confirms itself.
 *
 * @param emails        e-mail addresses subscribed to the topic, each once ({@link EmailAddresses}). @default none
 * @param httpsEndpoint an {@code https://} URL subscribed to the topic. @default none
 * @param thresholds    when each alarm fires, see {@link AlarmThresholds}. @default its defaults
 */
public record AlertsSettings(List<String> emails, String httpsEndpoint, AlarmThresholds thresholds) {

    /** The config key. */
    public static final String KEY = "naas:alerts";

    public AlertsSettings {
        emails = EmailAddresses.distinct("emails", Settings.listOf("emails", emails));
        if (httpsEndpoint != null) {
            checkHttps(httpsEndpoint);
        }
        thresholds = Settings.orDefault(thresholds, AlarmThresholds.defaults());
    }

    private static void checkHttps(String url) {
        try {
            var uri = new URI(url);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new InvalidSetting("httpsEndpoint", "must be an https:// URL, got '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw new InvalidSetting("httpsEndpoint", "must be an https:// URL, got '" + url + "'");
        }
    }

    /** The HTTPS subscriber, if any. */
    public Optional<String> https() {
        return Optional.ofNullable(httpsEndpoint);
    }

    /** No subscribers, default thresholds. */
    public static AlertsSettings defaults() {
        return new AlertsSettings(null, null, null);
    }
}
