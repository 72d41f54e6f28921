package ai.naas.aws.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OfflineEngineTest {

    private static final String PASSWORD = "hunter2-very-secret";

    private static Plan planWithSecrets() {
        return new OfflineEngine(new PlausibleCloud("eu-west-3")).run("demo", "test",
                Map.of("demo:password", PASSWORD), Set.of("demo:password"), ctx -> {
                    var parent = new Group("group");
                    Output<String> password = ctx.config().getSecret("password").applyValue(o -> o.orElseThrow());
                    var role = new Role("role", RoleArgs.builder()
                            .assumeRolePolicy("{}")
                            .description(password.applyValue(p -> "uses " + p))
                            .tags(Map.of("plain", "visible"))
                            .build(), CustomResourceOptions.builder().parent(parent).protect(true).build());
                    new Role("second", RoleArgs.builder().assumeRolePolicy(role.arn().applyValue(a -> "{\"after\":\"" + a + "\"}")).build(),
                            CustomResourceOptions.builder().parent(parent).build());
                    ctx.export("password", password);
                    ctx.export("roleArn", role.arn());
                });
    }

    @Test
    void secretsNeverAppearInThePlanNeitherInInputsOutputsNorStackOutputs() throws Exception {
        var plan = planWithSecrets();
        String json = new ObjectMapper().writeValueAsString(plan);
        assertThat(json).doesNotContain(PASSWORD);
        var role = plan.resource("aws:iam/role:Role", "role");
        assertThat(role.requireInput("description")).isEqualTo(WireValues.SECRET);
        assertThat(role.output("description")).contains(WireValues.SECRET);
        assertThat(role.requireInput("tags.plain")).isEqualTo("visible");
        assertThat(plan.outputs().get("password")).isEqualTo(WireValues.SECRET);
    }

    @Test
    void eachResourceCarriesItsParentProtectFlagIdAndTheDependenciesItsInputsImply() {
        var plan = planWithSecrets();
        var group = plan.resource("naas:test:Group", "group");
        var role = plan.resource("aws:iam/role:Role", "role");
        var second = plan.resource("aws:iam/role:Role", "second");
        assertThat(role.parent()).isEqualTo(group.urn());
        assertThat(role.protect()).isTrue();
        assertThat(second.protect()).isFalse();
        assertThat(role.custom()).isTrue();
        assertThat(group.custom()).isFalse();
        assertThat(group.id()).isNull();
        assertThat(second.dependsOn()).contains(role.urn());
        // Sorted, whatever order the SDK gathered them in: a plan must read the same on every run.
        plan.resources().forEach(r -> assertThat(r.dependsOn()).isSorted());
        assertThat(plan.waitsFor(second, role)).isTrue();
        assertThat(plan.waitsFor(role, second)).isFalse();
        assertThat((String) second.requireInput("assumeRolePolicy")).contains((String) role.output("arn").orElseThrow());
        assertThat(plan.outputs().get("roleArn")).isEqualTo(role.output("arn").orElseThrow());
    }

    @Test
    void aFailingProgramReportsItsErrorAndWhatItHadRegistered() {
        var engine = new OfflineEngine(new PlausibleCloud("eu-west-3"));
        assertThatThrownBy(() -> engine.run("demo", "test", Map.of(), Set.of(), ctx -> {
            throw new IllegalStateException("broken on purpose");
        })).isInstanceOfSatisfying(ProgramFailedException.class, e -> {
            assertThat(e.getMessage()).contains("broken on purpose");
            assertThat(e.registered()).extracting(PlannedResource::type).containsOnly("pulumi:pulumi:Stack");
        });
    }

    @Test
    void anInvokeWithoutAPlausibleAnswerFailsLoudly() {
        var cloud = new PlausibleCloud("eu-west-3");
        assertThatThrownBy(() -> cloud.callAsync(new com.pulumi.test.Mocks.CallArgs("aws:ec2/getAmi:getAmi", null, null)))
                .hasMessageContaining("aws:ec2/getAmi:getAmi");
    }

    private static final class Group extends ComponentResource {
        Group(String name) {
            super("naas:test:Group", name, ComponentResourceOptions.Empty);
            registerOutputs(Map.of());
        }
    }
}
