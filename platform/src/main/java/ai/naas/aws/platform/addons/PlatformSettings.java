package ai.naas.aws.platform.addons;

import ai.naas.aws.config.DnsNames;
import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;
import ai.naas.aws.infra.network.Cidr;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's public face: config key {@value #KEY}.
 *
 * <p>TLS ends at the ingress load balancer with an ACM certificate, so the certificate must cover the
 * domain's host names (a wildcard {@code *.<domain>} plus the apex is the usual shape) and live in the
 * stack's region (an NLB can only use a certificate of its own region; {@link AddOns} checks that).
 *
 * @param domain              the DNS name the hub and the Naas services are served under, e.g.
 *                            {@code naas.example.com}; apps get {@code <app>.<domain>}. Lower case. Required.
 * @param certificateArn      the ACM certificate the load balancer serves,
 *                            {@code arn:aws:acm:<region>:<account>:certificate/<uuid>}, in the stack's region and
 *                            account and ISSUED (the stack's preflight checks, before anything is created). Required.
 * @param certificateDomain   the certificate's domain name as ACM lists it (its first name, the others are its
 *                            alternative names): preflight finds the certificate by it, because ACM's data source
 *                            looks certificates up by domain name, not by ARN. A wildcard is written
 *                            {@code *.naas.example.com}. @default {@code *.<domain>}
 * @param ingressAllowedCidrs the IPv4 blocks that may reach the load balancer; at least one.
 *                            @default [0.0.0.0/0] (the hub is public)
 * @param userContentDomain   the DNS name the apps that serve what users write (the Naas proxy's public
 *                            notebook URLs, the callbacks) are served under, e.g. {@code naas-content.net}: another
 *                            registrable domain than {@code domain}, so that a page a user writes cannot set
 *                            cookies the hub reads (cookie tossing, GHSA-7r3h-4ph8-w38g). Neither may be equal to
 *                            or under the other. The certificate must cover its host names too (an ACM
 *                            certificate may name several domains). @default {@code domain} (siblings of the
 *                            hub: the hub's {@code __Host-} cookies still hold, its other cookies do not)
 */
public record PlatformSettings(String domain, String certificateArn, List<String> ingressAllowedCidrs,
                               String userContentDomain, String certificateDomain) {

    /** The config key this record is read from. */
    public static final String KEY = "naas:platform";

    /** Everyone: the hub is a public web site unless the stack narrows it. */
    public static final List<String> PUBLIC = List.of("0.0.0.0/0");

    private static final Pattern ACM_ARN = Pattern.compile(
            "arn:aws(?:-[a-z]+)*:acm:([a-z]{2}(?:-[a-z]+)+-\\d):\\d{12}:certificate/"
                    + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public PlatformSettings {
        domain = Settings.required("domain", domain);
        DnsNames.name("domain", domain);
        certificateArn = Settings.required("certificateArn", certificateArn);
        if (!ACM_ARN.matcher(certificateArn).matches()) {
            throw new InvalidSetting("certificateArn", "must be an ACM certificate ARN like "
                    + "arn:aws:acm:eu-west-3:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789, got '"
                    + certificateArn + "'");
        }
        if (certificateDomain == null) {
            certificateDomain = "*." + domain;
        } else if (!DnsNames.isName(certificateDomain.startsWith("*.") ? certificateDomain.substring(2) : certificateDomain)) {
            throw new InvalidSetting("certificateDomain", "must be the certificate's domain name as ACM lists it, "
                    + "a lower case DNS name, optionally a wildcard like *.naas.example.com, got '" + certificateDomain + "'");
        }
        if (userContentDomain == null) {
            userContentDomain = domain;
        } else if (DnsNames.name("userContentDomain", userContentDomain).equals(domain)
                || userContentDomain.endsWith("." + domain) || domain.endsWith("." + userContentDomain)) {
            throw new InvalidSetting("userContentDomain", "must be another registrable domain than domain ("
                    + domain + "), neither equal to nor under it nor above it: pages under it could set cookies for"
                    + " the hub; got '" + userContentDomain + "'");
        }
        ingressAllowedCidrs = ingressAllowedCidrs == null ? PUBLIC : Settings.listOf("ingressAllowedCidrs", ingressAllowedCidrs);
        if (ingressAllowedCidrs.isEmpty()) {
            throw new InvalidSetting("ingressAllowedCidrs", "must list at least one CIDR block; nobody could reach "
                    + "the hub otherwise (use 0.0.0.0/0 for a public hub)");
        }
        for (int i = 0; i < ingressAllowedCidrs.size(); i++) {
            try {
                Cidr.parse(ingressAllowedCidrs.get(i));
            } catch (IllegalArgumentException e) {
                throw new InvalidSetting("ingressAllowedCidrs[" + i + "]", e.getMessage());
            }
        }
    }

    /** The region the certificate lives in, e.g. {@code eu-west-3}. */
    public String certificateRegion() {
        Matcher m = ACM_ARN.matcher(certificateArn);
        if (!m.matches()) {
            throw new IllegalStateException("validated in the constructor");
        }
        return m.group(1);
    }

    /**
     * Checks that the certificate can be used by a load balancer in {@code region}: ACM certificates are
     * regional, and an NLB only uses certificates of its own region.
     *
     * @throws ConfigException naming {@code naas:platform.certificateArn} when it is in another region
     */
    public PlatformSettings requireCertificateIn(String region) {
        if (!certificateRegion().equals(region)) {
            throw new ConfigException(KEY + ".certificateArn", "the certificate is in " + certificateRegion()
                    + " but the stack is in " + region + "; a load balancer can only use an ACM certificate of its own region");
        }
        return this;
    }

    /** The stack's settings without a separate user-content domain. */
    public PlatformSettings(String domain, String certificateArn, List<String> ingressAllowedCidrs) {
        this(domain, certificateArn, ingressAllowedCidrs, null, null);
    }

    /** The stack's settings with the certificate found by its default domain name, {@code *.<domain>}. */
    public PlatformSettings(String domain, String certificateArn, List<String> ingressAllowedCidrs,
                            String userContentDomain) {
        this(domain, certificateArn, ingressAllowedCidrs, userContentDomain, null);
    }

    /** {@code <name>.<domain>}: the public host name of an app. */
    public String host(String name) {
        return name + "." + domain;
    }
}
