/**
 * The offline engine: runs a Pulumi program under the SDK's mock engine, answering like AWS would, and records
 * every resource as a Plan.
 */
package ai.naas.aws.plan;
