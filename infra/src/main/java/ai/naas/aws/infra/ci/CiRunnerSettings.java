package ai.naas.aws.infra.ci;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.LogRetention;
import ai.naas.aws.config.Settings;
import ai.naas.aws.config.Suggestions;

import java.util.List;

/**
 * The stack's CI runner: config key {@code naas:ciRunner}. A CodeBuild project in the stack's private subnets
 * that takes this repository's GitHub Actions jobs labelled for it, so that {@code pulumi up} and
 * {@code pulumi preview} reach the cluster's private API endpoint (see docs/DEPLOYING.md). Without the key
 * the stack has no runner.
 *
 * @param enabled          create the runner. The account must hold CodeBuild's GitHub source credential first
 *                         (docs/DEPLOYING.md): the webhook is created with it. @default false
 * @param githubRepository the repository whose workflow jobs the runner takes, {@code owner/name}. Required
 *                         when enabled.
 * @param computeType      CodeBuild's compute type: {@code BUILD_GENERAL1_SMALL} (3 GB, 2 vCPUs),
 *                         {@code BUILD_GENERAL1_MEDIUM} (7 GB, 4 vCPUs) or {@code BUILD_GENERAL1_LARGE} (15 GB,
 *                         8 vCPUs). A Maven build and {@code pulumi up} of the stack need more than the small one.
 *                         @default BUILD_GENERAL1_MEDIUM
 * @param image            a Linux image CodeBuild manages, {@code aws/codebuild/<name>:<version>}: Ubuntu
 *                         {@code standard}, or Amazon Linux {@code amazonlinux[2]-x86_64-standard} /
 *                         {@code amazonlinux[2]-aarch64-standard} (ARM). Another registry's image would need
 *                         registry permissions on the runner's role, which it does not have.
 *                         @default aws/codebuild/standard:7.0
 * @param timeoutMinutes   how long one job may run, 5 to 480 (CodeBuild's limits). A first {@code up} creates
 *                         the cluster and the database, which takes about an hour. @default 120
 * @param logRetentionDays how long the runner's logs are kept: one of CloudWatch Logs' retention periods.
 *                         @default 90
 */
public record CiRunnerSettings(
        Boolean enabled,
        String githubRepository,
        String computeType,
        String image,
        Integer timeoutMinutes,
        Integer logRetentionDays) {

    /** The config key. */
    public static final String KEY = "naas:ciRunner";

    /** The compute types offered (CodeBuild's {@code ComputeType} enum, the general-purpose Linux ones). */
    public static final List<String> COMPUTE_TYPES = List.of(
            "BUILD_GENERAL1_SMALL", "BUILD_GENERAL1_MEDIUM", "BUILD_GENERAL1_LARGE");

    /** CodeBuild's managed Linux images; the version is CodeBuild's, e.g. {@code 7.0}. */
    static final String IMAGE = "aws/codebuild/(standard|amazonlinux2?-(x86_64|aarch64)-standard):\\d+\\.\\d+";

    /** A GitHub owner (user or organisation) and repository name, as the bootstrap's settings check it. */
    static final String REPOSITORY = "[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/[A-Za-z0-9._-]{1,100}";

    public CiRunnerSettings {
        enabled = Settings.orDefault(enabled, false);
        if (enabled) {
            Settings.required("githubRepository", githubRepository);
        }
        if (githubRepository != null && (!githubRepository.matches(REPOSITORY)
                || githubRepository.endsWith("/.") || githubRepository.endsWith("/.."))) {
            throw new InvalidSetting("githubRepository", "must be a GitHub repository as owner/name, got '"
                    + githubRepository + "'");
        }
        computeType = Settings.orDefault(computeType, "BUILD_GENERAL1_MEDIUM");
        if (!COMPUTE_TYPES.contains(computeType)) {
            throw new InvalidSetting("computeType", "must be one of " + String.join(", ", COMPUTE_TYPES) + ", got '"
                    + computeType + "'" + Suggestions.didYouMean(computeType, COMPUTE_TYPES));
        }
        image = Settings.orDefault(image, "aws/codebuild/standard:7.0");
        if (!image.matches(IMAGE)) {
            throw new InvalidSetting("image", "must be a Linux image CodeBuild manages, like aws/codebuild/standard:7.0 "
                    + "or aws/codebuild/amazonlinux-x86_64-standard:5.0 (the runner's role cannot pull from another "
                    + "registry), got '" + image + "'");
        }
        timeoutMinutes = Settings.inRange("timeoutMinutes", Settings.orDefault(timeoutMinutes, 120), 5, 480);
        logRetentionDays = LogRetention.days("logRetentionDays", Settings.orDefault(logRetentionDays, 90));
    }

    /** No runner: what a stack without the key gets. */
    public static CiRunnerSettings disabled() {
        return new CiRunnerSettings(false, null, null, null, null, null);
    }

    /** CodeBuild's environment type for the image: ARM images run in {@code ARM_CONTAINER}. */
    public String environmentType() {
        return image.contains("-aarch64-") ? "ARM_CONTAINER" : "LINUX_CONTAINER";
    }
}
