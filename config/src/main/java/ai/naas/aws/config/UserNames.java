package ai.naas.aws.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one user-name rule of the platform: the names JupyterHub admits, the SFTP host creates, and everything
 * that derives a path or a host name from a user checks against this class.
 *
 * <p>A user's name reaches four places, and each transforms names it does not like in its own way:
 * <ul>
 *   <li>KubeSpawner 7 ({@code slug_scheme="safe"}, the default in Zero to JupyterHub 4.4.0) replaces
 *       {@code {username}} in the home sub-path {@code home/{username}} by a hashed slug unless the name is a
 *       DNS object name without {@code --} of at most 48 characters;</li>
 *   <li>it names the pod {@code jupyter-{user_server}}, hashed as soon as the name is longer than 46
 *       characters (even for the default server), and that pod name is the pod's DNS host name;</li>
 *   <li>the Naas runner ({@code naas/runner/proxy.py}) advertises its public URL with the name escaped by
 *       {@code escapism.escape(name, safe=ASCII letters and digits, escape_char="-")}: every other character,
 *       {@code -} included, becomes {@code -XX} ({@code jane-doe} -> {@code jane-2Ddoe}), and the Naas proxy
 *       calls {@code http://jupyter-<that>.jupyter-single-user...:5000};</li>
 *   <li>the SFTP host chroots the login {@code <name>} onto {@code home/<name>}.</li>
 * </ul>
 * All four are the name itself exactly when the name is 1 to {@value #MAX_LENGTH} lowercase ASCII letters
 * and digits, starting with a letter: {@link #PATTERN}. A dash would pass KubeSpawner but not the runner, so
 * it is refused too. The equivalence is tested against KubeSpawner's and escapism's own code
 * ({@code UserNamesTest}).
 */
public final class UserNames {

    /** The longest name: KubeSpawner hashes the pod name of longer ones (47 + {@code "--"} > 48). */
    public static final int MAX_LENGTH = 46;

    /**
     * The rule as a regular expression, written so that Python's {@code re.match} (which JupyterHub's
     * {@code Authenticator.username_pattern} uses, anchored at the start only) and Java's {@code matches()}
     * accept the same names: {@code $} also matches before a final newline in Python, but JupyterHub refuses
     * names with surrounding whitespace before it applies the pattern.
     */
    public static final String PATTERN = "^[a-z][a-z0-9]{0," + (MAX_LENGTH - 1) + "}$";

    /** The rule in words, for error messages and the hub's login page. */
    public static final String DESCRIPTION = "1 to " + MAX_LENGTH + " lowercase letters (a-z) and digits, starting"
            + " with a letter";

    private static final Pattern RULE = Pattern.compile(PATTERN);

    private UserNames() {
    }

    /** Whether {@code name} is a platform user name. */
    public static boolean isValid(String name) {
        return name != null && RULE.matcher(name).matches();
    }

    /**
     * Checks {@code name}, throwing {@link InvalidSetting} for {@code field} with the rule, why it exists,
     * and the closest valid name when there is one.
     */
    public static String check(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidSetting(field, "is required but not set");
        }
        if (!isValid(name)) {
            String suggestion = closest(name).map(s -> "; the closest valid name is '" + s + "'").orElse("");
            throw new InvalidSetting(field, "must be a platform user name: " + DESCRIPTION + " (so that the Jupyter"
                    + " home, the server's DNS name, the Naas runner's URL and the SFTP home are the name itself),"
                    + " got '" + printable(name) + "'" + suggestion);
        }
        return name;
    }

    /** {@code name} lowercased, without the characters the rule refuses, cut to the longest allowed. */
    static Optional<String> closest(String name) {
        String kept = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "").replaceFirst("^[0-9]+", "");
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(kept.length() > MAX_LENGTH ? kept.substring(0, MAX_LENGTH) : kept);
    }

    private static String printable(String name) {
        String shown = name.length() <= 60 ? name : name.substring(0, 60) + "...";
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
