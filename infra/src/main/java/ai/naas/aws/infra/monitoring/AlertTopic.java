package ai.naas.aws.infra.monitoring;

import ai.naas.aws.infra.iam.PolicyDocument;
import ai.naas.aws.infra.iam.Statement;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicPolicy;
import com.pulumi.aws.sns.TopicPolicyArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An on-call topic: one SNS topic named {@code name}, encrypted with a KMS key whose policy lets CloudWatch use it,
 * that alarms notify, with an e-mail subscription per address and optionally an HTTPS endpoint (a paging tool).
 * A stack has one ({@code <stack base name>-alerts}, so subscribers recognise the stack from the subject line);
 * the account's bootstrap has one for its security alarms and findings.
 *
 * <p>Its policy lets CloudWatch publish only for alarms of this account in this region ({@code aws:SourceArn},
 * {@code aws:SourceAccount}: the confused-deputy guard AWS documents for SNS), lets the {@link Args#publishers()}
 * given publish, and refuses publishing without TLS.
 */
public final class AlertTopic extends ComponentResource {

    private final Output<String> arn;

    /**
     * @param args the subscribers, the key and who else may publish
     */
    public AlertTopic(String name, Args args, ComponentResourceOptions options) {
        super("naas:infra:AlertTopic", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var topic = new Topic(name, TopicArgs.builder()
                .name(name)
                .displayName(args.displayName())
                .kmsMasterKeyId(args.keyArn())
                .build(), child);
        new TopicPolicy(name, TopicPolicyArgs.builder()
                .arn(topic.arn())
                .policy(policy(topic.arn(), args).toJson())
                .build(), child);
        List<String> emails = args.emails();
        for (int i = 0; i < emails.size(); i++) {
            // By index, not address: the logical name stays the same when an address is corrected.
            new TopicSubscription(name + "-email-" + i, TopicSubscriptionArgs.builder()
                    .topic(topic.arn())
                    .protocol("email")
                    .endpoint(emails.get(i))
                    .build(), child);
        }
        args.httpsEndpoint().ifPresent(url -> new TopicSubscription(name + "-https", TopicSubscriptionArgs.builder()
                .topic(topic.arn())
                .protocol("https")
                .endpoint(url)
                // Paging tools confirm the subscription themselves; retries survive their short outages.
                .endpointAutoConfirms(true)
                .build(), child));
        this.arn = topic.arn();
        registerOutputs(Map.of("arn", arn));
    }

    private static PolicyDocument policy(Output<String> topicArn, Args args) {
        var statements = new ArrayList<Statement>();
        statements.add(Statement.allow("sns:Publish")
                .by("Service", "cloudwatch.amazonaws.com")
                .when("ArnLike", "aws:SourceArn", args.accountId().applyValue(id ->
                        "arn:aws:cloudwatch:" + args.region() + ":" + id + ":alarm:*"))
                .when("StringEquals", "aws:SourceAccount", args.accountId())
                .withSid("AllowThisAccountsAlarms"));
        statements.addAll(args.publishers());
        statements.add(Statement.deny("sns:Publish")
                .by("AWS", "*")
                .when("Bool", "aws:SecureTransport", "false")
                .withSid("DenyPublishingWithoutTls"));
        return PolicyDocument.of(statements.stream().map(s -> s.on(topicArn)).toList());
    }

    /** The topic's ARN, what alarms notify. */
    public Output<String> arn() {
        return arn;
    }

    /**
     * What the topic is made of.
     *
     * @param displayName   the sender name e-mail subscribers see
     * @param emails        the e-mail subscribers, validated by the settings they come from
     * @param httpsEndpoint an {@code https://} subscriber, if any
     * @param keyArn        the KMS key that encrypts the topic (its policy lets CloudWatch alarms use it)
     * @param accountId     the account whose alarms may publish
     * @param region        the region of those alarms, the topic's
     * @param publishers    other {@code sns:Publish} allow statements without a resource (the topic is added),
     *                      e.g. an EventBridge rule; none for a stack's topic
     */
    public record Args(String displayName, List<String> emails, Optional<String> httpsEndpoint, Output<String> keyArn,
                       Output<String> accountId, String region, List<Statement> publishers) {
        public Args {
            Objects.requireNonNull(displayName, "displayName");
            emails = List.copyOf(emails);
            Objects.requireNonNull(httpsEndpoint, "httpsEndpoint");
            Objects.requireNonNull(keyArn, "keyArn");
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(region, "region");
            publishers = List.copyOf(publishers);
        }

        /** A stack's topic: the subscribers of {@code naas:alerts}; only the account's alarms publish. */
        public static Args forStack(String displayName, AlertsSettings settings, Output<String> keyArn,
                                    Output<String> accountId, String region) {
            return new Args(displayName, settings.emails(), settings.https(), keyArn, accountId, region, List.of());
        }
    }
}
