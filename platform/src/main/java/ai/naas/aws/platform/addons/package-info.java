/**
 * Cluster add-ons every stack needs: autoscaler, EFS CSI driver and home storage, ingress controller, metrics.
 */
package ai.naas.aws.platform.addons;
