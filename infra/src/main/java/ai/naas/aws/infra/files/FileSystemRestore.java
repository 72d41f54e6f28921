package ai.naas.aws.infra.files;

import ai.naas.aws.config.InvalidSetting;

/**
 * The shared file system restored from an AWS Backup recovery point: config key
 * {@code naas:sharedFiles.restoreFrom}.
 *
 * <p>Pulumi has no resource that runs an AWS Backup restore job, so the restore is done by the runbook
 * ({@code aws backup start-restore-job} into a new, encrypted file system; docs/OPERATIONS.md) and this
 * setting points the stack at its result: the stack then mounts the restored file system in the three
 * private subnets, gives the hub and the SFTP host its id, backs it up and watches it. The file system the
 * stack ran on before is left as it was. The restored file system is read by id, not managed: its
 * throughput mode and lifecycle are set by the runbook.
 *
 * @param recoveryPoint the recovery point restored, {@code arn:aws:backup:<region>:<account>:recovery-point:<id>}:
 *                      a record of where the data came from. Required.
 * @param fileSystemId  the file system the restore job created, {@code fs-...}. Required.
 */
public record FileSystemRestore(String recoveryPoint, String fileSystemId) {

    public FileSystemRestore {
        if (recoveryPoint == null || !recoveryPoint.matches(
                "arn:aws(-[a-z]+)*:backup:[a-z0-9-]+:\\d{12}:recovery-point:[A-Za-z0-9-]+")) {
            throw new InvalidSetting("recoveryPoint", "must be an AWS Backup recovery point ARN like "
                    + "arn:aws:backup:eu-west-3:123456789012:recovery-point:1a2b3c4d-..., got "
                    + (recoveryPoint == null ? "nothing" : "'" + recoveryPoint + "'"));
        }
        if (fileSystemId == null || !fileSystemId.matches("fs-[0-9a-f]{8,40}")) {
            throw new InvalidSetting("fileSystemId", "must be the id of the file system the restore job created, "
                    + "like fs-0123456789abcdef0, got " + (fileSystemId == null ? "nothing" : "'" + fileSystemId + "'"));
        }
    }
}
