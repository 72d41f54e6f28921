package ai.naas.aws.platform.database;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One app's own PostgreSQL database and the login role that owns it, as {@link DatabaseBootstrap} creates them.
 *
 * <p>Both names are plain PostgreSQL identifiers: lower case letters, digits and underscores, not starting with a
 * digit, at most 63 characters (PostgreSQL's identifier limit, so nothing is silently truncated). Lower case only,
 * because PostgreSQL folds unquoted names to lower case: a name that needed quoting would have to be quoted in every
 * connection string and tool that uses it. Names that belong to PostgreSQL or to RDS are refused, because taking
 * them over would hand an app the keys to the server.
 *
 * <p>The role's password is not part of this record: the bootstrap Job reads it from the environment variable
 * {@link #passwordEnvVar()}, so that it never appears in generated SQL, stack outputs or process arguments.
 *
 * @param database the database the app uses, owned by {@code role}
 * @param role the app's login role, the only role that may connect to {@code database}
 */
public record AppDatabase(String database, String role) {

    /** Prefix of the environment variable that carries each role's password; see {@link #passwordEnvVar()}. */
    public static final String PASSWORD_ENV_PREFIX = "NAAS_DB_PASSWORD_";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** Names an app may not use for either its database or its role. */
    private static final Set<String> RESERVED_NAMES = Set.of(
            // PostgreSQL's own databases and role specifications (GRANT ... TO public means everyone).
            "postgres", "template0", "template1", "public", "none", "current_role", "current_user", "session_user",
            // The database and role RDS keeps for its own management of the instance.
            "rdsadmin");

    /**
     * Role name prefixes PostgreSQL ({@code pg_}) and RDS ({@code rds_}: {@code rds_superuser}, {@code rds_iam}, ...)
     * use for their predefined roles.
     */
    private static final Set<String> RESERVED_ROLE_PREFIXES = Set.of("pg_", "rds_");

    /**
     * Validates both names.
     *
     * @throws IllegalArgumentException if a name is missing, is not a plain lower case identifier, or is reserved
     */
    public AppDatabase {
        checkIdentifier("database", database);
        checkIdentifier("role", role);
        for (String prefix : RESERVED_ROLE_PREFIXES) {
            if (role.startsWith(prefix)) {
                throw new IllegalArgumentException("role name '" + role + "' starts with '" + prefix
                        + "', which PostgreSQL and RDS reserve for their predefined roles");
            }
        }
    }

    /** An app whose database and role share one name, the usual case. */
    public static AppDatabase named(String name) {
        return new AppDatabase(name, name);
    }

    /**
     * The environment variable the bootstrap Job must set to this role's password: {@value #PASSWORD_ENV_PREFIX}
     * followed by the role name in upper case, e.g. {@code NAAS_DB_PASSWORD_JUPYTERHUB} for role {@code jupyterhub}.
     * The app itself should get the same value from the same Kubernetes Secret.
     */
    public String passwordEnvVar() {
        return PASSWORD_ENV_PREFIX + role.toUpperCase(Locale.ROOT);
    }

    private static void checkIdentifier(String what, String name) {
        if (name == null) {
            throw new IllegalArgumentException(what + " name is required");
        }
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name '" + name + "' is not a plain PostgreSQL identifier:"
                    + " use 1 to 63 lower case letters, digits and underscores, not starting with a digit");
        }
        if (RESERVED_NAMES.contains(name)) {
            throw new IllegalArgumentException(what + " name '" + name
                    + "' is reserved by PostgreSQL or RDS and cannot be given to an app");
        }
    }
}
