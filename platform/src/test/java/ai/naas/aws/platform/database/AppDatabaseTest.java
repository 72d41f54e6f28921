package ai.naas.aws.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which names an app may give its database and role, and where its password comes from. */
class AppDatabaseTest {

    @ParameterizedTest
    @ValueSource(strings = {"hub", "naas_notifications", "_private", "app2", "user",
            "a23456789012345678901234567890123456789012345678901234567890123"})
    void acceptsPlainLowerCaseIdentifiersOfUpTo63Characters(String name) {
        AppDatabase app = AppDatabase.named(name);

        assertThat(app.database()).isEqualTo(name);
        assertThat(app.role()).isEqualTo(name);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Hub", "2hub", "naas-hub", "naas hub", "hub;drop", "hub\"", "hub'", "hé",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void refusesNamesThatAreNotPlainLowerCaseIdentifiers(String name) {
        assertThatThrownBy(() -> new AppDatabase(name, "hub"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("database name ");
        assertThatThrownBy(() -> new AppDatabase("hub", name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("role name ");
    }

    @Test
    void saysWhatAValidNameLooksLike() {
        assertThatThrownBy(() -> new AppDatabase("Naas-Hub", "hub"))
                .hasMessage("database name 'Naas-Hub' is not a plain PostgreSQL identifier: use 1 to 63 lower case"
                        + " letters, digits and underscores, not starting with a digit");
        assertThatThrownBy(() -> new AppDatabase("hub", null))
                .hasMessage("role name is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "template0", "template1", "rdsadmin", "public", "none", "current_user",
            "session_user", "current_role"})
    void refusesNamesThatPostgresqlOrRdsKeepForThemselves(String name) {
        assertThatThrownBy(() -> new AppDatabase(name, "hub"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("database name '" + name + "' is reserved by PostgreSQL or RDS and cannot be given to an app");
        assertThatThrownBy(() -> new AppDatabase("hub", name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("role name '" + name + "' is reserved by PostgreSQL or RDS and cannot be given to an app");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pg_monitor", "pg_hub", "rds_superuser", "rds_iam"})
    void refusesRoleNamesInThePredefinedRolePrefixes(String role) {
        assertThatThrownBy(() -> new AppDatabase("hub", role))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("role name '" + role + "' starts with '")
                .hasMessageContaining("reserve for their predefined roles");
    }

    @Test
    void readsTheRolesPasswordFromAnEnvironmentVariableNamedAfterTheRole() {
        assertThat(new AppDatabase("naas_notifications", "notifications_app").passwordEnvVar())
                .isEqualTo("NAAS_DB_PASSWORD_NOTIFICATIONS_APP");
        assertThat(AppDatabase.named("jupyterhub").passwordEnvVar()).isEqualTo("NAAS_DB_PASSWORD_JUPYTERHUB");
    }
}
