package ai.naas.aws.infra.monitoring;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who is told when the stack is unwell, and when: config key {@code naas:alerts}.
 *
 * <p>Every alarm of the stack notifies one SNS topic; these are its subscribers. E-mail subscribers must
 * confirm the message SNS sends them before they receive anything; an HTTPS endpoint (the team's paging
 * tool, e.g. an Opsgenie or PagerDuty SNS integration URL) confirms itself.
 *
 * @param emails        e-mail addresses subscribed to the topic. @default none
 * @param httpsEndpoint an {@code https://} URL subscribed to the topic. @default none
 * @param thresholds    when each alarm fires, see {@link AlarmThresholds}. @default its defaults
 */
public record AlertsSettings(List<String> emails, String httpsEndpoint, AlarmThresholds thresholds) {

    /** The config key. */
    public static final String KEY = "naas:alerts";

    /**
     * A practical address: one {@code @}, no spaces, a dotted domain of DNS labels. (Stricter than RFC 5321,
     * which allows quoted local parts SNS does not deliver to.)
     */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+'-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    public AlertsSettings {
        emails = Settings.listOf("emails", emails);
        Settings.each("emails", emails, e -> e.length() <= 254 && EMAIL.matcher(e).matches(),
                "an e-mail address like oncall@example.com");
        var seen = new HashSet<String>();
        for (int i = 0; i < emails.size(); i++) {
            if (!seen.add(emails.get(i).toLowerCase())) {
                throw new InvalidSetting("emails[" + i + "]", "lists " + emails.get(i) + " twice");
            }
        }
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
