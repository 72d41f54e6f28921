/**
 * The RDS PostgreSQL instance the hub and the Naas services keep their data in.
 */
package ai.naas.aws.infra.database;
