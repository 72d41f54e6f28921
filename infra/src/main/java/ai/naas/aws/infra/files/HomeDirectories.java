package ai.naas.aws.infra.files;

/**
 * The one convention for where a user's files live on the shared file system: {@code home/<username>} is
 * that user's Jupyter home and where their SFTP uploads land, owned by the notebook uid/gid.
 */
public final class HomeDirectories {

    /** The folder of all homes, relative to the file system's root. */
    public static final String ROOT = "home";

    private HomeDirectories() {
    }

    /** A user's home, relative to the file system's root. */
    public static String of(String username) {
        return ROOT + "/" + username;
    }
}
