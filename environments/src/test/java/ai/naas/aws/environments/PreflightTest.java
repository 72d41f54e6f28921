package ai.naas.aws.environments;

import ai.naas.aws.config.Arn;
import ai.naas.aws.config.ConfigException;
import ai.naas.aws.infra.preflight.Preflight;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import ai.naas.aws.plan.ProgramFailedException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stack's preflight ({@link Preflight}) looks up the admin roles and the ingress certificate its config names
 * before anything that uses them is registered: a wrong value fails the plan (and {@code pulumi preview}) with one
 * line naming its key, and the access entries, the ingress and the certificate alarm take the checked values. The
 * invokes' answers are driven per test ({@link AccountAnswers}), as AWS would give them.
 */
class PreflightTest {

    private static final String ACCESS_ENTRY = "aws:eks/accessEntry:AccessEntry";
    private static final String ACCESS_POLICY = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    private static final String SSL_CERT = "service.beta.kubernetes.io/aws-load-balancer-ssl-cert";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void withEveryRoleAndAnIssuedCertificateTheStackPlansAndItsConsumersTakeTheCheckedValues(String stack)
            throws IOException {
        var answers = new AccountAnswers();
        var plan = StackPlans.of(stack, Map.of(), answers::around);
        var roles = adminRoleArns(stack);
        String certificate = platform(stack).get("certificateArn");

        // One iam:GetRole per configured role, by its name; each answered with that very ARN.
        assertThat(answers.calls(AccountAnswers.GET_ROLE)).extracting(c -> c.args().get("name"))
                .containsExactlyInAnyOrderElementsOf(roles.stream().map(a -> a.substring(a.lastIndexOf('/') + 1)).toList());
        assertThat(answers.calls(AccountAnswers.GET_ROLE)).extracting(c -> c.answer().get("arn"))
                .containsExactlyInAnyOrderElementsOf(roles);
        // ACM's data source by the certificate's domain name (default *.<domain>), every key type, issued only.
        var lookups = answers.calls(AccountAnswers.GET_CERTIFICATE);
        assertThat(lookups).hasSize(1);
        assertThat(lookups.get(0).args()).containsEntry("domain", "*." + platform(stack).get("domain"))
                .containsEntry("statuses", List.of("ISSUED")).containsEntry("mostRecent", true)
                .containsEntry("keyTypes", Preflight.KEY_TYPES);

        // The access entries name exactly the stack's admin role and the configured roles.
        assertThat(plan.ofType(ACCESS_ENTRY)).extracting(e -> e.requireInput("principalArn"))
                .containsAll(roles).hasSize(roles.size() + 1);
        assertThat(ingress(plan).requireInput("values.controller.service.annotations")).asInstanceOf(
                InstanceOfAssertFactories.MAP).containsEntry(SSL_CERT, certificate);
        assertThat(certificateAlarm(plan).requireInput("dimensions")).isEqualTo(Map.of("CertificateArn", certificate));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void aRoleThatDoesNotExistIsOneErrorNamingItsKeyAndArnAndNoAccessEntryIsRegistered(String stack)
            throws IOException {
        var roles = adminRoleArns(stack);
        String missing = roles.get(1);
        var failure = failure(stack, new AccountAnswers().withoutRole(missing.substring(missing.lastIndexOf('/') + 1)));
        assertThat(failure.getMessage()).startsWith("naas:cluster.adminRoleArns[1]: " + missing + " does not exist")
                .contains("The role with name platform-admin cannot be found");
        assertThat(failure.registered()).noneMatch(r -> r.type().equals(ACCESS_ENTRY) || r.type().equals(ACCESS_POLICY));
    }

    /** A lookup that fails for another reason than a missing role says so, rather than that the role is missing. */
    @Test
    void aRoleThatCannotBeReadIsReportedAsUncheckedNotAsMissing() throws IOException {
        String first = adminRoleArns("prod").get(0);
        var failure = failure("prod", new AccountAnswers().deniedRoles());
        assertThat(failure.getMessage()).startsWith("naas:cluster.adminRoleArns[0]: " + first
                + " could not be checked: iam:GetRole failed (").contains("AccessDenied")
                .endsWith("the role running pulumi preview needs iam:GetRole");
        assertThat(failure.registered()).noneMatch(r -> r.type().equals(ACCESS_ENTRY) || r.type().equals(ACCESS_POLICY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void aRoleOfTheSameNameOnAnotherPathIsRefusedNamingTheOneThatExists(String stack) throws IOException {
        String configured = adminRoleArns(stack).get(0);
        String name = configured.substring(configured.lastIndexOf('/') + 1);
        String actual = "arn:aws:iam::123456789012:role/ops/" + name;
        var failure = failure(stack, new AccountAnswers().withRole(name, actual));
        assertThat(failure.getMessage()).startsWith("naas:cluster.adminRoleArns[0]: " + configured
                + " is not this account's role " + name + ", which is " + actual);
        assertThat(failure.registered()).noneMatch(r -> r.type().equals(ACCESS_ENTRY) || r.type().equals(ACCESS_POLICY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PENDING_VALIDATION", "EXPIRED", "REVOKED"})
    void aCertificateThatIsNotIssuedIsOneErrorNamingItsKeyAndStatusAndTheIngressIsNotRegistered(String status)
            throws IOException {
        String certificate = platform("prod").get("certificateArn");
        var answers = new AccountAnswers().withCertificate(certificate, status);
        var failure = failure("prod", answers);
        assertThat(failure.getMessage()).startsWith("naas:platform.certificateArn: " + certificate + " is " + status
                + ", not ISSUED: ");
        // Asked first for the issued one, then among the other statuses to say why.
        assertThat(answers.calls(AccountAnswers.GET_CERTIFICATE)).extracting(c -> c.args().get("statuses"))
                .containsExactly(List.of("ISSUED"), List.of("PENDING_VALIDATION", "INACTIVE", "EXPIRED",
                        "VALIDATION_TIMED_OUT", "REVOKED", "FAILED"));
        assertThat(failure.registered()).noneMatch(PreflightTest::usesTheCertificate);
    }

    /** Several wrong values: the first in config order is the one line, and neither consumer is registered. */
    @Test
    void withAMissingRoleAndAPendingCertificateTheRoleIsTheOneErrorAndNothingUsesEither() throws IOException {
        String role = adminRoleArns("prod").get(1);
        var failure = failure("prod", new AccountAnswers().withoutRole(role.substring(role.lastIndexOf('/') + 1))
                .withCertificate(platform("prod").get("certificateArn"), "PENDING_VALIDATION"));
        assertThat(failure.getMessage()).startsWith("naas:cluster.adminRoleArns[1]: " + role + " does not exist");
        assertThat(failure.registered()).noneMatch(r -> r.type().equals(ACCESS_ENTRY) || usesTheCertificate(r));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void anotherIssuedCertificateForTheDomainIsRefusedNamingTheOneAcmHas(String stack) throws IOException {
        String configured = platform(stack).get("certificateArn");
        String other = "arn:aws:acm:eu-west-3:123456789012:certificate/99999999-8888-7777-6666-555555555555";
        var failure = failure(stack, new AccountAnswers().withCertificate(other, "ISSUED"));
        assertThat(failure.getMessage()).startsWith("naas:platform.certificateArn: " + configured
                + " is not the issued certificate ACM has for *." + platform(stack).get("domain") + " in eu-west-3, which is "
                + other);
        assertThat(failure.registered()).noneMatch(PreflightTest::usesTheCertificate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void aCertificateAcmDoesNotHaveIsOneErrorNamingItsKeyAndTheDomainKey(String stack) throws IOException {
        // The account has no certificate at all for the domain name: both lookups fail.
        var failure = failure(stack, new AccountAnswers().withCertificate(
                "arn:aws:acm:eu-west-3:123456789012:certificate/99999999-8888-7777-6666-555555555555", "FAILED_NEVER"));
        assertThat(failure.getMessage()).startsWith("naas:platform.certificateArn: ACM in eu-west-3 has no issued "
                + "certificate for *." + platform(stack).get("domain") + " (no ACM Certificate matching domain")
                .contains("set naas:platform.certificateDomain");
        assertThat(failure.registered()).noneMatch(PreflightTest::usesTheCertificate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void aCertificateInAnotherRegionIsRefusedByConfigNamingItsKeyBeforeAnyLookup(String stack) throws IOException {
        var platform = platform(stack);
        String elsewhere = platform.get("certificateArn").replace(":eu-west-3:", ":us-east-1:");
        var answers = new AccountAnswers();
        assertThatThrownBy(() -> StackPlans.of(stack, Map.of("naas:platform", "{\"domain\":\"" + platform.get("domain")
                + "\",\"certificateArn\":\"" + elsewhere + "\"}"), answers::around))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "naas:platform.certificateArn: the certificate is in us-east-1 but the stack is in eu-west-3; "
                                + "a load balancer can only use an ACM certificate of its own region"));
        assertThat(answers.calls()).isEmpty();
    }

    /** Preflight asks ACM about every status and key type there is: the lists are ACM's API model's enums. */
    @Test
    void theCertificateLookupsCoverEveryStatusAndKeyTypeOfAcmsModel() {
        var shapes = AwsNamingRulesTest.model("acm").path("shapes");
        var statuses = new ArrayList<String>();
        shapes.path("CertificateStatus").path("enum").forEach(n -> statuses.add(n.asText()));
        var keyTypes = new ArrayList<String>();
        shapes.path("KeyAlgorithm").path("enum").forEach(n -> keyTypes.add(n.asText()));
        assertThat(Preflight.CERTIFICATE_STATUSES).containsExactlyInAnyOrderElementsOf(statuses);
        assertThat(Preflight.KEY_TYPES).containsExactlyInAnyOrderElementsOf(keyTypes);
    }

    /** The partition config expects of every ARN is the one AWS's partition table gives the region. */
    @Test
    void everyRegionOfAwsPartitionTableIsInItsPartition() throws IOException {
        var endpoints = new ObjectMapper().readTree(
                Path.of(AwsNamingRulesTest.MODELS, "endpoints.json").toFile());
        int regions = 0;
        for (var partition : endpoints.path("partitions")) {
            for (var region : (Iterable<String>) partition.path("regions")::fieldNames) {
                assertThat(Arn.partitionOf(region)).as(region)
                        .isEqualTo(partition.path("partition").asText());
                regions++;
            }
        }
        assertThat(regions).isGreaterThan(25);
    }

    /** How planning failed: the one line {@code pulumi preview} prints, and what was registered before. */
    record Failure(String message, List<PlannedResource> registered) {
        String getMessage() {
            return message;
        }
    }

    /** The failure of planning {@code stack} against {@code answers}: one line, what pulumi preview would print. */
    private static Failure failure(String stack, AccountAnswers answers) {
        var thrown = new ArrayList<ProgramFailedException>();
        assertThatThrownBy(() -> StackPlans.of(stack, Map.of(), answers::around))
                .isInstanceOfSatisfying(ProgramFailedException.class, thrown::add);
        var failure = thrown.get(0);
        var problems = failure.exceptions().stream().map(PreflightTest::configException).distinct().toList();
        assertThat(problems).as("the check's own error, once").hasSize(1);
        String message = problems.get(0).getMessage();
        assertThat(message).doesNotContain("\n");
        assertThat(failure.engineErrors()).as("what pulumi preview prints: that line alone, no stack trace")
                .containsExactly(message);
        return new Failure(message, failure.registered());
    }

    /** The ConfigException behind what the SDK reported (an apply's exception arrives wrapped). */
    private static ConfigException configException(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ConfigException e) {
                return e;
            }
        }
        throw new AssertionError("not a config error: " + thrown, thrown);
    }

    private static boolean usesTheCertificate(PlannedResource r) {
        return (r.type().equals(RELEASE) && r.name().endsWith("-ingress"))
                || (r.type().equals(ALARM) && r.name().endsWith("-certificate-expiry"));
    }

    private static PlannedResource ingress(Plan plan) {
        return plan.ofType(RELEASE).stream().filter(r -> r.name().endsWith("-ingress")).findFirst().orElseThrow();
    }

    private static PlannedResource certificateAlarm(Plan plan) {
        return plan.ofType(ALARM).stream().filter(r -> r.name().endsWith("-certificate-expiry")).findFirst().orElseThrow();
    }

    static List<String> adminRoleArns(String stack) throws IOException {
        var roles = new ArrayList<String>();
        stackFile(stack).path("config").path("naas:cluster").path("adminRoleArns").forEach(n -> roles.add(n.asText()));
        return roles;
    }

    private static Map<String, String> platform(String stack) throws IOException {
        var platform = stackFile(stack).path("config").path("naas:platform");
        return Map.of("domain", platform.path("domain").asText(), "certificateArn", platform.path("certificateArn").asText());
    }

    private static JsonNode stackFile(String stack) throws IOException {
        return new YAMLMapper().readTree(Path.of("Pulumi." + stack + ".yaml").toFile());
    }
}
