package ai.naas.aws.platform.database;

import ai.naas.aws.infra.database.Database;
import ai.naas.aws.support.Digests;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vendored RDS CA bundle is the one reviewed (its SHA-256, as in the README beside it), every certificate in it
 * is a certificate authority, and it holds the root that signs the servers of each stack's region.
 */
class RdsCaBundleTest {

    /** As recorded in platform/src/main/resources/ai/naas/aws/platform/database/README.md. */
    private static final String REVIEWED_SHA256 = "fefac91d6800404461cece76724bc0a2383f4f556a1c9beb0813fac6f2e1e49f";

    private static byte[] bytes() throws Exception {
        try (InputStream in = RdsCaBundle.class.getResourceAsStream(RdsCaBundle.RESOURCE)) {
            assertThat(in).as("the vendored bundle on the class path").isNotNull();
            return in.readAllBytes();
        }
    }

    private static List<X509Certificate> certificates() throws Exception {
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes())).stream()
                .map(X509Certificate.class::cast).toList();
    }

    @Test
    void theBytesAreTheReviewedOnesAndThePlatformShipsThem() throws Exception {
        assertThat(Digests.sha256(bytes())).isEqualTo(REVIEWED_SHA256);
        assertThat(RdsCaBundle.SHA256).isEqualTo(REVIEWED_SHA256);
        assertThat(RdsCaBundle.pem()).isEqualTo(new String(bytes(), StandardCharsets.US_ASCII));
    }

    @Test
    void everyBlockParsesAndIsACertificateAuthority() throws Exception {
        String pem = new String(bytes(), StandardCharsets.US_ASCII);
        long blocks = Pattern.compile("-----BEGIN CERTIFICATE-----").matcher(pem).results().count();
        var certificates = certificates();
        assertThat(certificates).hasSize((int) blocks).hasSize(115);
        for (var certificate : certificates) {
            String who = certificate.getSubjectX500Principal().getName();
            // basicConstraints CA:TRUE (getBasicConstraints is -1 for an end entity) and, where keyUsage is
            // present, keyCertSign.
            assertThat(certificate.getBasicConstraints()).as(who).isGreaterThanOrEqualTo(0);
            if (certificate.getKeyUsage() != null) {
                assertThat(certificate.getKeyUsage()[5]).as(who + " keyCertSign").isTrue();
            }
            assertThat(who).as("an RDS authority").contains("OU=Amazon RDS");
        }
    }

    @Test
    void itHoldsTheRsa2048G1RootOfEachStacksRegion() throws Exception {
        // RDS names the roots of its authorities per region: rds-ca-rsa2048-g1 in eu-west-3 is
        // "Amazon RDS eu-west-3 Root CA RSA2048 G1" (RDS User Guide, "Certificate authorities").
        assertThat(Database.CA_CERT_IDENTIFIER).isEqualTo("rds-ca-rsa2048-g1");
        List<String> regions;
        try (Stream<Path> files = Files.list(Path.of("..", "environments"))) {
            regions = files.filter(f -> f.getFileName().toString().matches("Pulumi\\.[a-z0-9-]+\\.yaml"))
                    .map(RdsCaBundleTest::region).distinct().toList();
        }
        assertThat(regions).isNotEmpty();
        var certificates = certificates();
        for (String region : regions) {
            String subject = "CN=Amazon RDS " + region + " Root CA RSA2048 G1";
            var root = certificates.stream()
                    .filter(c -> c.getSubjectX500Principal().getName().contains(subject + ","))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + subject + " in the bundle: refresh it"));
            assertThat(root.getIssuerX500Principal()).as("self-signed").isEqualTo(root.getSubjectX500Principal());
            root.verify(root.getPublicKey());
            assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
            assertThat(root.getNotAfter().toInstant()).isAfter(Instant.parse("2060-01-01T00:00:00Z"));
        }
    }

    private static String region(Path stackFile) {
        try {
            var match = Pattern.compile("(?m)^\\s*aws:region:\\s*([a-z0-9-]+)\\s*$").matcher(Files.readString(stackFile));
            assertThat(match.find()).as("aws:region in " + stackFile).isTrue();
            return match.group(1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
