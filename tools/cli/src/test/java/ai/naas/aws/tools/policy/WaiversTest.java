package ai.naas.aws.tools.policy;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A stack's waivers: each names a real rule and resource and says why, or the check stops. */
class WaiversTest {

    private static final PlannedResource KEY = new PlannedResource("urn:pulumi:dev::naas::aws:kms/key:Key::disks",
            "aws:kms/key:Key", "disks", true, null, null, List.of(), true, "id", Map.of(), Map.of());
    private static final Plan PLAN = new Plan("naas", "dev", List.of(KEY), Map.of());
    private static final Violation NO_ROTATION = new Violation("kms-keys-rotate", KEY.urn(), "key rotation off");

    @TempDir
    Path dir;

    private Waivers read(String yaml) throws Exception {
        var file = dir.resolve("policy-waivers.dev.yaml");
        Files.writeString(file, yaml);
        return Waivers.read(file, PLAN, PolicyRules.all());
    }

    @Test
    void aWaiverByNameOrUrnTakesTheViolationOutAndKeepsItsReason() throws Exception {
        for (String resource : List.of("disks", KEY.urn())) {
            var outcome = read("waivers:\n  - rule: kms-keys-rotate\n    resource: '" + resource + "'\n    reason: imported key, rotated by hand\n")
                    .apply(List.of(NO_ROTATION), PLAN);
            assertThat(outcome.violations()).isEmpty();
            assertThat(outcome.waived()).containsOnlyKeys(NO_ROTATION);
            assertThat(outcome.waived().get(NO_ROTATION).reason()).isEqualTo("imported key, rotated by hand");
        }
    }

    @Test
    void aWaiverNothingNeedsIsReportedAsUnused() throws Exception {
        var outcome = read("waivers:\n  - rule: kms-keys-rotate\n    resource: disks\n    reason: r\n").apply(List.of(), PLAN);
        assertThat(outcome.unused()).extracting(Waivers.Waiver::rule).containsExactly("kms-keys-rotate");
    }

    @Test
    void aWaiverWithoutAReasonIsAnErrorAtItsLine() {
        assertThatThrownBy(() -> read("waivers:\n  - rule: kms-keys-rotate\n    resource: disks\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir.resolve("policy-waivers.dev.yaml") + ":2:5: waivers[0].reason: is required");
        assertThatThrownBy(() -> read("waivers:\n  - rule: kms-keys-rotate\n    resource: disks\n    reason: '  '\n"))
                .hasMessageContaining(":4:13: waivers[0].reason: is required");
    }

    @Test
    void anUnknownRuleOrResourceIsAnErrorNamingTheClosest() {
        assertThatThrownBy(() -> read("waivers:\n  - rule: kms-key-rotate\n    resource: disks\n    reason: r\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(":2:11: waivers[0].rule: no rule 'kms-key-rotate'; did you mean 'kms-keys-rotate'?");
        assertThatThrownBy(() -> read("waivers:\n  - rule: kms-keys-rotate\n    resource: disk\n    reason: r\n"))
                .hasMessageContaining(":3:15: waivers[0].resource: no resource 'disk' in stack dev's plan; did you mean 'disks'?");
        assertThatThrownBy(() -> read("waivers:\n  - rule: kms-keys-rotate\n    resource: disks\n    reason: r\n    expires: 2027\n"))
                .hasMessageContaining("waivers[0].expires: unknown field");
    }

    @Test
    void brokenYamlIsAnErrorWithLineAndColumn() {
        assertThatThrownBy(() -> read("waivers:\n  - rule: [kms-keys-rotate\n"))
                .isInstanceOf(ConfigException.class).hasMessageMatching(".*policy-waivers\\.dev\\.yaml:\\d+:\\d+: is not valid YAML: .*");
    }
}
