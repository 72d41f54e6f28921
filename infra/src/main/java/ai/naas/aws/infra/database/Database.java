package ai.naas.aws.infra.database;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.rds.Instance;
import com.pulumi.aws.rds.InstanceArgs;
import com.pulumi.aws.rds.ParameterGroup;
import com.pulumi.aws.rds.ParameterGroupArgs;
import com.pulumi.aws.rds.SubnetGroup;
import com.pulumi.aws.rds.SubnetGroupArgs;
import com.pulumi.aws.rds.inputs.InstanceRestoreToPointInTimeArgs;
import com.pulumi.aws.rds.inputs.ParameterGroupParameterArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The RDS PostgreSQL instance holding the hub's and the Naas services' databases: private, encrypted with
 * the stack's database key, TLS forced, the master password managed by AWS in Secrets Manager, automated
 * backups, deletion protection, a final snapshot, Performance Insights, its {@code postgresql} and {@code upgrade}
 * logs exported to CloudWatch Logs, and Pulumi {@code protect}.
 * Reachable on 5432 from the cluster's nodes only.
 */
public final class Database extends ComponentResource {

    public static final int PORT = 5432;
    /** The master user; apps get roles of their own from the bootstrap SQL. */
    public static final String MASTER_USER = "naas_admin";
    /** The logs RDS for PostgreSQL exports to CloudWatch Logs (CreateDBInstance EnableCloudwatchLogsExports). */
    public static final List<String> LOG_EXPORTS = List.of("postgresql", "upgrade");
    /**
     * The certificate authority of the server's TLS certificate, named rather than left to RDS's default: the
     * platform's clients verify the server against this authority's root (platform/database's RDS CA bundle).
     */
    public static final String CA_CERT_IDENTIFIER = "rds-ca-rsa2048-g1";

    private final Output<String> identifier;
    private final Output<String> arn;
    private final Output<String> address;
    private final Output<Integer> port;
    private final Output<String> masterSecretArn;
    private final Output<String> masterSecretKeyArn;

