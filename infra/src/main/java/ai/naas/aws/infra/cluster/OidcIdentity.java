package ai.naas.aws.infra.cluster;

import com.pulumi.core.Output;

/**
 * The cluster's identity provider for IAM roles for service accounts.
 *
 * @param providerArn the IAM OIDC provider's ARN
 * @param issuerUrl   the cluster's OIDC issuer, {@code https://oidc.eks.<region>.amazonaws.com/id/<id>}
 */
public record OidcIdentity(Output<String> providerArn, Output<String> issuerUrl) {
}
