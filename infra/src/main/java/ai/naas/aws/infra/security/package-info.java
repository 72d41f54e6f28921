/**
 * KMS keys, one per purpose, and the stack's admin role (the account's IAM settings are the bootstrap's).
 */
package ai.naas.aws.infra.security;
