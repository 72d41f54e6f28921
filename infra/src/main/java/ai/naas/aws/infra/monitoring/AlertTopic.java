package ai.naas.aws.infra.monitoring;

import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;
import java.util.Objects;

/**
 * The stack's on-call topic: one SNS topic, encrypted with the stack's alerts key, that every alarm of the
 * stack notifies, with the subscribers {@code naas:alerts} lists (e-mail addresses, an HTTPS endpoint).
 *
 * <p>The topic is named {@code <stack base name>-alerts}, so the subscribers recognise which stack is
 * unwell from the subject line.
 */
public final class AlertTopic extends ComponentResource {

    private final Output<String> arn;

    /**
     * @param args the subscribers and the key
     */
    public AlertTopic(String name, Args args, ComponentResourceOptions options) {
        super("naas:infra:AlertTopic", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var topic = new Topic(name, TopicArgs.builder()
                .name(name)
                .displayName(name)
                .kmsMasterKeyId(args.keyArn())
                .build(), child);
        var emails = args.settings().emails();
        for (int i = 0; i < emails.size(); i++) {
            new TopicSubscription(name + "-email-" + i, TopicSubscriptionArgs.builder()
                    .topic(topic.arn())
                    .protocol("email")
                    .endpoint(emails.get(i))
                    .build(), child);
        }
        args.settings().https().ifPresent(url -> new TopicSubscription(name + "-https", TopicSubscriptionArgs.builder()
                .topic(topic.arn())
                .protocol("https")
                .endpoint(url)
                // Paging tools confirm the subscription themselves; retries survive their short outages.
                .endpointAutoConfirms(true)
                .build(), child));
        this.arn = topic.arn();
        registerOutputs(Map.of("arn", arn));
    }

    /** The topic's ARN, what alarms notify. */
    public Output<String> arn() {
        return arn;
    }

    /**
     * What the topic is made of.
     *
     * @param settings {@code naas:alerts}: its subscribers
     * @param keyArn   the stack's alerts KMS key (its policy lets CloudWatch alarms publish)
     */
    public record Args(AlertsSettings settings, Output<String> keyArn) {
        public Args {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(keyArn, "keyArn");
        }
    }
}
