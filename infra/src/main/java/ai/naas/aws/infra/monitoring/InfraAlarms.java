package ai.naas.aws.infra.monitoring;

import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The alarms on the stack's AWS resources, each notifying the stack's {@link AlertTopic}: the database
 * (CPU, free storage, freeable memory, connections), the shared file system (burst credits or I/O limit,
 * by throughput mode), the SFTP load balancer (no healthy host), each node group (at its maximum size: users
 * wait for servers), each NAT gateway (port allocation errors) and the ingress certificate (days to expiry).
 *
 * <p>Every dimension is an output of the watched resource (the instance's identifier, the file system's
 * id, the load balancer's ARN suffix, the Auto Scaling group EKS made), so an alarm follows its resource
 * through replacements and restores; only the certificate, which the stack does not create, is named by
 * the ARN its config gives. Replica lag is not watched: the stack runs no read replica (Multi-AZ's
 * standby is synchronous and publishes no lag).
 */
public final class InfraAlarms extends ComponentResource {

    /** Where the runbooks are, relative to the repository root. */
    public static final String RUNBOOKS = "docs/OPERATIONS.md";

    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final double MIB = 1024.0 * 1024;

    private final List<Alarm> alarms;
    private final List<MetricAlarm> registered = new ArrayList<>();

    /**
     * @param name the stack's base name, e.g. {@code naas-prod}: every alarm is named {@code <name>-<what>}
     * @param args the resources to watch and the thresholds
     */
    public InfraAlarms(String name, Args args, ComponentResourceOptions options) {
        super("naas:infra:InfraAlarms", name, options);
        this.alarms = alarms(name, args);
        alarms.forEach(alarm -> registered.add(alarm.register(this, args.topicArn())));
        registerOutputs(Map.of());
    }

    /** The alarms for these resources and thresholds, before registration. */
    static List<Alarm> alarms(String name, Args args) {
        var t = args.thresholds();
        var list = new ArrayList<Alarm>();
        var db = args.databaseIdentifier().applyValue(id -> Map.of("DBInstanceIdentifier", id));
        list.add(new Alarm(name + "-db-cpu", "AWS/RDS", "CPUUtilization", db, "Average", 300, 3,
                "GreaterThanThreshold", t.databaseCpuPercent(), "missing",
                "Database CPU above " + t.databaseCpuPercent() + "% for 15 minutes.",
                "find the busy queries in Performance Insights, then scale the instance class "
                        + "(naas:database.instanceClass); " + RUNBOOKS + "#database-cpu"));
        list.add(new Alarm(name + "-db-free-storage", "AWS/RDS", "FreeStorageSpace", db, "Minimum", 300, 1,
                "LessThanThreshold", t.databaseFreeStorageGiB() * GIB, "missing",
                "Database free storage below " + t.databaseFreeStorageGiB() + " GiB.",
                "storage autoscaling is at naas:database.maxAllocatedStorageGiB or blocked: raise it; "
                        + RUNBOOKS + "#database-storage"));
        list.add(new Alarm(name + "-db-freeable-memory", "AWS/RDS", "FreeableMemory", db, "Average", 300, 3,
                "LessThanThreshold", t.databaseFreeMemoryMiB() * MIB, "missing",
                "Database freeable memory below " + t.databaseFreeMemoryMiB() + " MiB for 15 minutes.",
                "check connections and work_mem, then scale the instance class; " + RUNBOOKS + "#database-memory"));
        list.add(new Alarm(name + "-db-connections", "AWS/RDS", "DatabaseConnections", db, "Average", 300, 3,
                "GreaterThanThreshold", t.databaseConnections(), "missing",
                "More than " + t.databaseConnections() + " database connections for 15 minutes.",
                "find the app holding them (pg_stat_activity by usename), restart it; "
                        + RUNBOOKS + "#database-connections"));

        var fs = args.fileSystemId().applyValue(id -> Map.of("FileSystemId", id));
        if ("bursting".equals(args.fileSystemThroughputMode())) {
            list.add(new Alarm(name + "-files-burst-credits", "AWS/EFS", "BurstCreditBalance", fs, "Minimum", 300, 1,
                    "LessThanThreshold", t.fileSystemBurstCreditsGiB() * GIB, "missing",
                    "Shared file system burst credits below " + t.fileSystemBurstCreditsGiB() + " GiB.",
                    "switch the file system to elastic throughput; " + RUNBOOKS + "#file-system-throughput"));
        } else {
            list.add(new Alarm(name + "-files-io-limit", "AWS/EFS", "PercentIOLimit", fs, "Maximum", 300, 3,
                    "GreaterThanThreshold", t.fileSystemIoLimitPercent(), "missing",
                    "Shared file system above " + t.fileSystemIoLimitPercent() + "% of its I/O limit for 15 minutes.",
                    "find the user or job doing heavy small-file I/O; " + RUNBOOKS + "#file-system-throughput"));
        }

        var sftp = Output.tuple(args.sftpLoadBalancer(), args.sftpTargetGroup())
                .applyValue(t2 -> Map.of("LoadBalancer", t2.t1, "TargetGroup", t2.t2));
        list.add(new Alarm(name + "-sftp-unhealthy", "AWS/NetworkELB", "HealthyHostCount", sftp, "Minimum", 60, 5,
                "LessThanThreshold", 1, "breaching",
                "The SFTP host has been unhealthy for 5 minutes: partners cannot upload.",
                "read the instance's set-up log through SSM, the Auto Scaling group replaces it; "
                        + RUNBOOKS + "#sftp-unhealthy"));

        for (var group : args.nodeGroups()) {
            var asg = group.autoscalingGroupName().applyValue(id -> Map.of("AutoScalingGroupName", id));
            list.add(new Alarm(name + "-" + group.pool() + "-nodes-at-max", "AWS/AutoScaling", "GroupInServiceInstances",
                    asg, "Minimum", 60, t.nodeGroupAtMaxMinutes(), "GreaterThanOrEqualToThreshold", group.maxSize(),
                    "missing",
                    "The " + group.pool() + " node group has been at its maximum (" + group.maxSize() + " nodes) for "
                            + t.nodeGroupAtMaxMinutes() + " minutes: pods, user servers included, may be waiting.",
                    "raise naas:nodeGroups." + group.pool() + ".maxSize or cull idle servers; "
                            + RUNBOOKS + "#node-group-at-max"));
        }

        var nats = args.natGatewayIds();
        for (int i = 0; i < nats.size(); i++) {
            var nat = nats.get(i).applyValue(id -> Map.of("NatGatewayId", id));
            list.add(new Alarm(name + "-nat-" + i + "-port-allocation", "AWS/NATGateway", "ErrorPortAllocation", nat,
                    "Sum", 300, 1, "GreaterThanOrEqualToThreshold", t.natPortAllocationErrors(), "notBreaching",
                    "NAT gateway " + i + " could not allocate source ports: outbound connections from the "
                            + "private subnets fail.",
                    "find the pod opening many connections to one destination; " + RUNBOOKS + "#nat-port-allocation"));
        }

        list.add(new Alarm(name + "-certificate-expiry", "AWS/CertificateManager", "DaysToExpiry",
                args.certificateArn().applyValue(arn -> Map.of("CertificateArn", arn)), "Minimum", 86400, 1,
                "LessThanThreshold", t.certificateDaysToExpiry(), "missing",
                "The ingress certificate expires in less than " + t.certificateDaysToExpiry() + " days: ACM's "
                        + "renewal has failed.",
                "check the certificate's DNS validation record in ACM; " + RUNBOOKS + "#certificate-expiry"));
        return List.copyOf(list);
    }

    /** The alarms, as registered. */
    public List<Alarm> alarms() {
        return alarms;
    }

    /** The registered CloudWatch alarms. */
    public List<MetricAlarm> resources() {
        return List.copyOf(registered);
    }

    /**
     * One node group to watch.
     *
     * @param pool                 the pool's name, e.g. {@code jupyter}
     * @param autoscalingGroupName the Auto Scaling group EKS made for the group (an output of the node group)
     * @param maxSize              the group's maximum size, {@code naas:nodeGroups.<pool>.maxSize}
     */
    public record NodeGroup(String pool, Output<String> autoscalingGroupName, int maxSize) {
    }

    /**
     * What the alarms watch.
     *
     * @param topicArn                 the stack's alert topic
     * @param thresholds               {@code naas:alerts.thresholds}
     * @param databaseIdentifier       the RDS instance's identifier (the one the apps use)
     * @param fileSystemId             the shared EFS file system's id
     * @param fileSystemThroughputMode its throughput mode: {@code bursting} is watched by burst credits
     * @param sftpLoadBalancer         the SFTP NLB's ARN suffix ({@code net/<name>/<id>})
     * @param sftpTargetGroup          its target group's ARN suffix ({@code targetgroup/<name>/<id>})
     * @param nodeGroups               the node groups
     * @param natGatewayIds            the NAT gateways
     * @param certificateArn           the ingress's ACM certificate, {@code naas:platform.certificateArn}, as the
     *                                 stack's preflight checked it
     */
    public record Args(Output<String> topicArn, AlarmThresholds thresholds, Output<String> databaseIdentifier,
                       Output<String> fileSystemId, String fileSystemThroughputMode, Output<String> sftpLoadBalancer,
                       Output<String> sftpTargetGroup, List<NodeGroup> nodeGroups, List<Output<String>> natGatewayIds,
                       Output<String> certificateArn) {
        public Args {
            Objects.requireNonNull(topicArn, "topicArn");
            Objects.requireNonNull(thresholds, "thresholds");
            Objects.requireNonNull(databaseIdentifier, "databaseIdentifier");
            Objects.requireNonNull(fileSystemId, "fileSystemId");
            Objects.requireNonNull(fileSystemThroughputMode, "fileSystemThroughputMode");
            Objects.requireNonNull(sftpLoadBalancer, "sftpLoadBalancer");
            Objects.requireNonNull(sftpTargetGroup, "sftpTargetGroup");
            nodeGroups = List.copyOf(nodeGroups);
            natGatewayIds = List.copyOf(natGatewayIds);
            Objects.requireNonNull(certificateArn, "certificateArn");
        }
    }
}
