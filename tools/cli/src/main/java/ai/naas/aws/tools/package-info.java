/**
 * The naas command: offline plan, policy and the other tools of the stacks, on picocli.
 */
package ai.naas.aws.tools;
