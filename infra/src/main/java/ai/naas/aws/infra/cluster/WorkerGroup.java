package ai.naas.aws.infra.cluster;

import com.pulumi.aws.autoscaling.Tag;
import com.pulumi.aws.autoscaling.TagArgs;
import com.pulumi.aws.autoscaling.inputs.TagTagArgs;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateTagSpecificationArgs;
import com.pulumi.aws.eks.NodeGroup;
import com.pulumi.aws.eks.NodeGroupArgs;
import com.pulumi.aws.eks.inputs.NodeGroupLaunchTemplateArgs;
import com.pulumi.aws.eks.inputs.NodeGroupScalingConfigArgs;
import com.pulumi.aws.eks.inputs.NodeGroupTaintArgs;
import com.pulumi.aws.eks.inputs.NodeGroupUpdateConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One EKS managed node group in the private subnets, on a launch template that requires IMDSv2 and
 * encrypts the root volume with the stack's disk key, and whose Auto Scaling group tells
 * cluster-autoscaler the pool's labels and taint so it can scale up from zero.
 */
public final class WorkerGroup extends ComponentResource {

    private static final String NODE_TEMPLATE = "k8s.io/cluster-autoscaler/node-template/";

    private final NodePool pool;
    private final List<String> instanceTypes;
    private final NodeGroup nodeGroup;
    private final Output<String> autoscalingGroupName;

    /**
     * @param args what the group is part of
     */
    public WorkerGroup(String name, Args args, ComponentResourceOptions options) {
        super("naas:infra:WorkerGroup", name, options);
        this.pool = args.pool();
        this.instanceTypes = List.copyOf(args.settings().instanceTypes());
        var child = CustomResourceOptions.builder().parent(this).build();

        var template = new LaunchTemplate(name, LaunchTemplateArgs.builder()
                .description("naas " + pool.poolName() + " nodes")
                .updateDefaultVersion(true)
                // IMDSv2 only, and one hop: pods get AWS credentials through IRSA, never the node's role.
                .metadataOptions(LaunchTemplateMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled").httpTokens("required").httpPutResponseHopLimit(1).build())
                .blockDeviceMappings(LaunchTemplateBlockDeviceMappingArgs.builder()
                        .deviceName("/dev/xvda")
                        .ebs(LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                .volumeSize(args.settings().diskSizeGiB())
                                .volumeType("gp3")
                                .encrypted("true")
                                .kmsKeyId(args.diskKeyArn())
                                .deleteOnTermination("true")
                                .build())
                        .build())
                .tagSpecifications(
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("instance")
                                .tags(Map.of("Name", name)).build(),
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("volume")
                                .tags(Map.of("Name", name)).build())
                .build(), child);

        var groupArgs = NodeGroupArgs.builder()
                .clusterName(args.clusterName())
                .nodeGroupName(pool.poolName())
                .version(args.kubernetesVersion())
                .nodeRoleArn(args.nodeRoleArn())
                .subnetIds(args.subnetIds())
                .amiType("AL2023_x86_64_STANDARD")
                .capacityType("ON_DEMAND")
                .instanceTypes(args.settings().instanceTypes())
                .scalingConfig(NodeGroupScalingConfigArgs.builder()
                        .minSize(args.settings().minSize())
                        .desiredSize(args.settings().desiredSize())
                        .maxSize(args.settings().maxSize())
                        .build())
                .updateConfig(NodeGroupUpdateConfigArgs.builder().maxUnavailable(1).build())
                .launchTemplate(NodeGroupLaunchTemplateArgs.builder()
                        .id(template.id())
                        .version(template.latestVersion().applyValue(String::valueOf))
                        .build())
                .labels(pool.labels());
        pool.taint().ifPresent(t -> groupArgs.taints(NodeGroupTaintArgs.builder()
                .key(t.key()).value(t.value()).effect(t.eksEffect()).build()));

        this.nodeGroup = new NodeGroup(name, groupArgs.build(), CustomResourceOptions.builder()
                .parent(this)
                .dependsOn(args.nodeRoleReady())
                // cluster-autoscaler owns the size once the group exists.
                .ignoreChanges("scalingConfig.desiredSize")
                .build());

        this.autoscalingGroupName = nodeGroup.resources().applyValue(resources -> resources.get(0)
                .autoscalingGroups().get(0).name().orElseThrow());
        nodeTemplateTags().forEach((key, value) -> new Tag(name + "-" + key.substring(NODE_TEMPLATE.length()),
                TagArgs.builder()
                        .autoscalingGroupName(autoscalingGroupName)
                        .tag(TagTagArgs.builder().key(key).value(value).propagateAtLaunch(false).build())
                        .build(), child));
        registerOutputs(Map.of("autoscalingGroupName", autoscalingGroupName));
    }

    /**
     * EKS tags the group for autoscaler discovery, but not with labels and taints: without these, the
     * autoscaler cannot know a pod would fit on a node of an empty group.
     */
    private Map<String, String> nodeTemplateTags() {
        var tags = new LinkedHashMap<String, String>();
        pool.labels().forEach((k, v) -> tags.put(NODE_TEMPLATE + "label/" + k, v));
        pool.taint().ifPresent(t -> tags.put(NODE_TEMPLATE + "taint/" + t.key(), t.value() + ":" + t.effect()));
        return tags;
    }

    /** The EC2 instance types of the group's nodes. */
    public List<String> instanceTypes() {
        return instanceTypes;
    }

    /** The pool this group serves. */
    public NodePool pool() {
        return pool;
    }

    /** The EKS node group, for resources that must wait for nodes. */
    public NodeGroup nodeGroup() {
        return nodeGroup;
    }

    /** The Auto Scaling group EKS made for the node group. */
    public Output<String> autoscalingGroupName() {
        return autoscalingGroupName;
    }

    /**
     * What a worker group is made of.
     *
     * @param pool              which pool
     * @param settings          sizes and instance types
     * @param clusterName       the cluster
     * @param kubernetesVersion the cluster's version, so nodes follow the control plane
     * @param nodeRoleArn       the nodes' instance role
     * @param nodeRoleReady     resources that must exist before nodes can join (the role's policies)
     * @param subnetIds         the private subnets
     * @param diskKeyArn        the KMS key for root volumes
     */
    public record Args(NodePool pool, NodeGroupSettings settings, Output<String> clusterName,
                       String kubernetesVersion, Output<String> nodeRoleArn, List<Resource> nodeRoleReady,
                       Output<List<String>> subnetIds, Output<String> diskKeyArn) {
    }
}
