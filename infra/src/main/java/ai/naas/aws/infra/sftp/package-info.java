/**
 * The SFTP host: users upload into their Jupyter home on the shared file system.
 */
package ai.naas.aws.infra.sftp;
