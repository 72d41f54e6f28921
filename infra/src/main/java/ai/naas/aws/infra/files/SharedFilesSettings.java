package ai.naas.aws.infra.files;

import ai.naas.aws.config.Settings;

/**
 * The shared file system: config key {@code naas:sharedFiles}.
 *
 * @param notebookUid the uid the single-user servers run as, which owns every home directory.
 *                    @default 21 (Naas's image runs as user {@code ftp}, uid 21)
 * @param notebookGid the notebook user's gid. @default 21
 * @param restoreFrom set to come up on a file system restored by AWS Backup, see {@link FileSystemRestore} and
 *                    the runbook in docs/OPERATIONS.md. @default none
 */
public record SharedFilesSettings(Integer notebookUid, Integer notebookGid, FileSystemRestore restoreFrom) {

    public SharedFilesSettings {
        notebookUid = Settings.inRange("notebookUid", Settings.orDefault(notebookUid, 21), 1, 2_147_483_646);
        notebookGid = Settings.inRange("notebookGid", Settings.orDefault(notebookGid, 21), 1, 2_147_483_646);
    }

    /** Settings without a restore. */
    public SharedFilesSettings(Integer notebookUid, Integer notebookGid) {
        this(notebookUid, notebookGid, null);
    }

    /** The restored file system to run on, if any. */
    public java.util.Optional<FileSystemRestore> restore() {
        return java.util.Optional.ofNullable(restoreFrom);
    }

    /** The defaults. */
    public static SharedFilesSettings defaults() {
        return new SharedFilesSettings(null, null);
    }
}
