/**
 * Each app's own database and role on the RDS instance, created by a bootstrap Job in the cluster, and the
 * connection Secret the app reads.
 */
package ai.naas.aws.platform.database;
