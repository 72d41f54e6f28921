package ai.naas.aws.infra.database;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.rds.Instance;
import com.pulumi.aws.rds.InstanceArgs;
import com.pulumi.aws.rds.ParameterGroup;
import com.pulumi.aws.rds.ParameterGroupArgs;
import com.pulumi.aws.rds.SubnetGroup;
import com.pulumi.aws.rds.SubnetGroupArgs;
import com.pulumi.aws.rds.inputs.ParameterGroupParameterArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * The RDS PostgreSQL instance holding the hub's and the Naas services' databases: private, encrypted with
 * the stack's database key, TLS forced, the master password managed by AWS in Secrets Manager, automated
 * backups, deletion protection, a final snapshot, Performance Insights, and Pulumi {@code protect}.
 * Reachable on 5432 from the cluster's nodes only.
 */
public final class Database extends ComponentResource {

    public static final int PORT = 5432;
    /** The master user; apps get roles of their own from the bootstrap SQL. */
    public static final String MASTER_USER = "naas_admin";

    private final Output<String> address;
    private final Output<Integer> port;
    private final Output<String> masterSecretArn;

    public Database(String name, DatabaseSettings settings, Output<String> vpcId, Output<List<String>> privateSubnetIds,
                    Output<String> nodeSecurityGroupId, Output<String> keyArn, ComponentResourceOptions options) {
        super("naas:infra:Database", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var group = new SecurityGroup(name + "-postgres", SecurityGroupArgs.builder()
                .vpcId(vpcId)
                .description("PostgreSQL from the cluster's nodes only")
                .tags(Map.of("Name", name + "-postgres"))
                .build(), child);
        new SecurityGroupIngressRule(name + "-postgres-from-nodes", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(group.id())
                .referencedSecurityGroupId(nodeSecurityGroupId)
                .ipProtocol("tcp").fromPort(PORT).toPort(PORT)
                .description("PostgreSQL from the EKS nodes")
                .build(), child);
        var subnets = new SubnetGroup(name, SubnetGroupArgs.builder()
                .subnetIds(privateSubnetIds)
                .description("the three private subnets")
                .build(), child);
        var parameters = new ParameterGroup(name, ParameterGroupArgs.builder()
                .family("postgres" + settings.engineVersion())
                .description("naas: TLS only")
                .parameters(ParameterGroupParameterArgs.builder().name("rds.force_ssl").value("1").build())
                .build(), child);

        var instance = new Instance(name, InstanceArgs.builder()
                .identifier(name)
                .engine("postgres")
                .engineVersion(settings.engineVersion())
                .autoMinorVersionUpgrade(true)
                .instanceClass(settings.instanceClass())
                .allocatedStorage(settings.allocatedStorageGiB())
                .maxAllocatedStorage(settings.maxAllocatedStorageGiB())
                .storageType("gp3")
                .storageEncrypted(true)
                .kmsKeyId(keyArn)
                .username(MASTER_USER)
                .manageMasterUserPassword(true)
                .masterUserSecretKmsKeyId(keyArn)
                .dbSubnetGroupName(subnets.name())
                .parameterGroupName(parameters.name())
                .vpcSecurityGroupIds(group.id().applyValue(List::of))
                .publiclyAccessible(false)
                .multiAz(settings.multiAz())
                .backupRetentionPeriod(settings.backupRetentionDays())
                .copyTagsToSnapshot(true)
                .deletionProtection(true)
                .skipFinalSnapshot(false)
                .finalSnapshotIdentifier(name + "-final")
                .performanceInsightsEnabled(true)
                .performanceInsightsKmsKeyId(keyArn)
                .build(), CustomResourceOptions.builder().parent(this).protect(true).build());

        this.address = instance.address();
        this.port = instance.port();
        this.masterSecretArn = instance.masterUserSecrets()
                .applyValue(secrets -> secrets.get(0).secretArn().orElseThrow());
        registerOutputs(Map.of("address", address, "port", port));
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
}
