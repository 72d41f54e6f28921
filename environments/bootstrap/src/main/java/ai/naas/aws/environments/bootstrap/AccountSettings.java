package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one AWS account hosts: config key {@code naas-bootstrap:account}.
 *
 * @param stateBucketName    the S3 bucket that holds the Pulumi state of every stack of the account
 *                           ({@code pulumi login s3://<stateBucketName>}). S3's naming rules, without dots
 *                           (a dotted name breaks TLS to the bucket's virtual-hosted name, and the bucket
 *                           refuses plain HTTP). Required.
 * @param stacks             the naas stacks deployed to this account, e.g. {@code [dev, prod]}: each gets the
 *                           KMS key {@code alias/naas-<stack>-secrets} and the deploy role
 *                           {@code naas-<stack>-deploy}. Lowercase, {@code ^[a-z][a-z0-9-]{1,20}$}, each
 *                           once. Required, at least one.
 * @param githubRepository   the repository whose workflows may assume the CI roles, {@code owner/name},
 *                           spelled exactly as on GitHub (IAM compares the token's subject case-sensitively).
 *                           Required.
 * @param deployEnvironments the GitHub environment each stack's deploy job runs in, by stack; a stack's deploy
 *                           role trusts only jobs in its environment. Two stacks may not share one.
 *                           @default each stack's own name
 * @param pullRequestPreviews whether a pull request may preview a stack, by stack: only then does the stack's
 *                           preview role {@code naas-<stack>-preview} trust pull request jobs (any branch of the
 *                           repository can open one). A stack without it is previewed on pushes to main only.
 *                           @default true, except for {@value #PRODUCTION} (false: a pull request must not
 *                           reach prod's state, nor anything prod's preview role can read)
 */
public record AccountSettings(
        String stateBucketName,
        List<String> stacks,
        String githubRepository,
        Map<String, String> deployEnvironments,
        Map<String, Boolean> pullRequestPreviews) {

    /** The stack that pull requests do not preview unless {@code pullRequestPreviews} says so. */
    public static final String PRODUCTION = "prod";

    /** A stack name: short enough for role names and aliases, safe in URLs and ARNs. */
    public static final String STACK_NAME = "[a-z][a-z0-9-]{1,20}";

    /** A GitHub owner (user or organisation) and repository name. */
    private static final String REPOSITORY = "[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/[A-Za-z0-9._-]{1,100}";

    /** A GitHub environment name that reads the same in a token subject: no ':', and no IAM wildcards. */
    private static final String ENVIRONMENT = "[A-Za-z0-9._-]{1,255}";

    public AccountSettings {
        bucketName("stateBucketName", Settings.required("stateBucketName", stateBucketName));
        stacks = Settings.listOf("stacks", Settings.required("stacks", stacks));
        if (stacks.isEmpty()) {
            throw new InvalidSetting("stacks", "must name at least one stack");
        }
        Settings.each("stacks", stacks, s -> s.matches(STACK_NAME), "a stack name matching ^" + STACK_NAME + "$");
        for (int i = 0; i < stacks.size(); i++) {
            int first = stacks.indexOf(stacks.get(i));
            if (first != i) {
                throw new InvalidSetting("stacks[" + i + "]", "'" + stacks.get(i) + "' is already stacks[" + first + "]");
            }
        }
        Settings.required("githubRepository", githubRepository);
        if (!githubRepository.matches(REPOSITORY) || githubRepository.endsWith("/.") || githubRepository.endsWith("/..")) {
            throw new InvalidSetting("githubRepository", "must be a GitHub repository as owner/name, got '" + githubRepository + "'");
        }
        deployEnvironments = environments(stacks, deployEnvironments == null ? Map.of() : deployEnvironments);
        pullRequestPreviews = previews(stacks, pullRequestPreviews == null ? Map.of() : pullRequestPreviews);
    }

    /** The settings without {@code pullRequestPreviews}: each stack's default. */
    public AccountSettings(String stateBucketName, List<String> stacks, String githubRepository,
                           Map<String, String> deployEnvironments) {
        this(stateBucketName, stacks, githubRepository, deployEnvironments, null);
    }

    /** Whether pull requests may preview {@code stack}. */
    public boolean pullRequestPreview(String stack) {
        return pullRequestPreviews.get(stack);
    }

    /** Every stack's answer, in stack order, the defaults filled in. */
    private static Map<String, Boolean> previews(List<String> stacks, Map<String, Boolean> given) {
        for (var entry : new TreeMap<>(given).entrySet()) {
            String field = "pullRequestPreviews." + entry.getKey();
            if (!stacks.contains(entry.getKey())) {
                throw new InvalidSetting(field, "is not one of stacks " + stacks);
            }
            if (entry.getValue() == null) {
                throw new InvalidSetting(field, "must be true or false");
            }
        }
        var all = new LinkedHashMap<String, Boolean>();
        for (String stack : stacks) {
            all.put(stack, given.getOrDefault(stack, !PRODUCTION.equals(stack)));
        }
        return Collections.unmodifiableMap(all);
    }

    /** The GitHub environment {@code stack}'s deploy job runs in. */
    public String deployEnvironment(String stack) {
        return deployEnvironments.get(stack);
    }

    /** Every stack's environment, in stack order, the defaults filled in. */
    private static Map<String, String> environments(List<String> stacks, Map<String, String> given) {
        for (var entry : new TreeMap<>(given).entrySet()) {
            String field = "deployEnvironments." + entry.getKey();
            if (!stacks.contains(entry.getKey())) {
                throw new InvalidSetting(field, "is not one of stacks " + stacks);
            }
            if (entry.getValue() == null || !entry.getValue().matches(ENVIRONMENT)) {
                throw new InvalidSetting(field, "must be a GitHub environment name of letters, digits, '.', '_' "
                        + "and '-', got '" + entry.getValue() + "'");
            }
        }
        var all = new LinkedHashMap<String, String>();
        var owner = new HashMap<String, String>();
        for (String stack : stacks) {
            String environment = given.getOrDefault(stack, stack);
            String other = owner.putIfAbsent(environment.toLowerCase(), stack);
            if (other != null) {
                throw new InvalidSetting("deployEnvironments." + stack, "environment '" + environment
                        + "' is already stack " + other + "'s: a job in it could deploy both stacks");
            }
            all.put(stack, environment);
        }
        return Collections.unmodifiableMap(all);
    }

    /** S3's bucket naming rules, and no dots. */
    static void bucketName(String field, String name) {
        if (!name.matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]")) {
            throw new InvalidSetting(field, "must be 3 to 63 lowercase letters, digits and hyphens, starting and "
                    + "ending with a letter or digit (S3's naming rules, no dots), got '" + name + "'");
        }
        for (String prefix : List.of("xn--", "sthree-", "amzn-s3-demo-")) {
            if (name.startsWith(prefix)) {
                throw new InvalidSetting(field, "must not start with '" + prefix + "', which S3 reserves, got '" + name + "'");
            }
        }
        for (String suffix : List.of("-s3alias", "--ol-s3", "--x-s3", "--table-s3")) {
            if (name.endsWith(suffix)) {
                throw new InvalidSetting(field, "must not end with '" + suffix + "', which S3 reserves, got '" + name + "'");
            }
        }
    }
}
