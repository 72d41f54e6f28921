/**
 * The stack's preflight: the AWS resources its config names (admin roles, the ingress certificate) are looked up
 * with data-source invokes before anything that uses them is created.
 */
package ai.naas.aws.infra.preflight;
