package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.config.JvmTuning;
import ai.naas.aws.config.PulumiCliConfig;
import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.ConfigReader;
import ai.naas.aws.config.ConfigSource;
import ai.naas.aws.infra.monitoring.AlertTopic;
import ai.naas.aws.support.Outputs;
import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.outputs.GetCallerIdentityResult;
import com.pulumi.core.Alias;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bootstrap program, run once per AWS account before any naas stack: it creates what the stacks'
 * {@code pulumi login} and {@code secretsprovider} name, the roles CI assumes, and what is account-wide: the
 * IAM password policy and the team groups. Its one invoke asks for the account id (policies name it);
 * {@code naas plan --program bootstrap} plans it offline.
 *
 * <pre>
 * cd environments/bootstrap
 * pulumi login --local                # the state bucket does not exist yet
 * pulumi stack init main-account      # Pulumi.main-account.yaml; holds no secrets
 * pulumi up
 * </pre>
 */
public final class AccountBootstrap {

    /** The account's trail, named in the key, bucket and role policies before it exists. */
    static final String TRAIL = "naas-account-trail";

    /** The trail's CloudWatch log group, named in the key policy before it exists. */
    static final String TRAIL_LOG_GROUP = "/naas/account/cloudtrail";
    /** The account's alert topic, what its alarms and GuardDuty's findings notify. */
    static final String ALERT_TOPIC = "naas-account-alerts";

    private AccountBootstrap() {
    }

    /** Entry point for {@code pulumi preview/up} (Pulumi.yaml runs the packaged jar). */
    public static void main(String[] args) {
        JvmTuning.apply();
        Pulumi.run(ctx -> run(ctx, new PulumiCliConfig(ctx)));
    }

    /** Reads the settings from {@code config}; a wrong one stops the run, naming the key, before any resource. */
    public static void run(Context ctx, ConfigSource config) {
        BootstrapSettings settings;
        try {
            settings = BootstrapSettings.read(new ConfigReader(config));
        } catch (ConfigException e) {
            ctx.log().error(e.getMessage());
            throw e;
        }
        define(ctx, settings);
    }

    /** Registers every resource of the account's bootstrap, with settings already validated. */
    public static void define(Context ctx, BootstrapSettings settings) {
        var account = settings.account();
        String region = settings.region();
        Output<String> accountId = AwsFunctions.getCallerIdentity().applyValue(GetCallerIdentityResult::accountId);
        var state = new StateBucket("naas-state", new StateBucket.Args(account.stateBucketName()),
                ComponentResourceOptions.Empty);
        var keys = new StackSecretsKeys("naas-secrets", new StackSecretsKeys.Args(account.stacks()),
                ComponentResourceOptions.Empty);
        new AccountSecurity("naas-account-security", new AccountSecurity.Args(settings.accountSecurity(),
                account.stacks(), accountId), ComponentResourceOptions.Empty);
        var ci = new CiRoles("naas-ci", new CiRoles.Args(account.githubRepository(), account.deployEnvironments(),
                account.pullRequestPreviews(), accountId, region, state.bucketArn(), state.keyArn(), keys.keyArns()),
                ComponentResourceOptions.Empty);

        // The audit trail, its alarms and threat detection: one key and one topic for the account.
        var key = new AccountKey("naas-account-audit", new AccountKey.Args(accountId, region, TRAIL, TRAIL_LOG_GROUP),
                ComponentResourceOptions.Empty);
        var trail = new AuditTrail("naas-account-trail", new AuditTrail.Args(settings.audit(), accountId, region,
                key.arn(), TRAIL, TRAIL_LOG_GROUP), ComponentResourceOptions.Empty);
        var topic = new AlertTopic(ALERT_TOPIC, new AlertTopic.Args("naas account security alerts",
                settings.alerts().emails(), Optional.empty(), key.arn(), accountId, region,
                List.of(ThreatDetection.findingsPublisher(accountId, region))),
                // The account's topic was this program's own component type before it shared the stacks' one.
                ComponentResourceOptions.builder().aliases(Alias.builder().type("naas:bootstrap:AlertTopic").build()).build());
        new AccountAlarms("naas-account-alarms", new AccountAlarms.Args(trail.logGroupName(), topic.arn()),
                ComponentResourceOptions.Empty);
        new ThreatDetection("naas-account-threats", new ThreatDetection.Args(settings.threatDetection(), topic.arn()),
                ComponentResourceOptions.Empty);
        new Guardrails("naas-account-guardrails", new Guardrails.Args(settings.guardrails(), region, accountId),
                ComponentResourceOptions.Empty);

        // In the order of naas:account.stacks, like every export here: Map.copyOf would reorder them per JVM.
        var aliases = new LinkedHashMap<String, String>();
        var providers = new LinkedHashMap<String, String>();
        for (String stack : account.stacks()) {
            aliases.put(stack, StackSecretsKeys.aliasName(stack));
            providers.put(stack, StackSecretsKeys.secretsProvider(stack, region));
        }
        ctx.export("stateBucketName", state.bucketName());
        ctx.export("stateBackendUrl", state.bucketName().applyValue(bucket -> "s3://" + bucket));
        ctx.export("stateKeyArn", state.keyArn());
        ctx.export("secretsKeyArns", Outputs.allOf(keys.keyArns()));
        ctx.export("secretsKeyAliases", Output.of(Collections.unmodifiableMap(aliases)));
        ctx.export("secretsProviders", Output.of(Collections.unmodifiableMap(providers)));
        ctx.export("githubOidcProviderArn", ci.githubProviderArn());
        ctx.export("previewRoleArns", Outputs.allOf(ci.previewRoleArns()));
        ctx.export("deployRoleArns", Outputs.allOf(ci.deployRoleArns()));
        ctx.export("permissionsBoundaryArns", Outputs.allOf(ci.boundaryArns()));
        ctx.export("trailArn", trail.trailArn());
        ctx.export("auditBucketName", trail.bucketName());
        ctx.export("auditKeyArn", key.arn());
        ctx.export("alertTopicArn", topic.arn());
    }
}
