package ai.naas.aws.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The validators every layer shares, one rule each: host names, regions and zones, image references, e-mail
 * subscribers.
 */
class SharedValidatorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"naas.example.com", "hub.naas.example.com", "a.io", "x-1.example.org", "0.example.com"})
    void domainNamesInLowerCaseAreAccepted(String name) {
        assertThat(DnsNames.name("domain", name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Naas.example.com", "example", "-a.example.com", "a-.example.com", "a..example.com",
            "example.com.", "a.1com", "a_b.example.com", "hub.naas.example.com:443"})
    void anythingElseIsNotADomainName(String name) {
        assertThatThrownBy(() -> DnsNames.name("domain", name)).isInstanceOfSatisfying(InvalidSetting.class,
                e -> assertThat(e.field()).isEqualTo("domain"));
    }

    @ParameterizedTest
    @CsvSource({"public,true", "a,true", "a-b-1,true", "-a,false", "a-,false", "A,false", "a.b,false", "'',false"})
    void aLabelIsOneLowerCaseDnsLabel(String label, boolean valid) {
        assertThat(DnsNames.isLabel(label)).isEqualTo(valid);
    }

    @org.junit.jupiter.api.Test
    void labelsAndNamesKeepTheirLengthLimits() {
        assertThat(DnsNames.isLabel("a".repeat(63))).isTrue();
        assertThat(DnsNames.isLabel("a".repeat(64))).isFalse();
        String longest = ("a".repeat(63) + ".").repeat(3) + "a".repeat(61);
        assertThat(longest).hasSize(253);
        assertThat(DnsNames.isName(longest)).isTrue();
        assertThat(DnsNames.isName("a" + longest)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"hub.example.com,example.com,true", "example.com,example.com,true",
            "example.com.evil.io,example.com,false", "notexample.com,example.com,false"})
    void aNameIsWithinADomainOnlyAtALabelBoundary(String name, String domain, boolean within) {
        assertThat(DnsNames.isWithin(name, domain)).isEqualTo(within);
    }

    @ParameterizedTest
    @CsvSource({"eu-west-3,true", "us-gov-west-1,true", "ap-southeast-2,true", "eu-west-3a,false", "EU-west-3,false",
            "euwest3,false"})
    void regionsAreSpelledAsAwsSpellsThem(String region, boolean valid) {
        assertThat(AwsRegions.isRegion(region)).isEqualTo(valid);
    }

    @org.junit.jupiter.api.Test
    void aZoneBelongsToTheRegionItsNameStartsWith() {
        assertThat(AwsRegions.isZone("eu-west-3a")).isTrue();
        assertThat(AwsRegions.isZone("eu-west-3")).isFalse();
        assertThat(AwsRegions.regionOf("us-gov-west-1b")).isEqualTo("us-gov-west-1");
        assertThatThrownBy(() -> AwsRegions.region("aws:region", "Paris"))
                .hasMessage("aws:region: must be an AWS region like eu-west-3, got 'Paris'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jupyternaas/naas", "registry.example.com:5000/team/image", "naas", "a/b__c/d-e",
            "localhost/naas", "Registry.Example.com/team/image"})
    void imageNamesFollowTheDistributionGrammar(String name) {
        assertThat(ImageReferences.name("image.repository", name, "jupyternaas/naas")).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jupyternaas/naas:2.6.3", "jupyternaas/naas@sha256:abc", "Jupyternaas/naas", "a//b", "/a"})
    void imageNamesWithATagADigestOrUpperCasePathsAreRefused(String name) {
        assertThatThrownBy(() -> ImageReferences.name("image.repository", name, "jupyternaas/naas"))
                .isInstanceOf(InvalidSetting.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "LATEST", "Latest"})
    void latestIsNotAPinnedTagInAnyCase(String tag) {
        assertThatThrownBy(() -> ImageReferences.tag("image.tag", tag, "2.6.3"))
                .hasMessage("image.tag: must be a pinned version, not '" + tag + "'");
    }

    @ParameterizedTest
    @CsvSource({"2.6.3,true", "v1.0.0-rc.1,true", "_x,true", ".x,false", "-x,false", "a:b,false"})
    void tagsFollowTheDistributionGrammar(String tag, boolean valid) {
        if (valid) {
            assertThat(ImageReferences.tag("image.tag", tag, "2.6.3")).isEqualTo(tag);
        } else {
            assertThatThrownBy(() -> ImageReferences.tag("image.tag", tag, "2.6.3")).isInstanceOf(InvalidSetting.class);
        }
        assertThat(ImageReferences.tag("image.tag", "a".repeat(128), "2.6.3")).hasSize(128);
        assertThatThrownBy(() -> ImageReferences.tag("image.tag", "a".repeat(129), "2.6.3")).isInstanceOf(InvalidSetting.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "oncall@example.com|true", "first.last+naas@ops.example.co.uk|true", "o'brien@example.ie|true",
            "a_b%c-d@example.com|true",
            "on call@example.com|false", "oncall.example.com|false", "oncall@localhost|false", "b@example|false",
            ".lead@example.com|false", "trail.@example.com|false", "two..dots@example.com|false",
            "\"quoted\"@example.com|false", "Ops <ops@example.com>|false", "ops@-example.com|false", "ops@example.c0m|false"})
    void anAlertSubscriberIsAPlainAddressSnsDeliversTo(String address, boolean valid) {
        assertThat(EmailAddresses.isAddress(address)).isEqualTo(valid);
    }

    @org.junit.jupiter.api.Test
    void anAddressKeepsRfc5321sLengthLimits() {
        String domain = "@example.com";
        assertThat(EmailAddresses.isAddress("a".repeat(64) + domain)).isTrue();
        assertThat(EmailAddresses.isAddress("a".repeat(65) + domain)).as("local part over 64").isFalse();
        String longDomain = ("a".repeat(63) + ".").repeat(3) + "com";   // 195 characters
        String local = "b".repeat(254 - 1 - longDomain.length());
        assertThat(EmailAddresses.isAddress(local + "@" + longDomain)).isTrue();
        assertThat(EmailAddresses.isAddress("b" + local + "@" + longDomain)).as("over 254").isFalse();
    }

    @org.junit.jupiter.api.Test
    void aSubscriberListedTwiceInAnyCaseIsRefusedNamingTheSecond() {
        assertThatThrownBy(() -> EmailAddresses.distinct("emails", java.util.List.of("a@example.com", "b@example.com",
                "A@Example.com"))).isInstanceOfSatisfying(InvalidSetting.class, e -> {
                    assertThat(e.field()).isEqualTo("emails[2]");
                    assertThat(e.getMessage()).contains("twice", "already emails[0]");
                });
        assertThatThrownBy(() -> EmailAddresses.distinct("emails", java.util.List.of("a@example.com", "nope")))
                .isInstanceOfSatisfying(InvalidSetting.class, e -> assertThat(e.field()).isEqualTo("emails[1]"));
    }
}
