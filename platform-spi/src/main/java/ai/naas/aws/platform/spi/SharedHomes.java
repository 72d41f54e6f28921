package ai.naas.aws.platform.spi;

import com.pulumi.core.Output;

/**
 * The shared EFS home tree as an app sees it: a PersistentVolumeClaim in the app's namespace bound to the
 * file system's root, and the convention that {@code home/<username>} is a user's home.
 *
 * @param claimName    the claim in the app's namespace
 * @param fileSystemId the EFS file system behind it
 * @param homeSubPath  the sub-path of a user's home, with JupyterHub's {@code {username}} placeholder
 * @param uid          the notebook user's uid, which owns every home
 * @param gid          the notebook user's gid
 */
public record SharedHomes(String claimName, Output<String> fileSystemId, String homeSubPath, int uid, int gid) {
}
