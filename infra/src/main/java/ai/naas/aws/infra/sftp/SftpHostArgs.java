package ai.naas.aws.infra.sftp;

import com.pulumi.core.Output;

import java.util.List;

/**
 * What the {@link SftpHost} is built from.
 *
 * @param settings        users, allowed networks, instance type
 * @param vpcId           the VPC
 * @param vpcCidr         the VPC's block (load balancer health checks come from inside it)
 * @param publicSubnetIds the three public subnets
 * @param fileSystemId    the shared file system it mounts
 * @param fileSystemArn   the file system's ARN, for the instance role's EFS client permissions
 * @param diskKeyArn      the KMS key for its root volume
 * @param notebookUid     the uid uploads are owned by
 * @param notebookGid     the gid uploads are owned by
 */
public record SftpHostArgs(
        SftpSettings settings,
        Output<String> vpcId,
        Output<String> vpcCidr,
        Output<List<String>> publicSubnetIds,
        Output<String> fileSystemId,
        Output<String> fileSystemArn,
        Output<String> diskKeyArn,
        int notebookUid,
        int notebookGid) {
}
