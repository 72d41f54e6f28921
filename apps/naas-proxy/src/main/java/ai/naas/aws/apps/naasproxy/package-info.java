/**
 * The naas-proxy app: the public URLs of notebooks, forwarded to each user's Naas runner; served on charts/naas-
 * service.
 */
package ai.naas.aws.apps.naasproxy;
