package ai.naas.aws.platform;

import ai.naas.aws.config.MapConfigSource;
import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.ConfigReader;
import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;
import ai.naas.aws.platform.spi.AppContext;
import ai.naas.aws.platform.spi.NaasApp;
import ai.naas.aws.platform.spi.Need;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which apps a stack runs, and what it must configure for them, is checked before anything is registered.
 */
class AppCatalogTest {

    record GreeterSettings(Integer replicas) {
        GreeterSettings {
            replicas = Settings.inRange("replicas", Settings.orDefault(replicas, 1), 1, 5);
        }
    }

    static final class Greeter implements NaasApp<GreeterSettings> {
        public String name() {
            return "greeter";
        }

        public Class<GreeterSettings> settingsType() {
            return GreeterSettings.class;
        }

        public GreeterSettings defaultSettings() {
            return new GreeterSettings(null);
        }

        public String namespace() {
            return "greeter";
        }

        public Set<Need> needs() {
            return Set.of(Need.DATABASE);
        }

        public List<String> secretNames() {
            return List.of("apiToken");
        }

        public List<String> optionalSecretNames() {
            return List.of("sentryDsn");
        }

        public void deploy(AppContext<GreeterSettings> context) {
        }
    }

    static final class Other implements NaasApp<GreeterSettings> {
        public String name() {
            return "other";
        }

        public Class<GreeterSettings> settingsType() {
            return GreeterSettings.class;
        }

        public GreeterSettings defaultSettings() {
            throw new InvalidSetting("replicas", "is required: other cannot guess");
        }

        public String namespace() {
            return "other";
        }

        public void deploy(AppContext<GreeterSettings> context) {
        }
    }

    private static final AppCatalog CATALOG = AppCatalog.of(List.of(new Greeter(), new Other()));

    private static ConfigReader config(Map<String, String> values, Set<String> secrets) {
        return new ConfigReader(new MapConfigSource(values, secrets));
    }

    private static Map<String, String> greeter() {
        var values = new HashMap<String, String>();
        values.put("naas:apps", "[\"greeter\"]");
        values.put("naas:greeter.apiToken", "t0ken");
        values.put("naas:greeter.databasePassword", "pw");
        return values;
    }

    private static final Set<String> SECRETS = Set.of("naas:greeter.apiToken", "naas:greeter.databasePassword");

    @Test
    void anEnabledAppGetsItsSettingsAndSecrets() {
        var values = greeter();
        values.put("naas:greeter", "{\"replicas\":3}");
        var apps = CATALOG.read(config(values, SECRETS));
        assertThat(apps).singleElement().satisfies(app -> {
            assertThat(app.name()).isEqualTo("greeter");
            assertThat(app.settings()).isEqualTo(new GreeterSettings(3));
            assertThat(app.secrets()).containsOnlyKeys("apiToken", "databasePassword");
            assertThat(app.secrets().get("apiToken").toString()).isEqualTo("[secret]");
        });
    }

    @Test
    void noAppsAreEnabledUnlessListed() {
        assertThat(CATALOG.read(config(Map.of(), Set.of()))).isEmpty();
    }

    @Test
    void anUnknownAppIsRefusedNamingItsPlaceInTheList() {
        var values = greeter();
        values.put("naas:apps", "[\"greeter\",\"grafana\"]");
        assertThatThrownBy(() -> CATALOG.read(config(values, SECRETS)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("naas:apps[1]"))
                .hasMessageContaining("unknown app 'grafana'").hasMessageContaining("greeter, other");
    }

    @Test
    void anAppListedTwiceIsRefused() {
        var values = greeter();
        values.put("naas:apps", "[\"greeter\",\"greeter\"]");
        assertThatThrownBy(() -> CATALOG.read(config(values, SECRETS))).hasMessageStartingWith("naas:apps[1]: ");
    }

    @Test
    void aMissingRequiredSecretIsRefusedWithTheCommandThatSetsIt() {
        var values = greeter();
        values.remove("naas:greeter.apiToken");
        assertThatThrownBy(() -> CATALOG.read(config(values, SECRETS)))
                .hasMessage("naas:greeter.apiToken: is required; set it with: pulumi config set --secret naas:greeter.apiToken <value>");
    }

    @Test
    void anAppWithADatabaseNeedsItsPasswordAsASecret() {
        var values = greeter();
        assertThatThrownBy(() -> CATALOG.read(config(values, Set.of("naas:greeter.apiToken"))))
                .hasMessageStartingWith("naas:greeter.databasePassword: must be a secret, not plain text");
    }

    @Test
    void badAppSettingsAreRefusedNamingTheirKey() {
        var values = greeter();
        values.put("naas:greeter", "{\"replicas\":9}");
        assertThatThrownBy(() -> CATALOG.read(config(values, SECRETS)))
                .hasMessage("naas:greeter.replicas: must be between 1 and 5, got 9");
    }

    @Test
    void anAppThatCannotRunOnDefaultsSaysWhichSettingItNeeds() {
        assertThatThrownBy(() -> CATALOG.read(config(Map.of("naas:apps", "[\"other\"]"), Set.of())))
                .hasMessage("naas:other.replicas: is required: other cannot guess");
    }

    @Test
    void theConfigKeysOfEveryAppAreKnownSoStackFilesCanBeCheckedStrictly() {
        assertThat(CATALOG.configKeys()).contains("naas:apps", "naas:greeter", "naas:greeter.apiToken",
                "naas:greeter.sentryDsn", "naas:greeter.databasePassword", "naas:other");
    }
}
