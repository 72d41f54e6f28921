package ai.naas.aws.infra.cluster;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

/**
 * The two worker groups of the seed: config key {@code naas:nodeGroups}.
 *
 * @param naas    platform and Naas services; must keep at least one node. Required.
 * @param jupyter single-user Jupyter servers; may scale to zero. Required.
 */
public record NodeGroupsSettings(NodeGroupSettings naas, NodeGroupSettings jupyter) {

    public NodeGroupsSettings {
        Settings.required("naas", naas);
        Settings.required("jupyter", jupyter);
        if (naas.minSize() < 1) {
            throw new InvalidSetting("naas.minSize", "must be at least 1: the hub and the Naas services always need a node");
        }
    }

    /** The settings of one pool. */
    public NodeGroupSettings of(NodePool pool) {
        return pool == NodePool.NAAS ? naas : jupyter;
    }
}
