package ai.naas.aws.environments.bootstrap;

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

import java.util.List;
import java.util.Map;

/**
 * The account's alert topic: what the CIS alarms ({@link AccountAlarms}) and GuardDuty's findings
 * ({@link ThreatDetection}) notify, encrypted with the account's audit key, with an e-mail subscription per
 * configured address. Its policy lets CloudWatch publish only for this account's alarms and EventBridge only
 * for the GuardDuty rule ({@code aws:SourceArn}), and refuses publishing without TLS.
 */
public final class AlertTopic extends ComponentResource {

    /**
     * @param settings      the subscribers, validated
     * @param accountId     the account
     * @param region        the topic's region
     * @param keyArn        the account's audit key ({@link AccountKey})
     * @param findingsRule  the name of the EventBridge rule that may publish GuardDuty's findings
     */
    public record Args(AlertSettings settings, Output<String> accountId, String region, Output<String> keyArn,
                       String findingsRule) {
    }

    /** The topic's name. */
    public static final String TOPIC = "naas-account-alerts";

    private final Topic topic;

    public AlertTopic(String name, Args args, ComponentResourceOptions options) {
        super("naas:bootstrap:AlertTopic", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        this.topic = new Topic(name, TopicArgs.builder()
                .name(TOPIC)
                .displayName("naas account security alerts")
                .kmsMasterKeyId(args.keyArn())
                .build(), child);
        new TopicPolicy(name, TopicPolicyArgs.builder()
                .arn(topic.arn())
                .policy(policy(topic.arn(), args).toJson())
                .build(), child);
        List<String> emails = args.settings().emails();
        for (int i = 0; i < emails.size(); i++) {
            // By index, not address: the logical name stays the same when an address is corrected.
            new TopicSubscription(name + "-email-" + i, TopicSubscriptionArgs.builder()
                    .topic(topic.arn())
                    .protocol("email")
                    .endpoint(emails.get(i))
                    .build(), child);
        }
        registerOutputs(Map.of("arn", topic.arn()));
    }

    private static PolicyDocument policy(Output<String> topicArn, Args args) {
        var account = args.accountId();
        return PolicyDocument.of(
                Statement.allow("sns:Publish").on(topicArn)
                        .by("Service", "cloudwatch.amazonaws.com")
                        .when("ArnLike", "aws:SourceArn", account.applyValue(id ->
                                "arn:aws:cloudwatch:" + args.region() + ":" + id + ":alarm:*"))
                        .when("StringEquals", "aws:SourceAccount", account)
                        .withSid("AllowThisAccountsAlarms"),
                Statement.allow("sns:Publish").on(topicArn)
                        .by("Service", "events.amazonaws.com")
                        .when("ArnEquals", "aws:SourceArn", account.applyValue(id ->
                                "arn:aws:events:" + args.region() + ":" + id + ":rule/" + args.findingsRule()))
                        .withSid("AllowTheGuardDutyFindingsRule"),
                Statement.deny("sns:Publish").on(topicArn)
                        .by("AWS", "*")
                        .when("Bool", "aws:SecureTransport", "false")
                        .withSid("DenyPublishingWithoutTls"));
    }

    /** The topic's ARN. */
    public Output<String> arn() {
        return topic.arn();
    }
}
