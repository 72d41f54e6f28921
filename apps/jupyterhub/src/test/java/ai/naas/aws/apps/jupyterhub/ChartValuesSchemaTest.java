package ai.naas.aws.apps.jupyterhub;

import ai.naas.aws.plan.Plan;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import static ai.naas.aws.apps.jupyterhub.JupyterHubFixture.ALL_NAAS_SERVICES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The values the app passes to the Zero to JupyterHub chart, as the plan records them, validated against the
 * chart's own values schema ({@code z2jh/values.schema.json}, see its SOURCE.md): every key must be one the
 * chart knows, of the type it expects. The chart's {@code values.yaml} fills the keys we leave out, so the
 * schema's {@code required} lists are dropped: what is checked is that nothing we set is unknown or mistyped.
 */
class ChartValuesSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;
    private static Plan full;
    private static Plan minimal;

    @BeforeAll
    static void loadTheSchemaAndPlanTheApp() throws IOException {
        JsonNode raw;
        try (var in = ChartValuesSchemaTest.class.getClassLoader().getResourceAsStream("z2jh/values.schema.json")) {
            raw = JSON.readTree(in);
        }
        dropRequired(raw);
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(raw);
        full = JupyterHubFixture.hub("""
                {"cullIdleServers": true, "cullTimeoutSeconds": 7200, "placeholders": 2,
                 "oauth": {"clientId": "naas-hub",
                           "authorizeUrl": "https://login.example.com/oauth2/authorize",
                           "tokenUrl": "https://login.example.com/oauth2/token",
                           "userdataUrl": "https://login.example.com/oauth2/userinfo",
                           "allowedUsers": ["jane"], "adminUsers": ["admin"]}}""", true)
                .endpoints(ALL_NAAS_SERVICES).plan().plan();
        minimal = JupyterHubFixture.hub(JupyterHubFixture.MINIMAL, false).plan().plan();
    }

    private static JsonNode values(Plan plan) {
        return JSON.valueToTree(plan.resource("kubernetes:helm.sh/v3:Release", JupyterHubApp.NAME).requireInput("values"));
    }

    @Test
    void everyValueTheAppPassesIsAllowedByTheChartsSchema() {
        assertThat(schema.validate(values(full))).as("full configuration").isEmpty();
        assertThat(schema.validate(values(minimal))).as("minimal configuration").isEmpty();
    }

    @Test
    void theSchemaRefusesWhatTheChartDoesNotKnow() {
        // The checks above would be empty for any schema that accepts everything: show that this one does not.
        var withChpAnnotations = (ObjectNode) values(full).deepCopy();
        ((ObjectNode) withChpAnnotations.path("proxy").path("chp")).set("annotations", JSON.valueToTree(
                Map.of("cluster-autoscaler.kubernetes.io/safe-to-evict", "false")));
        assertThat(messages(withChpAnnotations)).anyMatch(m -> m.contains("annotations"));

        var withMaxHistory = (ObjectNode) values(full).deepCopy();
        withMaxHistory.put("maxHistory", 10);
        assertThat(messages(withMaxHistory)).anyMatch(m -> m.contains("maxHistory"));

        var cpuAsText = (ObjectNode) values(full).deepCopy();
        ((ObjectNode) cpuAsText.path("singleuser").path("cpu")).put("guarantee", "500m");
        assertThat(messages(cpuAsText)).isNotEmpty();
    }

    private static Set<String> messages(JsonNode values) {
        return Set.copyOf(schema.validate(values).stream().map(ValidationMessage::getMessage).toList());
    }

    private static void dropRequired(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("required");
        }
        node.forEach(ChartValuesSchemaTest::dropRequired);
    }
}
