/**
 * What an app compiles against: NaasApp (what an app implements) and AppContext (what it receives), in types of
 * their own; no AWS layer.
 */
package ai.naas.aws.platform.spi;
