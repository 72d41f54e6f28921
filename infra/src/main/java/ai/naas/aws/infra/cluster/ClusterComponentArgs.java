package ai.naas.aws.infra.cluster;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Map;
import java.util.Collections;
import java.util.TreeMap;

/**
 * What the {@link Cluster} is built from.
 *
 * @param clusterName      the EKS cluster's name, also used by cluster-autoscaler and kubeconfig
 * @param region           the AWS region (for {@code aws eks get-token})
 * @param settings         control-plane settings from stack config
 * @param nodeGroups       worker group settings from stack config
 * @param privateSubnetIds the three private subnets, for the control plane's ENIs and the nodes
 * @param secretsKeyArn    the KMS key that envelope-encrypts Kubernetes Secrets
 * @param diskKeyArn       the KMS key for node root volumes
 * @param adminPrincipals  IAM principals given cluster-admin, by a stable label used in resource names
 */
public record ClusterComponentArgs(
        String clusterName,
        String region,
        ClusterSettings settings,
        NodeGroupsSettings nodeGroups,
        Output<List<String>> privateSubnetIds,
        Output<String> secretsKeyArn,
        Output<String> diskKeyArn,
        Map<String, Output<String>> adminPrincipals) {

    public ClusterComponentArgs {
        // Sorted, so the access entries register in the same order on every run.
        adminPrincipals = Collections.unmodifiableMap(new TreeMap<>(adminPrincipals));
    }
}
