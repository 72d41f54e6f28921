package ai.naas.aws.infra.preflight;

import ai.naas.aws.config.Arn;
import ai.naas.aws.config.ConfigException;
import com.pulumi.aws.acm.AcmFunctions;
import com.pulumi.aws.acm.inputs.GetCertificatePlainArgs;
import com.pulumi.aws.acm.outputs.GetCertificateResult;
import com.pulumi.aws.iam.IamFunctions;
import com.pulumi.aws.iam.inputs.GetRolePlainArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Checks, with data-source invokes, that the AWS resources the stack's config names exist as the stack needs
 * them: each admin role (an EKS access entry names it; EKS refuses a missing principal) and the ingress's ACM
 * certificate (the load balancer cannot serve a certificate that is missing, of another account, or not ISSUED).
 * Invokes run in {@code pulumi preview} too, so a wrong value stops the preview with one line naming its config key,
 * before anything is created, instead of a stack half built when EKS or the load balancer refuses it.
 *
 * <p>The checked values are outputs: what consumes them (the access entries, the ingress controller's certificate
 * annotation, the certificate alarm) takes them from here, so it is not registered when a check fails. The form
 * of each ARN (partition, region, one account) is config validation's, before this runs.
 */
public final class Preflight extends ComponentResource {

    /**
     * Every status ACM gives a certificate (CertificateStatus in ACM's API model): the data source lists only
     * {@code ISSUED} ones unless told otherwise, and a certificate that is not issued must be found to be named.
     */
    public static final List<String> CERTIFICATE_STATUSES = List.of("PENDING_VALIDATION", "ISSUED", "INACTIVE",
            "EXPIRED", "VALIDATION_TIMED_OUT", "REVOKED", "FAILED");
    /** Every key algorithm (KeyAlgorithm in ACM's API model): ListCertificates returns only RSA_2048 ones by default. */
    public static final List<String> KEY_TYPES = List.of("RSA_1024", "RSA_2048", "RSA_3072", "RSA_4096",
            "EC_prime256v1", "EC_secp384r1", "EC_secp521r1");
    static final String ISSUED = "ISSUED";

    private final Map<String, Output<String>> adminRoleArns = new LinkedHashMap<>();
    private final Output<String> certificateArn;

    /**
     * @param args the configured ARNs and their keys
     */
    public Preflight(String name, Args args, ComponentResourceOptions options) {
        super("naas:infra:Preflight", name, options);
        var invoke = new InvokeOptions(this, null, null);
        var checks = new ArrayList<CompletableFuture<String>>();
        args.adminRoles().forEach(role -> checks.add(checkRole(role, invoke)));
        checks.add(checkCertificate(args.certificate(), args.region(), invoke));
        // Every checked value waits for every check: when several fail, each consumer fails with the same first one
        // in config order, so preview prints one line, the same on every run.
        var all = inOrder(checks);
        for (int i = 0; i < args.adminRoles().size(); i++) {
            int index = i;
            adminRoleArns.put(args.adminRoles().get(i).arn(), Output.of(all.thenApply(values -> values.get(index))));
        }
        this.certificateArn = Output.of(all.thenApply(values -> values.get(values.size() - 1)));
        // Nothing to register: the checks create nothing, and a failed one must fail its consumers only once.
        registerOutputs(Map.of());
    }

    /**
     * The role must be this account's role of that name, path included: {@code iam:GetRole} by name answers the
     * role of the account the stack runs in, so an ARN of another account (or another path) does not match.
     */
    private static CompletableFuture<String> checkRole(Configured role, InvokeOptions invoke) {
        String name = Arn.parse(role.arn()).resourceName();
        return IamFunctions.getRolePlain(GetRolePlainArgs.builder().name(name).build(), invoke)
                .handle((found, failure) -> {
                    if (failure != null && isMissing(failure)) {
                        throw new ConfigException(role.key(), role.arn() + " does not exist: this account has no IAM "
                                + "role named " + name + " (iam:GetRole: " + oneLine(failure) + "); create it first or "
                                + "remove it from the list, EKS refuses an access entry for a missing role");
                    }
                    if (failure != null) {
                        throw new ConfigException(role.key(), role.arn() + " could not be checked: iam:GetRole failed ("
                                + oneLine(failure) + "); the role running pulumi preview needs iam:GetRole");
                    }
                    if (!role.arn().equals(found.arn())) {
                        throw new ConfigException(role.key(), role.arn() + " is not this account's role " + name
                                + ", which is " + found.arn() + "; name a role of the account the stack runs in");
                    }
                    return found.arn();
                });
    }

