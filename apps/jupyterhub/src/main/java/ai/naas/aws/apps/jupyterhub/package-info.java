/**
 * The JupyterHub app: the Zero to JupyterHub chart on the stack's RDS database and EFS homes, one Jupyter server
 * per user running the Naas runner, on the jupyter pool. Compiles against the platform SPI only.
 */
package ai.naas.aws.apps.jupyterhub;
