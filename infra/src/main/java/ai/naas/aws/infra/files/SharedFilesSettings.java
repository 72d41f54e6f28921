package ai.naas.aws.infra.files;

import ai.naas.aws.config.Settings;

/**
 * The shared file system: config key {@code naas:sharedFiles}.
 *
 * @param notebookUid the uid the single-user servers run as, which owns every home directory.
 *                    @default 21 (Naas's image runs as user {@code ftp}, uid 21)
 * @param notebookGid the notebook user's gid. @default 21
 */
public record SharedFilesSettings(Integer notebookUid, Integer notebookGid) {

    public SharedFilesSettings {
        notebookUid = Settings.inRange("notebookUid", Settings.orDefault(notebookUid, 21), 1, 2_147_483_646);
        notebookGid = Settings.inRange("notebookGid", Settings.orDefault(notebookGid, 21), 1, 2_147_483_646);
    }

    /** The defaults. */
    public static SharedFilesSettings defaults() {
        return new SharedFilesSettings(null, null);
    }
}
