/**
 * The naas-screenshot app: pages rendered to images, served on charts/naas-service.
 */
package ai.naas.aws.apps.naasscreenshot;
