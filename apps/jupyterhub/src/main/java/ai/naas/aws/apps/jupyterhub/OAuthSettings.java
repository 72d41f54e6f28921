package ai.naas.aws.apps.jupyterhub;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;
import ai.naas.aws.config.UserNames;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How users log in: OAuthenticator's {@code GenericOAuthenticator}, which works with any OAuth 2.0 / OpenID
 * Connect provider (Google, GitHub through an OIDC bridge, Auth0, Keycloak, Cognito, ...). The client
 * secret is not a setting: it is the stack secret {@code naas:jupyterhub.oauthClientSecret}, which reaches
 * the hub through a Kubernetes Secret. The callback URL is {@code https://<hub host>/hub/oauth_callback};
 * register that with the provider.
 *
 * @param clientId      the OAuth client id registered with the provider. Required.
 * @param authorizeUrl  the provider's authorization endpoint, {@code https://}. Required.
 * @param tokenUrl      the provider's token endpoint, {@code https://}. Required.
 * @param userdataUrl   the provider's user info endpoint, {@code https://}. Required.
 * @param usernameClaim the user info field that becomes the JupyterHub user name (and so the home directory
 *                      {@code home/<name>}, the pod name and the runner's URL). The hub lowercases it and
 *                      admits only platform user names ({@code UserNames}: 1 to 46 lowercase letters and
 *                      digits, starting with a letter), so a claim like {@code email} locks everyone out.
 *                      @default {@code preferred_username}
 * @param scopes        the scopes requested. @default {@code [openid, email, profile]}
 * @param allowedUsers  user names allowed to log in, each a platform user name. @default none (then {@code allowAll} or
 *                      {@code adminUsers} must let someone in)
 * @param adminUsers    user names that are JupyterHub admins (and are allowed to log in), each a platform
 *                      user name. @default none
 * @param allowAll      lets every user the provider authenticates log in. @default false
 */
public record OAuthSettings(
        String clientId,
        String authorizeUrl,
        String tokenUrl,
        String userdataUrl,
        String usernameClaim,
        List<String> scopes,
        List<String> allowedUsers,
        List<String> adminUsers,
        Boolean allowAll) {

    private static final Pattern HTTPS_URL = Pattern.compile("https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#]\\S*)?");
    private static final Pattern TOKEN = Pattern.compile("\\S{1,256}");
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    public OAuthSettings {
        clientId = Settings.required("clientId", clientId);
        if (!TOKEN.matcher(clientId).matches()) {
            throw new InvalidSetting("clientId", "must be 1 to 256 characters without spaces");
        }
        authorizeUrl = httpsUrl("authorizeUrl", authorizeUrl);
        tokenUrl = httpsUrl("tokenUrl", tokenUrl);
        userdataUrl = httpsUrl("userdataUrl", userdataUrl);
        usernameClaim = Settings.orDefault(usernameClaim, "preferred_username");
        if (!CLAIM.matcher(usernameClaim).matches()) {
            throw new InvalidSetting("usernameClaim", "must be a claim name like email or preferred_username, got '"
                    + usernameClaim + "'");
        }
        scopes = scopes == null ? List.of("openid", "email", "profile") : Settings.listOf("scopes", scopes);
        Settings.each("scopes", scopes, s -> TOKEN.matcher(s).matches(), "a scope without spaces");
        // The hub refuses to start when a configured name fails its username_pattern: refuse it here instead.
        allowedUsers = Settings.listOf("allowedUsers", allowedUsers);
        for (int i = 0; i < allowedUsers.size(); i++) {
            UserNames.check("allowedUsers[" + i + "]", allowedUsers.get(i));
        }
        adminUsers = Settings.listOf("adminUsers", adminUsers);
        for (int i = 0; i < adminUsers.size(); i++) {
            UserNames.check("adminUsers[" + i + "]", adminUsers.get(i));
        }
        allowAll = Settings.orDefault(allowAll, false);
        if (!allowAll && allowedUsers.isEmpty() && adminUsers.isEmpty()) {
            throw new InvalidSetting("allowedUsers", "must name at least one user, unless adminUsers does or allowAll"
                    + " is true: OAuthenticator lets nobody in by default");
        }
    }

    private static String httpsUrl(String field, String url) {
        Settings.required(field, url);
        if (!HTTPS_URL.matcher(url).matches()) {
            throw new InvalidSetting(field, "must be an https:// URL, got '" + url + "'");
        }
        return url;
    }
}
