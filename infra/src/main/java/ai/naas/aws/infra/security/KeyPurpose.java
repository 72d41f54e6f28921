package ai.naas.aws.infra.security;

/** What a KMS key encrypts. One key per purpose, so that access to one kind of data grants no other. */
public enum KeyPurpose {
    /** Kubernetes Secrets in etcd (EKS envelope encryption). */
    CLUSTER_SECRETS("cluster-secrets", "EKS secrets envelope encryption"),
    /** The shared EFS file system. */
    FILE_SYSTEM("file-system", "EFS home directories"),
    /** RDS storage, snapshots and the managed master password. */
    DATABASE("database", "RDS PostgreSQL storage and master secret"),
    /** EBS volumes of the worker nodes and the SFTP host. */
    DISKS("disks", "EBS volumes of EC2 instances"),
    /** The stack's CloudWatch log groups: EKS control-plane logs and VPC flow logs. */
    LOGS("logs", "CloudWatch log groups of the stack"),
    /** The stack's alert topic (SNS): CloudWatch alarms publish to it. */
    ALERTS("alerts", "SNS alert topic"),
    /** The AWS Backup vault holding the stack's recovery points. */
    BACKUPS("backups", "AWS Backup vault"),
    /** The ECR repositories the image cache creates (pull-through cache of Docker Hub). */
    IMAGES("images", "ECR image cache repositories");

    private final String slug;
    private final String description;

    KeyPurpose(String slug, String description) {
        this.slug = slug;
        this.description = description;
    }

    /** The short name used in resource names and aliases. */
    public String slug() {
        return slug;
    }

    /** What the key is for, as written in its description. */
    public String description() {
        return description;
    }
}
