/**
 * KMS keys, one per purpose, and the IAM settings of the account.
 */
package ai.naas.aws.infra.security;
