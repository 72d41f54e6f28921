package ai.naas.aws.apps.jupyterhub;

import ai.naas.aws.config.DnsNames;
import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

import java.util.regex.Pattern;

/**
 * JupyterHub with Naas single-user servers: config key {@code naas:jupyterhub}. Where the Naas services are
 * is not a setting: the hub's users get the endpoints of the Naas apps the stack enables.
 *
 * @param chartVersion       the exact version of the Zero to JupyterHub chart ({@code jupyterhub} from
 *                           https://hub.jupyter.org/helm-chart/); ranges are refused. @default {@code 4.4.0}
 * @param hubHost            the host name under the stack's domain the hub is served at, one DNS label.
 *                           @default {@code hub} (so {@code hub.<domain>})
 * @param oauth              how users log in. Required.
 * @param cullIdleServers    whether idle servers are stopped (so the jupyter nodes scale back in). Off by
 *                           default: the Naas runner (its scheduler, and the webhooks the Naas proxy forwards to
 *                           it) lives in the user's server and is not Jupyter activity, so a culled server
 *                           silently stops scheduled notebooks. Turn it on only where nobody relies on them.
 *                           @default false
 * @param cullTimeoutSeconds how long a server may stay idle before it is stopped when culling is on, 300 to
 *                           604800 (a week). @default 3600
 * @param startTimeoutSeconds how long a server may take to start: room for the cluster autoscaler to add a
 *                           jupyter node (a few minutes) and for the node to pull the multi-GB Naas image,
 *                           300 to 3600. @default 900
 * @param naasImage          the single-user image. @default {@code jupyternaas/naas:2.6.3}
 * @param userResources      each server's CPU and memory guarantees and limits. @default 0.5/2 cores,
 *                           1024/4096 MiB
 * @param placeholders       user placeholder pods, 0 to 50: each keeps room for one server on the jupyter
 *                           nodes, so a user arriving rarely waits for a new node. @default 0
 */
public record JupyterHubSettings(
        String chartVersion,
        String hubHost,
        OAuthSettings oauth,
        Boolean cullIdleServers,
        Integer cullTimeoutSeconds,
        Integer startTimeoutSeconds,
        ImageSettings naasImage,
        UserResources userResources,
        Integer placeholders) {

    /** The chart version this app is written and tested against. */
    public static final String DEFAULT_CHART_VERSION = "4.4.0";

    private static final Pattern EXACT_VERSION = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+(?:-[0-9A-Za-z.-]+)?");

    public JupyterHubSettings {
        chartVersion = Settings.orDefault(chartVersion, DEFAULT_CHART_VERSION);
        if (!EXACT_VERSION.matcher(chartVersion).matches()) {
            throw new InvalidSetting("chartVersion", "must be an exact chart version like " + DEFAULT_CHART_VERSION
                    + " (no ranges), got '" + chartVersion + "'");
        }
        hubHost = Settings.orDefault(hubHost, "hub");
        DnsNames.label("hubHost", hubHost);
        Settings.required("oauth", oauth);
        cullIdleServers = Settings.orDefault(cullIdleServers, false);
        cullTimeoutSeconds = Settings.inRange("cullTimeoutSeconds", Settings.orDefault(cullTimeoutSeconds, 3600), 300, 604_800);
        startTimeoutSeconds = Settings.inRange("startTimeoutSeconds", Settings.orDefault(startTimeoutSeconds, 900), 300, 3600);
        naasImage = Settings.orDefault(naasImage, ImageSettings.defaults());
        userResources = Settings.orDefault(userResources, UserResources.defaults());
        placeholders = Settings.inRange("placeholders", Settings.orDefault(placeholders, 0), 0, 50);
    }

    /** How often the culler looks for idle servers: a tenth of the timeout, between 1 and 10 minutes. */
    public int cullEverySeconds() {
        return Math.max(60, Math.min(600, cullTimeoutSeconds / 10));
    }
}
