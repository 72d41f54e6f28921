/**
 * The naas-callback app: webhooks that notebooks wait on, served on charts/naas-service.
 */
package ai.naas.aws.apps.naascallback;
