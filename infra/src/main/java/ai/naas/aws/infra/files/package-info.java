/**
 * The EFS file system shared by the Jupyter servers and the SFTP host: every user's home under home/<username>.
 */
package ai.naas.aws.infra.files;
