package ai.naas.aws.infra;

import ai.naas.aws.infra.cluster.Cluster;
import ai.naas.aws.infra.iam.RoleBoundary;
import ai.naas.aws.infra.cluster.ClusterSettings;
import ai.naas.aws.infra.cluster.NodeGroupSettings;
import ai.naas.aws.infra.cluster.NodeGroupsSettings;
import ai.naas.aws.infra.network.NatGateways;
import ai.naas.aws.infra.network.Network;
import ai.naas.aws.infra.network.NetworkSettings;
import ai.naas.aws.infra.security.EncryptionKeys;
import ai.naas.aws.infra.security.KeyPurpose;
import ai.naas.aws.plan.OfflineEngine;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlausibleCloud;
import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The infra layer composed the way the stack program composes it, planned under the offline engine.
 */
public final class InfraFixture {

    public static final String REGION = "eu-west-3";
    public static final String NAME = "naas-test";

    private InfraFixture() {
    }

    public static NetworkSettings network(NatGateways nat) {
        return new NetworkSettings("10.30.0.0/16", List.of("eu-west-3a", "eu-west-3b", "eu-west-3c"), nat, null, null, null);
    }

    public static ClusterSettings cluster(List<String> publicAccessCidrs) {
        return new ClusterSettings("1.33", List.of("arn:aws:iam::123456789012:role/platform-admin"), publicAccessCidrs, null);
    }

    public static NodeGroupsSettings nodeGroups() {
        return new NodeGroupsSettings(
                new NodeGroupSettings(List.of("m6i.large"), 2, 2, 5, 60),
                new NodeGroupSettings(List.of("r6i.xlarge"), 0, 0, 10, 100));
    }

    /** The test stack's permissions boundary, as the bootstrap names it. */
    public static final RoleBoundary BOUNDARY = new RoleBoundary(Output.of(RoleBoundary.policyArn(PlausibleCloud.ACCOUNT, "test")));

    /** Plans keys, network and cluster; {@code extra} may add resources that use them. */
    public static Plan plan(NetworkSettings network, ClusterSettings cluster, BiConsumer<Context, Cluster> extra) {
        return new OfflineEngine(new PlausibleCloud(REGION)).run("naas", "test", Map.of(), Set.of(), ctx -> {
            var keys = new EncryptionKeys(NAME, new EncryptionKeys.Args(Output.of(PlausibleCloud.ACCOUNT), REGION),
                    ComponentResourceOptions.Empty);
            var net = new Network(NAME, new Network.Args(network, Output.of(PlausibleCloud.ACCOUNT), REGION,
                    keys.arn(KeyPurpose.LOGS), BOUNDARY), ComponentResourceOptions.Empty);
            var eks = new Cluster(NAME, new Cluster.Args(NAME, REGION, cluster, nodeGroups(),
                    net.privateSubnetIds(), keys.arn(KeyPurpose.CLUSTER_SECRETS), keys.arn(KeyPurpose.DISKS), keys.arn(KeyPurpose.LOGS),
                    Map.of("platform-admin", Output.of("arn:aws:iam::123456789012:role/platform-admin")), BOUNDARY),
                    ComponentResourceOptions.Empty);
            extra.accept(ctx, eks);
        });
    }

    /** The default plan: per-zone NAT, private API endpoint. */
    public static Plan plan() {
        return plan(network(NatGateways.PER_ZONE), cluster(List.of()), (ctx, eks) -> { });
    }
}
