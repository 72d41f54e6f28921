package ai.naas.aws.platform.addons;

import java.util.Map;
import ai.naas.aws.config.MapConfigSource;
import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.ConfigReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code naas:platform}: read from stack config as the stack program reads it; a bad value names its key. */
class PlatformSettingsTest {

    static final String CERTIFICATE = "arn:aws:acm:eu-west-3:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

    @Test
    void aDomainAndACertificateAreEnoughAndTheHubIsPublicByDefault() {
        var settings = read("{\"domain\": \"naas.example.com\", \"certificateArn\": \"" + CERTIFICATE + "\"}");

        assertThat(settings.domain()).isEqualTo("naas.example.com");
        assertThat(settings.certificateArn()).isEqualTo(CERTIFICATE);
        assertThat(settings.ingressAllowedCidrs()).containsExactly("0.0.0.0/0");
        assertThat(settings.certificateRegion()).isEqualTo("eu-west-3");
        assertThat(settings.host("hub")).isEqualTo("hub.naas.example.com");
        // Preflight finds the certificate by this name: the wildcard that covers every app's host.
        assertThat(settings.certificateDomain()).isEqualTo("*.naas.example.com");
    }

    @Test
    void theCertificatesDomainNameCanBeTheApexOrAnotherWildcard() {
        assertThat(read("{\"domain\": \"naas.example.com\", \"certificateArn\": \"" + CERTIFICATE + "\","
                + " \"certificateDomain\": \"naas.example.com\"}").certificateDomain()).isEqualTo("naas.example.com");
        assertThat(read("{\"domain\": \"naas.example.com\", \"certificateArn\": \"" + CERTIFICATE + "\","
                + " \"certificateDomain\": \"*.example.com\"}").certificateDomain()).isEqualTo("*.example.com");
        assertThatThrownBy(() -> read("{\"domain\": \"naas.example.com\", \"certificateArn\": \"" + CERTIFICATE
                + "\", \"certificateDomain\": \"**.example.com\"}"))
                .hasMessage("naas:platform.certificateDomain: must be the certificate's domain name as ACM lists it, a "
                        + "lower case DNS name, optionally a wildcard like *.naas.example.com, got '**.example.com'");
    }

    @Test
    void theLoadBalancerCanBeLimitedToSomeNetworks() {
        var settings = read("{\"domain\": \"naas.example.com\", \"certificateArn\": \"" + CERTIFICATE + "\","
                + " \"ingressAllowedCidrs\": [\"203.0.113.0/24\", \"198.51.100.7/32\"]}");

        assertThat(settings.ingressAllowedCidrs()).containsExactly("203.0.113.0/24", "198.51.100.7/32");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing domain        | {"certificateArn": "%s"}                                            | naas:platform.domain: is required but not set
            upper case domain     | {"domain": "Naas.Example.com", "certificateArn": "%s"}              | naas:platform.domain: must be a lower case DNS name with at least two labels, like naas.example.com, got 'Naas.Example.com'
            single label          | {"domain": "localhost", "certificateArn": "%s"}                     | naas:platform.domain: must be a lower case DNS name with at least two labels, like naas.example.com, got 'localhost'
            url, not a name       | {"domain": "https://naas.example.com", "certificateArn": "%s"}      | naas:platform.domain: must be a lower case DNS name with at least two labels, like naas.example.com, got 'https://naas.example.com'
            label ends in hyphen  | {"domain": "naas-.example.com", "certificateArn": "%s"}             | naas:platform.domain: must be a lower case DNS name with at least two labels, like naas.example.com, got 'naas-.example.com'
            missing certificate   | {"domain": "naas.example.com"}                                      | naas:platform.certificateArn: is required but not set
            content = hub domain  | {"domain": "naas.example.com", "certificateArn": "%s", "userContentDomain": "naas.example.com"}      | naas:platform.userContentDomain: must be another registrable domain than domain (naas.example.com), neither equal to nor under it nor above it: pages under it could set cookies for the hub; got 'naas.example.com'
            content under hub     | {"domain": "naas.example.com", "certificateArn": "%s", "userContentDomain": "public.naas.example.com"} | naas:platform.userContentDomain: must be another registrable domain than domain (naas.example.com), neither equal to nor under it nor above it: pages under it could set cookies for the hub; got 'public.naas.example.com'
            content above hub     | {"domain": "naas.example.com", "certificateArn": "%s", "userContentDomain": "example.com"}           | naas:platform.userContentDomain: must be another registrable domain than domain (naas.example.com), neither equal to nor under it nor above it: pages under it could set cookies for the hub; got 'example.com'
            wrong ingress cidrs   | {"domain": "naas.example.com", "certificateArn": "%s", "ingressAllowedCidrs": ["10.0.0.0/8", "10.1.2.3/16"]} | naas:platform.ingressAllowedCidrs[1]: has host bits set in '10.1.2.3/16'; did you mean 10.1.0.0/16?
            not a cidr            | {"domain": "naas.example.com", "certificateArn": "%s", "ingressAllowedCidrs": ["office"]} | naas:platform.ingressAllowedCidrs[0]: must be an IPv4 CIDR block like 10.0.0.0/16, got 'office'
            nobody allowed        | {"domain": "naas.example.com", "certificateArn": "%s", "ingressAllowedCidrs": []} | naas:platform.ingressAllowedCidrs: must list at least one CIDR block; nobody could reach the hub otherwise (use 0.0.0.0/0 for a public hub)
            unknown field         | {"domain": "naas.example.com", "certificateArn": "%s", "tls": true} | naas:platform.tls: unknown setting; known settings are certificateArn, certificateDomain, domain, ingressAllowedCidrs, userContentDomain
            """)
    void aWrongSettingIsRefusedNamingItsKey(String why, String json, String message) {
        assertThatThrownBy(() -> read(json.formatted(CERTIFICATE)))
                .as(why)
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({
            "arn:aws:acm:eu-west-3:123456789012:certificate/not-a-uuid",
            "arn:aws:iam::123456789012:server-certificate/naas",
            "arn:aws:acm:eu-west-3:1234:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
            "arn:aws:acm::123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
            "0a1b2c3d-4e5f-6789-abcd-ef0123456789"})
    void onlyAnAcmCertificateArnIsAccepted(String arn) {
        assertThatThrownBy(() -> read("{\"domain\": \"naas.example.com\", \"certificateArn\": \"" + arn + "\"}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("naas:platform.certificateArn: must be an ACM certificate ARN like "
                        + "arn:aws:acm:eu-west-3:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789, got '"
                        + arn + "'");
    }

    @Test
    void aCertificateOfAnotherRegionIsRefusedBecauseTheLoadBalancerCannotUseIt() {
        var settings = new PlatformSettings("naas.example.com",
                "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789", null);

        assertThatThrownBy(() -> settings.requireCertificateIn("eu-west-3"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("naas:platform.certificateArn: the certificate is in us-east-1 but the stack is in eu-west-3;"
                        + " a load balancer can only use an ACM certificate of its own region");
        assertThat(settings.requireCertificateIn("us-east-1")).isSameAs(settings);
    }

    private static PlatformSettings read(String json) {
        return new ConfigReader(MapConfigSource.of(Map.of(PlatformSettings.KEY, json)))
                .required(PlatformSettings.KEY, PlatformSettings.class);
    }
}
