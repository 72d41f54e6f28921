package ai.naas.aws.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.naas.aws.platform.database.LocalPostgres.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;

/**
 * The bootstrap script, run by psql exactly as the Job runs it, against a real PostgreSQL server, as a master user
 * that, like RDS's, is not a superuser but has {@code CREATEROLE} and {@code CREATEDB}.
 *
 * <p>One server serves the whole class; each test uses its own app names, so tests do not depend on each other's
 * order or leftovers.
 */
class DatabaseBootstrapTest {

    private static final String MASTER = "naas_master";
    private static final String MASTER_PASSWORD = "master-secret-1";
    /** SQLSTATE insufficient_privilege: what PostgreSQL answers to a connection without CONNECT. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    /** SQLSTATE invalid_password. */
    private static final String INVALID_PASSWORD = "28P01";

    private static LocalPostgres server;

    @TempDir
    Path scratch;

    @BeforeAll
    static void startServerWithAnRdsLikeMasterUser() throws SQLException {
        server = LocalPostgres.start();
        superuserSql("postgres", "CREATE ROLE " + MASTER + " LOGIN CREATEROLE CREATEDB PASSWORD '" + MASTER_PASSWORD
                + "'");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void runsAsANonSuperuserMasterAndASecondRunChangesNothing() throws Exception {
        AppDatabase hub = AppDatabase.named("idem_hub");
        AppDatabase notifications = new AppDatabase("idem_notifications", "idem_notifications_app");
        List<AppDatabase> apps = List.of(hub, notifications);
        Map<AppDatabase, String> passwords = Map.of(hub, "hub-secret-1", notifications, "notifications-secret-1");
        assertThat(superuserQuery("postgres", "SELECT rolsuper FROM pg_roles WHERE rolname = '" + MASTER + "'"))
                .containsExactly("f");

        assertSucceeded(bootstrap(apps, passwords));
        Catalog afterFirstRun = catalog(apps);
        assertSucceeded(bootstrap(apps, passwords));

        assertThat(catalog(apps)).isEqualTo(afterFirstRun);
        assertThat(afterFirstRun.roles()).containsExactly(
                // name, superuser, inherit, createrole, createdb, login, replication, bypassrls, connection limit
                "idem_hub f t f f t f f -1",
                "idem_notifications_app f t f f t f f -1");
        assertThat(afterFirstRun.databases()).containsExactly(
                // name, owner, privileges: the owner's alone, nothing for PUBLIC (an ACL entry "=...")
                "idem_hub idem_hub {idem_hub=CTc/idem_hub}",
                "idem_notifications idem_notifications_app"
                        + " {idem_notifications_app=CTc/idem_notifications_app}");
        assertThat(afterFirstRun.publicSchemas()).containsExactly(
                "idem_hub pg_database_owner {pg_database_owner=UC/pg_database_owner}",
                "idem_notifications pg_database_owner {pg_database_owner=UC/pg_database_owner}");
        // PostgreSQL 16+ adds the implicit admin grant its CREATE ROLE gives the master user: hence contains, not
        // containsExactly. What matters is that the master may act as each app role and no app role gains another.
        assertThat(afterFirstRun.memberships())
                .contains("idem_hub granted to " + MASTER, "idem_notifications_app granted to " + MASTER)
                .noneMatch(membership -> membership.contains(" granted to idem_"));
        assertThat(superuserQuery("postgres",
                "SELECT rolpassword FROM pg_authid WHERE rolname LIKE 'idem_%' ORDER BY rolname"))
                .as("passwords are stored as salted SCRAM verifiers")
                .allMatch(verifier -> verifier.startsWith("SCRAM-SHA-256$"))
                .hasSize(2);
    }

    @Test
    void eachAppRoleConnectsToItsOwnDatabaseAndCreatesTablesThere() throws Exception {
        AppDatabase hub = AppDatabase.named("own_hub");
        AppDatabase callback = new AppDatabase("own_callback", "own_callback_app");
        Map<AppDatabase, String> passwords = Map.of(hub, "hub-secret-2", callback, "callback-secret-2");
        assertSucceeded(bootstrap(List.of(hub, callback), passwords));

        for (AppDatabase app : List.of(hub, callback)) {
            try (Connection connection = server.connect(app.database(), app.role(), passwords.get(app));
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
                statement.execute("INSERT INTO notes VALUES (1, 'written by " + app.role() + "')");
                try (ResultSet rows = statement.executeQuery("SELECT current_user, current_schema, body FROM notes")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo(app.role());
                    assertThat(rows.getString(2)).isEqualTo("public");
                    assertThat(rows.getString(3)).isEqualTo("written by " + app.role());
                }
            }
        }
    }

    @Test
    void anAppRoleCannotConnectToAnotherAppsDatabase() {
        AppDatabase hub = AppDatabase.named("cross_hub");
        AppDatabase proxy = AppDatabase.named("cross_proxy");
        assertSucceeded(bootstrap(List.of(hub, proxy), Map.of(hub, "hub-secret-3", proxy, "proxy-secret-3")));

        assertConnectionRefused(proxy.database(), hub.role(), "hub-secret-3", INSUFFICIENT_PRIVILEGE,
                "permission denied for database \"cross_proxy\"");
        assertConnectionRefused(hub.database(), proxy.role(), "proxy-secret-3", INSUFFICIENT_PRIVILEGE,
                "permission denied for database \"cross_hub\"");
    }

    @Test
    void aLoginRoleWithoutGrantsCannotConnectToAnAppDatabase() throws SQLException {
        AppDatabase screenshot = AppDatabase.named("public_screenshot");
        assertSucceeded(bootstrap(List.of(screenshot), Map.of(screenshot, "screenshot-secret-4")));
        superuserSql("postgres", "CREATE ROLE bystander_4 LOGIN PASSWORD 'bystander-secret-4'");

        // The role is sound: it gets into a database that still lets PUBLIC connect.
        try (Connection connection = server.connect("postgres", "bystander_4", "bystander-secret-4")) {
            assertThat(connection.isValid(5)).isTrue();
        }
        assertConnectionRefused(screenshot.database(), "bystander_4", "bystander-secret-4", INSUFFICIENT_PRIVILEGE,
                "permission denied for database \"public_screenshot\"");
    }

    @Test
    void aPrivilegeGrantedByHandOnAnAppDatabaseIsRevokedByTheNextRun() throws SQLException {
        AppDatabase hub = AppDatabase.named("drift_hub");
        Map<AppDatabase, String> passwords = Map.of(hub, "hub-secret-5");
        assertSucceeded(bootstrap(List.of(hub), passwords));
        superuserSql("postgres", "CREATE ROLE bystander_5 LOGIN PASSWORD 'bystander-secret-5'",
                "GRANT CONNECT, TEMPORARY ON DATABASE drift_hub TO bystander_5");
        try (Connection connection = server.connect(hub.database(), "bystander_5", "bystander-secret-5")) {
            assertThat(connection.isValid(5)).isTrue();
        }

        assertSucceeded(bootstrap(List.of(hub), passwords));

        assertConnectionRefused(hub.database(), "bystander_5", "bystander-secret-5", INSUFFICIENT_PRIVILEGE,
                "permission denied for database \"drift_hub\"");
    }

    @Test
    void thePublicSchemaOfAnAppDatabaseIsClosedToEveryRoleButItsOwner() throws SQLException {
        AppDatabase hub = AppDatabase.named("schema_hub");
        assertSucceeded(bootstrap(List.of(hub), Map.of(hub, "hub-secret-6")));
        try (Connection owner = server.connect(hub.database(), hub.role(), "hub-secret-6");
             Statement statement = owner.createStatement()) {
            statement.execute("CREATE TABLE secrets (value text)");
        }
        // Even a role that is let into the database, by hand, finds the public schema shut.
        superuserSql("postgres", "CREATE ROLE bystander_6 LOGIN PASSWORD 'bystander-secret-6'",
                "GRANT CONNECT ON DATABASE schema_hub TO bystander_6");

        try (Connection intruder = server.connect(hub.database(), "bystander_6", "bystander-secret-6");
             Statement statement = intruder.createStatement()) {
            assertThatThrownBy(() -> statement.execute("CREATE TABLE public.planted (value text)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                            .isEqualTo(INSUFFICIENT_PRIVILEGE))
                    .hasMessageContaining("permission denied for schema public");
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM public.secrets"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                            .isEqualTo(INSUFFICIENT_PRIVILEGE))
                    .hasMessageContaining("permission denied for schema public");
        }
    }

    @Test
    void rotatingOneAppsPasswordRetiresTheOldOneAndLeavesTheOthersAlone() throws SQLException {
        AppDatabase hub = AppDatabase.named("rotate_hub");
        AppDatabase proxy = AppDatabase.named("rotate_proxy");
        List<AppDatabase> apps = List.of(hub, proxy);
        assertSucceeded(bootstrap(apps, Map.of(hub, "hub-old-secret", proxy, "proxy-secret-7")));

        assertSucceeded(bootstrap(apps, Map.of(hub, "hub-new-secret", proxy, "proxy-secret-7")));

        assertConnectionRefused(hub.database(), hub.role(), "hub-old-secret", INVALID_PASSWORD,
                "password authentication failed for user \"rotate_hub\"");
        try (Connection rotated = server.connect(hub.database(), hub.role(), "hub-new-secret");
             Connection untouched = server.connect(proxy.database(), proxy.role(), "proxy-secret-7")) {
            assertThat(rotated.isValid(5)).isTrue();
            assertThat(untouched.isValid(5)).isTrue();
        }
    }

    @ParameterizedTest(name = "password {0}")
    @NullAndEmptySource
    void aMissingOrEmptyPasswordStopsTheRunBeforeAnythingChanges(String newAppPassword) throws SQLException {
        AppDatabase hub = AppDatabase.named("stop_hub");
        AppDatabase latecomer = AppDatabase.named("stop_latecomer");
        assertSucceeded(bootstrap(List.of(hub), Map.of(hub, "hub-secret-8")));
        Map<AppDatabase, String> passwords = new LinkedHashMap<>();
        passwords.put(hub, "hub-secret-8-rotated");
        if (newAppPassword != null) {
            passwords.put(latecomer, newAppPassword);
        }

        // A password given to psql as a variable does not count: only the environment may supply it.
        ProcessResult run = bootstrap(List.of(hub, latecomer), passwords, "-v", "naas_pw_stop_latecomer=not-from-env");

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("environment variable NAAS_DB_PASSWORD_STOP_LATECOMER"
                + " (password of role stop_latecomer) is " + (newAppPassword == null ? "not set" : "empty"));
        assertThat(superuserQuery("postgres", "SELECT rolname FROM pg_roles WHERE rolname = 'stop_latecomer'"
                + " UNION ALL SELECT datname FROM pg_database WHERE datname = 'stop_latecomer'")).isEmpty();
        try (Connection unchanged = server.connect(hub.database(), hub.role(), "hub-secret-8")) {
            assertThat(unchanged.isValid(5)).as("the hub's password was not rotated").isTrue();
        }
    }

    @Test
    void refusesToTurnTheMasterUserIntoAnAppRole() throws SQLException {
        AppDatabase hijack = new AppDatabase("hijack", MASTER);

        ProcessResult run = bootstrap(List.of(hijack), Map.of(hijack, "not-the-master-password"));

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("role " + MASTER + " is the master user or has administrative rights");
        assertThat(superuserQuery("postgres", "SELECT datname FROM pg_database WHERE datname = 'hijack'")).isEmpty();
        try (Connection master = server.connect("postgres", MASTER, MASTER_PASSWORD)) {
            assertThat(master.isValid(5)).as("the master password is unchanged").isTrue();
        }
    }

    @Test
    void passwordsStayOutOfTheJobLogEvenWhenPsqlIsAskedToEchoQueries() {
        AppDatabase hub = AppDatabase.named("quiet_hub");

        ProcessResult run = bootstrap(List.of(hub), Map.of(hub, "never-logged-secret"), "--echo-queries",
                "--echo-errors");

        assertSucceeded(run);
        assertThat(run.output()).doesNotContain("never-logged-secret");
    }

    @Test
    void theScriptReadsEachPasswordFromItsAppsEnvironmentVariableOnly() {
        String script = DatabaseBootstrap.script(List.of(AppDatabase.named("hub"),
                new AppDatabase("notifications", "notifications_app")));

        assertThat(script)
                .contains("\\unset naas_pw_hub\n\\getenv naas_pw_hub NAAS_DB_PASSWORD_HUB\n")
                .contains("\\getenv naas_pw_notifications_app NAAS_DB_PASSWORD_NOTIFICATIONS_APP\n")
                .contains("PASSWORD :'naas_pw_hub';")
                .contains("PASSWORD :'naas_pw_notifications_app';");
    }

    @Test
    void eachAppNeedsItsOwnDatabaseAndItsOwnRole() {
        assertThatThrownBy(() -> DatabaseBootstrap.script(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the database bootstrap needs at least one app database");
        assertThatThrownBy(() -> DatabaseBootstrap.script(List.of(
                new AppDatabase("shared", "one"), new AppDatabase("shared", "two"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("database 'shared' is given to more than one app");
        assertThatThrownBy(() -> DatabaseBootstrap.script(List.of(
                new AppDatabase("one", "shared"), new AppDatabase("two", "shared"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("role 'shared' is given to more than one app");
    }

    /** Runs the script with the Job's psql command line, as the master user, with these passwords in the env. */
    private ProcessResult bootstrap(List<AppDatabase> apps, Map<AppDatabase, String> passwords,
                                    String... extraPsqlOptions) {
        try {
            Path script = Files.writeString(Files.createTempFile(scratch, "bootstrap", ".sql"),
                    DatabaseBootstrap.script(apps));
            List<String> command = new ArrayList<>(DatabaseBootstrap.psqlCommand(script.toString()));
            command.set(0, server.psql().toString());
            command.addAll(1, List.of(extraPsqlOptions));
            Path output = Files.createTempFile(scratch, "psql", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(scratch.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            Map<String, String> env = builder.environment();
            // Only what the Job would set: no stray libpq settings or passwords from the machine running the tests.
            env.keySet().removeIf(name -> name.startsWith("PG") || name.startsWith(AppDatabase.PASSWORD_ENV_PREFIX));
            env.putAll(server.libpqEnvironment(MASTER, MASTER_PASSWORD));
            passwords.forEach((app, password) -> env.put(app.passwordEnvVar(), password));
            return ProcessResult.run(builder, output, 60);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertSucceeded(ProcessResult run) {
        assertThat(run.exitCode()).as("psql exit code; output:%n%s", run.output()).isZero();
    }

    private static void assertConnectionRefused(String database, String user, String password, String sqlState,
                                                String message) {
        assertThatThrownBy(() -> server.connect(database, user, password).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState))
                .hasMessageContaining(message);
    }

    /**
     * What the bootstrap controls, read from the catalogs as the superuser, one line per object. Password verifiers
     * are left out: PostgreSQL salts each one afresh, so they differ from run to run by design.
     */
    private static Catalog catalog(List<AppDatabase> apps) throws SQLException {
        String roles = inList(apps.stream().map(AppDatabase::role).toList());
        String databases = inList(apps.stream().map(AppDatabase::database).toList());
        List<String> publicSchemas = new ArrayList<>();
        for (AppDatabase app : apps) {
            publicSchemas.addAll(superuserQuery(app.database(), "SELECT current_database() || ' '"
                    + " || nspowner::regrole || ' ' || nspacl::text FROM pg_namespace WHERE nspname = 'public'"));
        }
        return new Catalog(
                superuserQuery("postgres", "SELECT concat_ws(' ', rolname, rolsuper, rolinherit, rolcreaterole,"
                        + " rolcreatedb, rolcanlogin, rolreplication, rolbypassrls, rolconnlimit, rolvaliduntil)"
                        + " FROM pg_roles WHERE rolname IN " + roles + " ORDER BY rolname"),
                superuserQuery("postgres", "SELECT roleid::regrole || ' granted to ' || member::regrole"
                        + " || CASE WHEN admin_option THEN ' with admin option' ELSE '' END"
                        + " FROM pg_auth_members WHERE roleid::regrole::text IN " + roles
                        + " OR member::regrole::text IN " + roles + " ORDER BY 1"),
                superuserQuery("postgres", "SELECT concat_ws(' ', datname, datdba::regrole, datacl)"
                        + " FROM pg_database WHERE datname IN " + databases + " ORDER BY datname"),
                publicSchemas);
    }

    /** Test names only ({@link AppDatabase} has validated them), so plain quoting is safe. */
    private static String inList(List<String> names) {
        return "('" + String.join("', '", names) + "')";
    }

    private static List<String> superuserQuery(String database, String sql) throws SQLException {
        try (Connection connection = server.connectAsSuperuser(database);
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static void superuserSql(String database, String... statements) throws SQLException {
        try (Connection connection = server.connectAsSuperuser(database);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The catalog rows the bootstrap controls, compared whole between runs. */
    private record Catalog(List<String> roles, List<String> memberships, List<String> databases,
                           List<String> publicSchemas) {
    }
}
