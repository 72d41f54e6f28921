package ai.naas.aws.infra.monitoring;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.MapConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code naas:alerts}: who is told, and when; a wrong value is refused naming its key. */
class AlertsSettingsTest {

    private static AlertsSettings read(String raw) {
        return MapConfigSource.builder().set(AlertsSettings.KEY, raw).reader().required(AlertsSettings.KEY, AlertsSettings.class);
    }

    @Test
    void nothingSetMeansNoSubscribersAndTheDocumentedThresholds() {
        var settings = read("{}");
        assertThat(settings.emails()).isEmpty();
        assertThat(settings.https()).isEmpty();
        assertThat(settings.thresholds()).isEqualTo(new AlarmThresholds(80, 5, 256, 300, 100, 90, 15, 1, 30, 5, 25, 3, 15));
    }

    @ParameterizedTest
    @ValueSource(strings = {"oncall@example.com", "first.last+naas@ops.example.co.uk", "o'brien@example.org"})
    void realAddressesAreAccepted(String email) {
        assertThat(read("{\"emails\":[\"" + email + "\"]}").emails()).containsExactly(email);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"emails\":[\"oncall@localhost\"]}|naas:alerts.emails[0]|an e-mail address",
            "{\"emails\":[\"on call@example.com\"]}|naas:alerts.emails[0]|an e-mail address",
            "{\"emails\":[\"a@example.com\",\"b@example\"]}|naas:alerts.emails[1]|an e-mail address",
            "{\"emails\":\"oncall@example.com\"}|naas:alerts.emails|a list",
            "{\"httpsEndpoint\":\"https:///no-host\"}|naas:alerts.httpsEndpoint|https:// URL",
            "{\"httpsEndpoint\":\"ftp://pager.example.com\"}|naas:alerts.httpsEndpoint|https:// URL",
            "{\"thresholds\":{\"databaseConnections\":5}}|naas:alerts.thresholds.databaseConnections|between 10 and 5000, got 5",
            "{\"thresholds\":{\"fileSystemIoLimitPercent\":101}}|naas:alerts.thresholds.fileSystemIoLimitPercent|between 1 and 100",
            "{\"thresholds\":{\"databaseCpuPercent\":80.5}}|naas:alerts.thresholds.databaseCpuPercent|a whole number",
            "{\"thresholds\":{\"spawnFailurePercent\":0}}|naas:alerts.thresholds.spawnFailurePercent|between 1 and 100, got 0",
            "{\"thresholds\":{\"spawnFailureMinimum\":0}}|naas:alerts.thresholds.spawnFailureMinimum|between 1 and 1000, got 0",
            "{\"thresholds\":{\"spawnFailureMinutes\":2}}|naas:alerts.thresholds.spawnFailureMinutes|between 5 and 60, got 2",
    })
    void badValuesAreRefusedNamingTheKey(String raw, String key, String problem) {
        assertThatThrownBy(() -> read(raw)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key + ": ").hasMessageContaining(problem);
    }
}