    /**
     * ACM's data source ({@code aws:acm/getCertificate}) is the only certificate lookup pulumi-aws 6.83 has, and it
     * finds certificates by domain name, not by ARN (there is no ARN lookup: Cloud Control cannot read ACM
     * certificates, and {@code Certificate.get} is a resource read whose failure names no config key). So the
     * certificate is looked up by its domain name among this region's ISSUED certificates of any key type, the
     * newest if several, and must be the configured ARN; when it is not, a second lookup among the other statuses
     * tells why (e.g. still PENDING_VALIDATION). Running in the stack's region and account, the lookup also checks
     * that the certificate is theirs.
     */
    private static CompletableFuture<String> checkCertificate(Certificate certificate, String region,
                                                              InvokeOptions invoke) {
        return lookUp(certificate.domain(), List.of(ISSUED), invoke).<CompletableFuture<String>>handle((issued, failure) -> {
            if (failure == null && certificate.arn().equals(issued.arn())) {
                return CompletableFuture.completedFuture(issued.arn());
            }
            if (failure != null && !isMissing(failure)) {
                throw new ConfigException(certificate.key(), certificate.arn() + " could not be checked: ACM's lookup "
                        + "failed (" + oneLine(failure) + "); the role running pulumi preview needs "
                        + "acm:ListCertificates, acm:DescribeCertificate, acm:GetCertificate and acm:ListTagsForCertificate");
            }
            if (failure == null) {
                throw new ConfigException(certificate.key(), certificate.arn() + " is not the issued certificate ACM "
                        + "has for " + certificate.domain() + " in " + region + ", which is " + issued.arn()
                        + " (the newest if several); use that one, or set " + certificate.domainKey()
                        + " to the domain name of the one you mean");
            }
            var others = CERTIFICATE_STATUSES.stream().filter(s -> !ISSUED.equals(s)).toList();
            return lookUp(certificate.domain(), others, invoke).<String>handle((other, why) -> {
                if (why == null && certificate.arn().equals(other.arn())) {
                    throw new ConfigException(certificate.key(), certificate.arn() + " is " + other.status()
                            + ", not ISSUED: " + advice(other.status()));
                }
                throw new ConfigException(certificate.key(), "ACM in " + region + " has no issued certificate for "
                        + certificate.domain() + " (" + oneLine(failure) + "): " + certificate.arn()
                        + " does not exist in this account and region, or its domain name is another; set "
                        + certificate.domainKey() + " to the certificate's first domain name");
            });
        }).thenCompose(f -> f);
    }

    private static CompletableFuture<GetCertificateResult> lookUp(String domain, List<String> statuses,
                                                                  InvokeOptions invoke) {
        return AcmFunctions.getCertificatePlain(GetCertificatePlainArgs.builder()
                .domain(domain).statuses(statuses).keyTypes(KEY_TYPES).mostRecent(true).build(), invoke);
    }

    private static String advice(String status) {
        return switch (status) {
            case "PENDING_VALIDATION" -> "ACM issues it once the validation records are in DNS (ACM console, "
                    + "'Create records'); preview again then";
            case "EXPIRED" -> "renew or replace it, and name the new certificate";
            case "VALIDATION_TIMED_OUT" -> "its validation was not completed within 72 hours; request a new one";
            default -> "request or import another certificate and name it";
        };
    }

    /** The checks' values once all are done, or the first failure in their order. */
    private static CompletableFuture<List<String>> inOrder(List<CompletableFuture<String>> checks) {
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).handle((done, ignored) -> {
            var values = new ArrayList<String>();
            // join() rethrows a failed check's error: the first in order wins.
            checks.forEach(check -> values.add(check.join()));
            return values;
        });
    }

    /**
     * Whether a data source failed because nothing matched, rather than for another reason (no permission, a
     * throttled call): IAM's {@code NoSuchEntity}, the provider's {@code couldn't find resource} (newer
     * releases wrap it so), ACM's data source's {@code no ACM Certificate matching}.
     */
    static boolean isMissing(Throwable failure) {
        String message = oneLine(failure);
        return message.contains("NoSuchEntity") || message.contains("couldn't find resource")
                || message.contains("no ACM Certificate matching");
    }

    /** An invoke's error as one line: the provider's message, without the SDK's wrapping. */
    private static String oneLine(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }

    /** Each admin role ARN, once checked, by its configured value. */
    public Map<String, Output<String>> adminRoleArns() {
        return adminRoleArns;
    }

    /** The admin role {@code arn}, once checked. */
    public Output<String> adminRoleArn(String arn) {
        var checked = adminRoleArns.get(arn);
        if (checked == null) {
            throw new IllegalArgumentException("not a configured admin role: " + arn);
        }
        return checked;
    }

    /** The certificate's ARN, once checked. */
    public Output<String> certificateArn() {
        return certificateArn;
    }

    /**
     * A value the config names.
     *
     * @param key the full config key it was read from, e.g. {@code naas:cluster.adminRoleArns[0]}
     * @param arn the value
     */
    public record Configured(String key, String arn) {
        public Configured {
            Objects.requireNonNull(key, "key");
            Arn.parse(arn);
        }
    }

    /**
     * The ingress certificate the config names.
     *
     * @param key       its config key, {@code naas:platform.certificateArn}
     * @param arn       its ARN
     * @param domainKey the key of the domain name it is looked up by, {@code naas:platform.certificateDomain}
     * @param domain    that domain name, e.g. {@code *.naas.example.com}
     */
    public record Certificate(String key, String arn, String domainKey, String domain) {
        public Certificate {
            Objects.requireNonNull(key, "key");
            Arn.parse(arn);
            Objects.requireNonNull(domainKey, "domainKey");
            Objects.requireNonNull(domain, "domain");
        }
    }

    /**
     * What preflight checks.
     *
     * @param region      the stack's region, where the certificate must be
     * @param adminRoles  {@code naas:cluster.adminRoleArns}, each with its key
     * @param certificate {@code naas:platform.certificateArn}
     */
    public record Args(String region, List<Configured> adminRoles, Certificate certificate) {
        public Args {
            Objects.requireNonNull(region, "region");
            adminRoles = List.copyOf(adminRoles);
            Objects.requireNonNull(certificate, "certificate");
        }
    }
}
