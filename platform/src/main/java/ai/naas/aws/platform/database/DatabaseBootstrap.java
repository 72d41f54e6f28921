package ai.naas.aws.platform.database;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The psql script that gives each app its own PostgreSQL role and database, with least privilege, on the shared RDS
 * instance.
 *
 * <h2>What the script guarantees</h2>
 * For every {@link AppDatabase}, after a successful run:
 * <ul>
 *   <li>the role exists, can log in, and has the password found in its environment variable
 *       ({@link AppDatabase#passwordEnvVar()}); every run sets it again, so changing the variable rotates it;</li>
 *   <li>the database exists and is owned by the role;</li>
 *   <li>no other role may connect to the database or create temporary tables in it: {@code PUBLIC}'s default
 *       {@code CONNECT} and {@code TEMPORARY} are revoked, as is any privilege on it granted to another role,
 *       and the owner keeps them through ownership;</li>
 *   <li>the database's {@code public} schema is usable by its owner only: {@code PUBLIC}'s {@code USAGE} is revoked,
 *       and PostgreSQL 15+ already withholds {@code CREATE} from {@code PUBLIC} there.</li>
 * </ul>
 * The script is idempotent: it checks before it creates, and it re-asserts ownership and privileges, so a second
 * run succeeds and leaves the same roles, databases and privileges (only the password verifiers change, because
 * PostgreSQL salts each one afresh).
 *
 * <h2>Who runs it, and how</h2>
 * It runs as the RDS master user, which is not a superuser: it holds {@code rds_superuser}, {@code CREATEROLE} and
 * {@code CREATEDB}. Such a user may only make a role the owner of a database if it is a member of that role (and,
 * from PostgreSQL 16, may {@code SET ROLE} to it), so the script grants each app role to the master user before
 * handing it the database. That membership stays: the master user needs it on the next run to re-assert ownership
 * and to manage the database's {@code public} schema, and it gives the master user no right it did not have.
 *
 * <p>The Job runs {@link #psqlCommand(String)} with the script mounted as a file (it holds no secrets, so a
 * ConfigMap will do), through {@link #jobCommand(String, String)}, which first sets {@code PGPASSWORD} from the
 * master secret the Job fetched at run time. psql reads everything else from its environment:
 * <ul>
 *   <li>the master connection from libpq's variables: {@code PGHOST}, {@code PGPORT}, {@code PGUSER},
 *       {@code PGPASSWORD}, {@code PGDATABASE} (the maintenance database, {@code postgres}) and, on RDS,
 *       {@code PGSSLMODE=verify-full} with {@code PGSSLROOTCERT} pointing at the RDS CA bundle;</li>
 *   <li>each app's password from {@code NAAS_DB_PASSWORD_<ROLE>} ({@link AppDatabase#passwordEnvVar()}), read with
 *       psql's {@code \getenv}, so that passwords appear neither in the script nor in any process's arguments.</li>
 * </ul>
 * Before it changes anything the script checks that every password variable is set and not empty, that the server
 * and psql are PostgreSQL 15 or later ({@code \getenv} and the {@code pg_database_owner}-owned {@code public}
 * schema both arrived in 15), and that no app role name belongs to the master user or another role with
 * administrative rights; a failed check stops the run with a non-zero exit and a message naming the problem.
 * The script never echoes statements, since after interpolation they carry the passwords. The server still receives
 * each password in an {@code ALTER ROLE} statement, so keep {@code log_statement} at {@code none} (the RDS default)
 * on the instance's parameter group.
 */
public final class DatabaseBootstrap {

    private DatabaseBootstrap() {
    }

    /**
     * The command line the bootstrap Job runs, with the script mounted at {@code scriptFile}: no {@code .psqlrc}
     * ({@code -X}), never prompt for a password ({@code -w}), stop at the first error ({@code ON_ERROR_STOP}; the
     * script sets it too, so that it is safe even when run by hand).
     */
    public static List<String> psqlCommand(String scriptFile) {
        return List.of("psql", "-X", "-w", "-v", "ON_ERROR_STOP=1", "-f", scriptFile);
    }

    /**
     * What the Job's psql container runs: a POSIX shell step (BusyBox's in the psql image) that takes the master
     * password from the JSON RDS keeps in Secrets Manager, which the init container wrote to {@code
     * masterSecretFile} (see {@link #fetchMasterSecretCommand(String)}), exports it as {@code PGPASSWORD} and then
     * execs exactly {@link #psqlCommand(String)}. The password reaches psql through its environment only: never an
     * argument, a log line or a Kubernetes object.
     */
    public static List<String> jobCommand(String masterSecretFile, String scriptFile) {
        var psql = psqlCommand("$2");
        String run = String.join(" ", psql.subList(0, psql.size() - 1)) + " \"$2\"";
        return List.of("/bin/sh", "-c", """
                set -eu
                # The master password: the "password" member of the JSON in $1 (psql reads PGPASSWORD).
                PGPASSWORD=$(awk '%s' "$1")
                export PGPASSWORD
                exec %s
                """.formatted(PASSWORD_FROM_JSON, run), "naas-db-bootstrap", masterSecretFile, scriptFile);
    }

    /**
     * What the Job's init container runs with the AWS CLI: the current value of the master secret (the ARN in
     * {@code $MASTER_SECRET_ARN}), as RDS wrote it, into {@code masterSecretFile}, readable by its owner only. The
     * container's IAM role may read that one secret and nothing else.
     */
    public static List<String> fetchMasterSecretCommand(String masterSecretFile) {
        return List.of("/bin/sh", "-c", "umask 077 && exec aws secretsmanager get-secret-value"
                + " --secret-id \"$MASTER_SECRET_ARN\" --query SecretString --output text > " + masterSecretFile);
    }

    /**
     * An awk program (POSIX: BusyBox's, mawk and gawk alike; the psql image has no JSON tool) that prints the
     * string value of the member {@code "password"} of the JSON object it reads, decoding JSON's escapes. RDS
     * passwords are printable ASCII, so an escape that decodes to anything else is refused rather than guessed,
     * as is a document without the member. It has no single quote: the shell step quotes it with them.
     */
    static final String PASSWORD_FROM_JSON = """
            function fail(why) { print "database bootstrap: the master secret " why > "/dev/stderr"; exit 2 }
            { doc = doc $0 "\\n" }
            END {
              key = "\\"password\\""
              at = index(doc, key)
              if (at == 0) fail("has no password member")
              rest = substr(doc, at + length(key))
              if (!match(rest, /^[ \\t\\r\\n]*:[ \\t\\r\\n]*"/)) fail("password is not a JSON string")
              rest = substr(rest, RSTART + RLENGTH)
              printable = " !\\"#$%&\\047()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
              pw = ""
              for (i = 1; i <= length(rest); i++) {
                c = substr(rest, i, 1)
                if (c == "\\"") { printf "%s", pw; exit 0 }
                if (c == "\\\\") {
                  i++
                  c = substr(rest, i, 1)
                  if (c == "u") {
                    code = 0
                    for (j = 1; j <= 4; j++) {
                      d = index("0123456789abcdef", tolower(substr(rest, i + j, 1)))
                      if (d == 0) fail("password has a malformed \\\\u escape")
                      code = code * 16 + d - 1
                    }
                    i += 4
                    if (code < 32 || code > 126) fail("password has a character that is not printable ASCII")
                    c = substr(printable, code - 31, 1)
                  } else if (c != "\\"" && c != "\\\\" && c != "/") {
                    fail("password has an escape that is not printable ASCII")
                  }
                } else if (index(printable, c) == 0) {
                  fail("password has a character that is not printable ASCII")
                }
                pw = pw c
              }
              fail("password string is not terminated")
            }""";

    /**
     * The bootstrap script for these apps, in the order given.
     *
     * @throws IllegalArgumentException if there are no apps, or two apps share a database or a role: each app gets
     *     its own of both
     */
    public static String script(List<AppDatabase> apps) {
        if (apps == null || apps.isEmpty()) {
            throw new IllegalArgumentException("the database bootstrap needs at least one app database");
        }
        Set<String> databases = new HashSet<>();
        Set<String> roles = new HashSet<>();
        for (AppDatabase app : apps) {
            if (!databases.add(app.database())) {
                throw new IllegalArgumentException("database '" + app.database() + "' is given to more than one app");
            }
            if (!roles.add(app.role())) {
                throw new IllegalArgumentException("role '" + app.role() + "' is given to more than one app");
            }
        }

        StringBuilder sql = new StringBuilder(HEADER);
        // Every check runs before the first change, so that a missing password cannot leave a half-applied state.
        apps.forEach(app -> sql.append(fill(CHECKS, app)));
        apps.forEach(app -> sql.append(fill(ROLE_AND_DATABASE, app)));
        // \connect last: each app database is entered once, after all roles and databases exist.
        apps.forEach(app -> sql.append(fill(PUBLIC_SCHEMA, app)));
        return sql.toString();
    }

    /**
     * Identifiers go into the SQL double-quoted and into literals single-quoted. That is safe without escaping
     * because {@link AppDatabase} admits only {@code [a-z0-9_]}, and quoting keeps names that happen to be SQL
     * keywords (say, {@code user}) working.
     */
    private static String fill(String template, AppDatabase app) {
        return template
                .replace("{database}", app.database())
                .replace("{role}", app.role())
                .replace("{env}", app.passwordEnvVar());
    }

    private static final String HEADER = """
            -- Naas database bootstrap, generated by ai.naas.aws.platform.database.DatabaseBootstrap: do not edit.
            -- Gives each app its own login role and its own database, reachable by that role only. Safe to run again.
            -- Run as the RDS master user on the maintenance database: psql -X -w -v ON_ERROR_STOP=1 -f <this file>
            -- Passwords come from the environment (NAAS_DB_PASSWORD_<ROLE>), never from this file.
            \\set ON_ERROR_STOP on
            -- Echoed statements would carry the interpolated passwords into the Job's log.
            \\set ECHO none

            -- \\getenv needs psql 15; the public schema owned by pg_database_owner needs server 15.
            SELECT current_setting('server_version_num')::int < 150000 AS naas_old_server,
                   :VERSION_NUM < 150000 AS naas_old_psql \\gset
            \\if :naas_old_server
            DO $$ BEGIN RAISE EXCEPTION 'the database bootstrap needs PostgreSQL server 15 or later'; END $$;
            \\endif
            \\if :naas_old_psql
            DO $$ BEGIN RAISE EXCEPTION 'the database bootstrap needs psql 15 or later'; END $$;
            \\endif
            """;

    private static final String CHECKS = """

            -- Checks for role {role}.
            -- Unset first: only the environment may supply the password, not a -v option or an earlier line.
            \\unset naas_pw_{role}
            \\getenv naas_pw_{role} {env}
            \\if :{?naas_pw_{role}}
            \\else
            DO $$ BEGIN RAISE EXCEPTION 'environment variable {env} (password of role {role}) is not set'; END $$;
            \\endif
            SELECT :'naas_pw_{role}' = '' AS naas_pw_{role}_empty \\gset
            \\if :naas_pw_{role}_empty
            DO $$ BEGIN RAISE EXCEPTION 'environment variable {env} (password of role {role}) is empty'; END $$;
            \\endif
            -- Never turn the master user or another administrative role into an app role (and reset its password).
            SELECT EXISTS (SELECT FROM pg_roles
                           WHERE rolname = '{role}'
                             AND (rolname = current_user OR rolsuper OR rolcreaterole OR rolcreatedb
                                  OR rolreplication OR rolbypassrls)) AS naas_admin_{role} \\gset
            \\if :naas_admin_{role}
            DO $$ BEGIN RAISE EXCEPTION 'role {role} is the master user or has administrative rights: refusing to make it an app role'; END $$;
            \\endif
            """;

    private static final String ROLE_AND_DATABASE = """

            -- Role {role} and database {database}.
            SELECT 'CREATE ROLE "{role}" LOGIN'
             WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') \\gexec
            ALTER ROLE "{role}" WITH LOGIN PASSWORD :'naas_pw_{role}';
            -- A non-superuser may give a database only to a role it is a member of (and, from 16, may SET ROLE to).
            GRANT "{role}" TO CURRENT_USER;
            -- CREATE DATABASE cannot run in a DO block (nor any transaction), hence \\gexec.
            SELECT 'CREATE DATABASE "{database}" OWNER "{role}"'
             WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{database}') \\gexec
            ALTER DATABASE "{database}" OWNER TO "{role}";
            -- The owner keeps CONNECT and TEMPORARY through ownership; everyone else loses them.
            REVOKE ALL ON DATABASE "{database}" FROM PUBLIC;
            SELECT DISTINCT format('REVOKE ALL ON DATABASE %I FROM %I CASCADE', d.datname, r.rolname)
              FROM pg_database d
             CROSS JOIN LATERAL aclexplode(d.datacl) AS acl
              JOIN pg_roles r ON r.oid = acl.grantee
             WHERE d.datname = '{database}' AND r.rolname <> '{role}' \\gexec
            """;

    private static final String PUBLIC_SCHEMA = """

            -- The public schema of {database}: its owner's only. Server 15+ already withholds CREATE from PUBLIC.
            \\connect {database}
            REVOKE ALL ON SCHEMA public FROM PUBLIC;
            """;
}
