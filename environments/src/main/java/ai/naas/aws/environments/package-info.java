/**
 * The stack program: reads the stack's config once, then builds the AWS layer, the platform and the enabled apps
 * in one dependency graph.
 */
package ai.naas.aws.environments;
