/**
 * The baseline rules a correct deployment's plan passes.
 */
package ai.naas.aws.tools.policy;
