/**
 * The EKS cluster component, its worker groups, node pools, OIDC identity and IAM roles for service accounts.
 * Our own, in place of pulumi-eks.
 */
package ai.naas.aws.infra.cluster;
