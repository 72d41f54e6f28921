/**
 * IAM policy documents as typed values, written as AWS reads them.
 */
package ai.naas.aws.infra.iam;
