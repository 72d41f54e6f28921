package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who hears about the account's security events: config key {@code naas-bootstrap:alerts}. The CIS alarms
 * and GuardDuty's findings go to one SNS topic of the account; each address here gets an e-mail
 * subscription, which SNS activates only once its owner clicks the confirmation link it sends.
 *
 * @param emails the subscribers' e-mail addresses ({@code local@domain.tld}, at most 254 characters, a local
 *               part of at most 64), each once. Required, at least one: alarms nobody receives are noise.
 */
public record AlertSettings(List<String> emails) {

    /** A plain address: no display name, no comments, no quoted local part, a dotted DNS domain. */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    public AlertSettings {
        emails = Settings.listOf("emails", Settings.required("emails", emails));
        if (emails.isEmpty()) {
            throw new InvalidSetting("emails", "must name at least one address: alarms nobody receives are noise");
        }
        for (int i = 0; i < emails.size(); i++) {
            String email = emails.get(i);
            if (!isEmail(email)) {
                throw new InvalidSetting("emails[" + i + "]", "must be an e-mail address like ops@example.com, got '" + email + "'");
            }
            for (int j = 0; j < i; j++) {
                if (emails.get(j).toLowerCase(Locale.ROOT).equals(email.toLowerCase(Locale.ROOT))) {
                    throw new InvalidSetting("emails[" + i + "]", "'" + email + "' is already emails[" + j + "]");
                }
            }
        }
    }

    /** Whether {@code value} is a plain e-mail address SNS can deliver to. */
    static boolean isEmail(String value) {
        return value != null && value.length() <= 254 && EMAIL.matcher(value).matches()
                && value.indexOf('@') <= 64;
    }
}
