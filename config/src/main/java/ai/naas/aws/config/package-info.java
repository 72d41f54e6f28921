/**
 * Stack configuration, read once: ConfigReader binds each section to a validated record, errors are one line
 * naming the full key, secrets never print; and the validators every layer shares (DNS names, regions, image
 * references). Knows nothing of AWS resources, the platform or apps.
 */
package ai.naas.aws.config;
