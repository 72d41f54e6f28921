package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.config.EmailAddresses;
import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

import java.util.List;

/**
 * Who hears about the account's security events: config key {@code naas-bootstrap:alerts}. The CIS alarms
 * and GuardDuty's findings go to one SNS topic of the account; each address here gets an e-mail
 * subscription, which SNS activates only once its owner clicks the confirmation link it sends.
 *
 * @param emails the subscribers' e-mail addresses ({@link EmailAddresses}: {@code local@domain.tld}, at most 254
 *               characters, a local part of at most 64), each once. Required, at least one: alarms nobody
 *               receives are noise.
 */
public record AlertSettings(List<String> emails) {

    public AlertSettings {
        emails = EmailAddresses.distinct("emails", Settings.listOf("emails", Settings.required("emails", emails)));
        if (emails.isEmpty()) {
            throw new InvalidSetting("emails", "must name at least one address: alarms nobody receives are noise");
        }
    }
}
