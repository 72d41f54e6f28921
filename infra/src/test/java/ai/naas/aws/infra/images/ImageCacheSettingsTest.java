package ai.naas.aws.infra.images;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.InvalidSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code naas:images} against AWS's rules for CreatePullThroughCacheRule, read from ECR's API model
 * ({@link EcrModel}): a prefix is accepted exactly when AWS accepts it (less {@code ROOT} and a trailing
 * {@code /}, which this repository refuses), a credential secret only when AWS would read it.
 */
class ImageCacheSettingsTest {

    private static final String SECRET = "arn:aws:secretsmanager:eu-west-3:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf";

    @Test
    void theQuotedRulesAreTheInstalledModelsWhereOneKnowsDockerHub() {
        EcrModel.installed().ifPresent(model -> {
            assertThat(EcrModel.shape(model, "PullThroughCacheRuleRepositoryPrefix")).isEqualTo(EcrModel.QUOTED_PREFIX);
            assertThat(EcrModel.shape(model, "CredentialArn")).isEqualTo(EcrModel.QUOTED_CREDENTIAL_ARN);
            assertThat(EcrModel.shape(model, "KmsKeyForRepositoryCreationTemplate")).isEqualTo(EcrModel.QUOTED_TEMPLATE_KMS_KEY);
            assertThat(model.at("/shapes/UpstreamRegistry/enum").toString()).contains("\"docker-hub\"");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"naas-prod-docker-hub", "naas-dev-docker-hub", "docker-hub", "ab", "a1", "docker_hub",
            "docker__hub", "docker.hub", "docker---hub", "naas/docker-hub", "naas/prod/docker-hub",
            "abcdefghijklmnopqrstuvwxyz0123", // 30
            "a", "", "abcdefghijklmnopqrstuvwxyz01234", "Docker-Hub", "docker___hub", "docker..hub", "docker-.hub",
            "-docker", "docker-", "_docker", "naas//hub", "/naas", "naas/", "ROOT", "naas prod", "dockér",
            "docker:hub", "docker@hub"})
    void aPrefixIsAcceptedExactlyWhenEcrAcceptsIt(String prefix) {
        var rule = EcrModel.installed().map(m -> EcrModel.shape(m, "PullThroughCacheRuleRepositoryPrefix"))
                .orElse(EcrModel.QUOTED_PREFIX);
        boolean accepted = rule.accepts(prefix) && !prefix.equals("ROOT") && !prefix.endsWith("/");

        if (accepted) {
            assertThat(new ImageCacheSettings(prefix, SECRET).prefix()).isEqualTo(prefix);
        } else {
            assertThatThrownBy(() -> new ImageCacheSettings(prefix, SECRET)).isInstanceOfSatisfying(InvalidSetting.class,
                    e -> assertThat(e.field()).isEqualTo("prefix"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {SECRET,
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/team/docker_hub+ci@x-Ab12Cd",
            "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf"})
    void aSecretEcrReadsIsAccepted(String arn) {
        assertThat(EcrModel.QUOTED_CREDENTIAL_ARN.accepts(arn)).isTrue();
        assertThat(new ImageCacheSettings(null, arn).credentialSecretArn()).isEqualTo(arn);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // ECR reads only secrets named ecr-pullthroughcache/...
            "arn:aws:secretsmanager:eu-west-3:123456789012:secret:docker-hub-AbCdEf",
            "arn:aws:secretsmanager:eu-west-3:123456789012:secret:ecr-pullthroughcache-docker-hub-AbCdEf",
            "arn:aws:secretsmanager:eu-west-3:123456789012:secret:ecr-pullthroughcache/",
            "arn:aws:ssm:eu-west-3:123456789012:parameter/ecr-pullthroughcache/docker-hub",
            "ecr-pullthroughcache/docker-hub",
            "arn:aws:secretsmanager:eu-west-3:1234:secret:ecr-pullthroughcache/docker-hub-AbCdEf"})
    void aSecretEcrWouldNotReadIsRefused(String arn) {
        assertThatThrownBy(() -> new ImageCacheSettings(null, arn)).isInstanceOfSatisfying(InvalidSetting.class,
                e -> assertThat(e.field()).isEqualTo("credentialSecretArn"));
    }

    @Test
    void theSecretIsRequired() {
        assertThatThrownBy(() -> new ImageCacheSettings("docker-hub", null)).isInstanceOfSatisfying(InvalidSetting.class,
                e -> assertThat(e.field()).isEqualTo("credentialSecretArn"));
    }

    @Test
    void eachStackHasItsOwnPrefixByDefault() {
        assertThat(new ImageCacheSettings(null, SECRET).forStack("naas-prod", "eu-west-3").prefix())
                .isEqualTo("naas-prod-docker-hub");
        assertThat(new ImageCacheSettings(null, SECRET).forStack("naas-dev", "eu-west-3").prefix())
                .isEqualTo("naas-dev-docker-hub");
        assertThat(new ImageCacheSettings("shared", SECRET).forStack("naas-prod", "eu-west-3").prefix()).isEqualTo("shared");
    }

    @Test
    void aDefaultPrefixTooLongForEcrMustBeSet() {
        assertThatThrownBy(() -> new ImageCacheSettings(null, SECRET).forStack("naas-integration-tests", "eu-west-3"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("naas:images.prefix: is not set and the default 'naas-integration-tests-docker-hub'");
    }

    @Test
    void theSecretMustBeInTheStacksRegion() {
        assertThatThrownBy(() -> new ImageCacheSettings(null, SECRET).forStack("naas-prod", "eu-west-1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("naas:images.credentialSecretArn: the secret is in eu-west-3 but the stack is in eu-west-1");
    }
}
