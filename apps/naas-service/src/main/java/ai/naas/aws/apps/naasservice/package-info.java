/**
 * What the four Naas services share: the app template on the SPI, their settings and defaults, and the values of
 * the repository's charts/naas-service chart.
 */
package ai.naas.aws.apps.naasservice;
