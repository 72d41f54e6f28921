/**
 * The Kubernetes layer on the cluster: the app catalog, a namespace and a database per app, and every enabled
 * app deployed through the SPI.
 */
package ai.naas.aws.platform;
