package ai.naas.aws.platform.addons;

import ai.naas.aws.infra.cluster.Cluster;
import ai.naas.aws.infra.cluster.WorkerGroup;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;

/** What the add-ons share: how they find the nodes they wait for and how their resources are registered. */
final class AddOnSupport {

    private AddOnSupport() {
    }

    /** Both EKS node groups: nothing can run, and no Helm release can become ready, before nodes join. */
    static List<Resource> nodeGroups(Cluster cluster) {
        return cluster.workerGroups().stream().map(WorkerGroup::nodeGroup).map(Resource.class::cast).toList();
    }

    /** The minor of a {@code 1.<minor>} Kubernetes version. */
    static int minor(String kubernetesVersion) {
        if (kubernetesVersion == null || !kubernetesVersion.matches("1\\.\\d{1,3}")) {
            throw new IllegalArgumentException("Kubernetes version must look like 1.33, got '" + kubernetesVersion + "'");
        }
        return Integer.parseInt(kubernetesVersion.substring(2));
    }

    /** Options for a Kubernetes object or release: a child of {@code parent}, on the cluster's provider. */
    static CustomResourceOptions onCluster(Resource parent, Provider provider, List<? extends Resource> dependsOn) {
        return CustomResourceOptions.builder()
                .parent(parent)
                .provider(provider)
                .dependsOn(List.copyOf(dependsOn))
                .build();
    }

}
