/**
 * The per-account program: what every stack of an account stands on (state bucket, secrets keys, CI roles) and
 * the account's own baseline.
 */
package ai.naas.aws.environments.bootstrap;
