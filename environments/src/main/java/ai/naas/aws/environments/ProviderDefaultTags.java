package ai.naas.aws.environments;

import ai.naas.aws.config.InvalidSetting;

import java.util.Map;

/**
 * The AWS provider's {@code aws:defaultTags}: the tags it puts on every taggable resource of the stack. The
 * program reads it only to check it: every resource must carry {@code naas:stack: <stack>}, which the
 * account's permissions boundaries tell the stacks apart by.
 *
 * @param tags the tags, key to value. Required.
 */
public record ProviderDefaultTags(Map<String, String> tags) {

    /** The config key, the AWS provider's own. */
    public static final String KEY = "aws:defaultTags";

    public ProviderDefaultTags {
        if (tags == null) {
            throw new InvalidSetting("tags", "is required: the tags every resource of the stack carries");
        }
        tags = Map.copyOf(tags);
    }
}