    /**
     * @param args the settings, where it runs, who may reach it, and its key
     */
    public Database(String name, Args args, ComponentResourceOptions options) {
        super("naas:infra:Database", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var settings = args.settings();

        var group = new SecurityGroup(name + "-postgres", SecurityGroupArgs.builder()
                .vpcId(args.vpcId())
                .description("PostgreSQL from the cluster nodes only")
                .tags(Map.of("Name", name + "-postgres"))
                .build(), child);
        new SecurityGroupIngressRule(name + "-postgres-from-nodes", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(group.id())
                .referencedSecurityGroupId(args.clientSecurityGroupId())
                .ipProtocol("tcp").fromPort(PORT).toPort(PORT)
                .description("PostgreSQL from the EKS nodes")
                .build(), child);
        var subnets = new SubnetGroup(name, SubnetGroupArgs.builder()
                .subnetIds(args.privateSubnetIds())
                .description("the three private subnets")
                .build(), child);
        var parameters = new ParameterGroup(name, ParameterGroupArgs.builder()
                .family("postgres" + settings.engineVersion())
                .description("naas: TLS only")
                .parameters(ParameterGroupParameterArgs.builder().name("rds.force_ssl").value("1").build())
                .build(), child);

        var instance = new Instance(name, common(name, settings, args.keyArn(), subnets, parameters, group)
                .username(MASTER_USER)
                .build(), CustomResourceOptions.builder().parent(this).protect(true).build());
        // A restore is a new instance beside the current one, which keeps its inputs exactly: nothing about
        // it changes, so Pulumi leaves it alone and it can be inspected or returned to.
        var live = settings.restore().map(restore -> new Instance(name + "-" + restore.tag(),
                restoredFrom(restore, common(name + "-" + restore.tag(), settings, args.keyArn(), subnets, parameters,
                        group)).build(), CustomResourceOptions.builder().parent(this).protect(true).build()))
                .orElse(instance);

        this.identifier = live.identifier();
        this.arn = live.arn();
        this.address = live.address();
        this.port = live.port();
        this.masterSecretArn = live.masterUserSecrets()
                .applyValue(secrets -> secrets.get(0).secretArn().orElseThrow());
        this.masterSecretKeyArn = args.keyArn();
        registerOutputs(Map.of("address", address, "port", port));
    }

    /**
     * What the stack's instance and a restored one share: everything but where the data comes from.
     *
     * @param identifier the RDS identifier, also the instance's logical name
     */
    private static InstanceArgs.Builder common(String identifier, DatabaseSettings settings, Output<String> keyArn,
                                               SubnetGroup subnets, ParameterGroup parameters, SecurityGroup group) {
        var args = InstanceArgs.builder()
                .identifier(identifier)
                .engine("postgres")
                .engineVersion(settings.engineVersion())
                .autoMinorVersionUpgrade(true)
                .instanceClass(settings.instanceClass())
                .allocatedStorage(settings.allocatedStorageGiB())
                .maxAllocatedStorage(settings.maxAllocatedStorageGiB())
                .storageType("gp3")
                .storageEncrypted(true)
                .kmsKeyId(keyArn)
                .manageMasterUserPassword(true)
                .masterUserSecretKmsKeyId(keyArn)
                .caCertIdentifier(CA_CERT_IDENTIFIER)
                .dbSubnetGroupName(subnets.name())
                .parameterGroupName(parameters.name())
                .vpcSecurityGroupIds(group.id().applyValue(List::of))
                .publiclyAccessible(false)
                .multiAz(settings.multiAz())
                .backupRetentionPeriod(settings.backupRetentionDays())
                .copyTagsToSnapshot(true)
                .deletionProtection(true)
                .skipFinalSnapshot(false)
                .finalSnapshotIdentifier(identifier + "-final")
                .performanceInsightsEnabled(true)
                .performanceInsightsKmsKeyId(keyArn)
                // The server's log and the major-version upgrade log go to CloudWatch Logs, where they outlive
                // the instance and can be searched; RDS names the groups /aws/rds/instance/<identifier>/<log>.
                .enabledCloudwatchLogsExports(LOG_EXPORTS);
        if (settings.upgradesMajorVersion()) {
            // A major upgrade is refused unless allowed, and must move to the parameter group of the new
            // family in the same call; applied now, in the window the operator chose, not at maintenance.
            args.allowMajorVersionUpgrade(true).applyImmediately(true);
        }
        return args;
    }

    /** The restored instance's source: a snapshot (the master user comes with it) or a point in time. */
    private static InstanceArgs.Builder restoredFrom(DatabaseRestore restore, InstanceArgs.Builder args) {
        if (restore.snapshot() != null) {
            return args.snapshotIdentifier(restore.snapshot());
        }
        var pit = InstanceRestoreToPointInTimeArgs.builder()
                .sourceDbInstanceIdentifier(restore.pointInTime().source());
        restore.pointInTime().instant().ifPresentOrElse(pit::restoreTime, () -> pit.useLatestRestorableTime(true));
        return args.restoreToPointInTime(pit.build());
    }

    /** The RDS identifier of the instance the apps use (the restored one while a restore is configured). */
    public Output<String> identifier() {
        return identifier;
    }

    /** The ARN of the instance the apps use, for the backup plan. */
    public Output<String> arn() {
        return arn;
    }

    /** The host name apps connect to. */
    public Output<String> address() {
        return address;
    }

    public Output<Integer> port() {
        return port;
    }

    /** The Secrets Manager secret RDS keeps the master credentials in. */
    public Output<String> masterSecretArn() {
        return masterSecretArn;
    }

    /** The KMS key that encrypts the master secret (the stack's database key). */
    public Output<String> masterSecretKeyArn() {
        return masterSecretKeyArn;
    }

    /**
     * What the database is built from.
     *
     * @param settings              engine, class, storage, Multi-AZ, backups ({@code naas:database})
     * @param vpcId                 the VPC
     * @param privateSubnetIds      its subnet group: the three private subnets
     * @param clientSecurityGroupId the one security group allowed to reach 5432: the cluster's nodes
     * @param keyArn                the KMS key for storage, Performance Insights and the master secret
     */
    public record Args(DatabaseSettings settings, Output<String> vpcId, Output<List<String>> privateSubnetIds,
                       Output<String> clientSecurityGroupId, Output<String> keyArn) {
        public Args {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(vpcId, "vpcId");
            Objects.requireNonNull(privateSubnetIds, "privateSubnetIds");
            Objects.requireNonNull(clientSecurityGroupId, "clientSecurityGroupId");
            Objects.requireNonNull(keyArn, "keyArn");
        }
    }
}
