package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.config.MapConfigSource;
import ai.naas.aws.plan.OfflineEngine;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlausibleCloud;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * The bootstrap planned offline from its example stack file, {@code Pulumi.main-account.yaml}, as
 * {@code naas plan --program bootstrap} plans it (cached: a plan is immutable), and policy-reading helpers.
 */
final class BootstrapPlans {

    static final ObjectMapper JSON = new ObjectMapper();
    private static Plan example;

    private BootstrapPlans() {
    }

    /** The example account's plan. */
    static synchronized Plan example() {
        if (example == null) {
            example = of(Map.of());
        }
        return example;
    }

    /** The example account with some config values replaced (full key to raw value). */
    static Plan of(Map<String, String> overrides) {
        var file = BootstrapFile.read(Path.of("Pulumi.main-account.yaml"));
        var values = new HashMap<>(file.values());
        values.putAll(overrides);
        var config = new MapConfigSource(values, file.secretKeys());
        return new OfflineEngine(new PlausibleCloud("eu-west-3"))
                .run("naas-bootstrap", "main-account", values, file.secretKeys(), ctx -> AccountBootstrap.run(ctx, config));
    }

    /** The statements of a policy document held as JSON text. */
    static List<JsonNode> statements(Object policyJson) {
        try {
            var list = new ArrayList<JsonNode>();
            JSON.readTree((String) policyJson).path("Statement").forEach(list::add);
            return list;
        } catch (Exception e) {
            throw new IllegalArgumentException("not a policy document: " + policyJson, e);
        }
    }

    /** The one statement with this Sid. */
    static JsonNode statement(Object policyJson, String sid) {
        return statements(policyJson).stream().filter(s -> s.path("Sid").asText().equals(sid)).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid + " in " + policyJson));
    }

    /** A string-or-array value of a policy as a list (IAM reads "x" and ["x"] alike). */
    static List<String> texts(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        return node.isArray() ? StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList()
                : List.of(node.asText());
    }
}
