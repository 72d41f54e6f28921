/**
 * The stack's CI runner: a CodeBuild project that GitHub Actions uses as a self-hosted runner inside the
 * stack's VPC, so that {@code pulumi up} reaches the cluster's private API endpoint (docs/DEPLOYING.md).
 */
package ai.naas.aws.infra.ci;
