/**
 * The naas-notifications app: e-mails sent on behalf of users, served on charts/naas-service.
 */
package ai.naas.aws.apps.naasnotifications;
