/**
 * Small helpers every layer shares, one per job: Pulumi Output plumbing, canonical JSON, SHA-256.
 */
package ai.naas.aws.support;
