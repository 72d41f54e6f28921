package ai.naas.aws.plan;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One resource of the desired state: what the program asked the engine to register, and what the
 * (mock) engine answered.
 *
 * @param urn       the resource's URN
 * @param type      the type token, e.g. {@code aws:ec2/vpc:Vpc}
 * @param name      the logical name given by the program
 * @param custom    true for provider-managed resources, false for components
 * @param parent    the parent's URN, or null for the stack itself
 * @param provider  the URN of the explicit provider, or null for the default provider
 * @param dependsOn every URN this resource waits for: explicit {@code dependsOn} and those implied by inputs
 * @param protect   whether Pulumi refuses to delete it
 * @param id        the id the engine answered (null for components)
 * @param inputs    the inputs as registered; secret values read {@value WireValues#SECRET}
 * @param outputs   the state the engine answered; secret values read {@value WireValues#SECRET}
 */
@JsonPropertyOrder({"urn", "type", "name", "custom", "parent", "provider", "dependsOn", "protect", "id", "inputs", "outputs"})
public record PlannedResource(
        String urn,
        String type,
        String name,
        boolean custom,
        String parent,
        String provider,
        List<String> dependsOn,
        boolean protect,
        String id,
        Map<String, Object> inputs,
        Map<String, Object> outputs) {

    public PlannedResource {
        Objects.requireNonNull(urn, "urn");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        dependsOn = List.copyOf(dependsOn);
        inputs = WireValues.unmodifiable(inputs);
        outputs = WireValues.unmodifiable(outputs);
    }

    /** The input at a dotted path ({@code tags.Name}, {@code vpcConfig.subnetIds}), if present. */
    public Optional<Object> input(String path) {
        return WireValues.at(inputs, path);
    }

    /** The input at a dotted path, which must be present. */
    public Object requireInput(String path) {
        return input(path).orElseThrow(() -> new IllegalArgumentException(
                "%s %s has no input %s; inputs: %s".formatted(type, name, path, inputs.keySet())));
    }

    /** The output at a dotted path, if present. */
    public Optional<Object> output(String path) {
        return WireValues.at(outputs, path);
    }
}
