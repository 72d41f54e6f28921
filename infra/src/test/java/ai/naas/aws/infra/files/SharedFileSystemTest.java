package ai.naas.aws.infra.files;

import ai.naas.aws.infra.InfraFixture;
import ai.naas.aws.infra.network.NatGateways;
import ai.naas.aws.plan.Plan;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared file system's policy, as {@link SharedFileSystem#admitOnly} registers it: the shape of AWS's own
 * examples (EFS User Guide, "Grant read and write access to a specific AWS role" with
 * {@code elasticfilesystem:AccessedViaMountTarget}; the console's "Enforce in-transit encryption for all clients",
 * a deny on {@code aws:SecureTransport} false).
 */
class SharedFileSystemTest {

    private static final String SFTP_ROLE = "arn:aws:iam::123456789012:role/naas-test-sftp";
    private static final String CSI_ROLE = "arn:aws:iam::123456789012:role/naas-test-efs-csi";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Plan plan;

    @BeforeAll
    static void planTheFileSystemAndItsPolicy() {
        plan = InfraFixture.plan(InfraFixture.network(NatGateways.SINGLE), InfraFixture.cluster(List.of()),
                (ctx, cluster) -> new SharedFileSystem("naas-test-files", new SharedFileSystem.Args(
                        SharedFilesSettings.defaults(), Output.of("vpc-0123456789abcdef0"),
                        Output.of(List.of("subnet-a", "subnet-b", "subnet-c")), 3,
                        Output.of("arn:aws:kms:eu-west-3:123456789012:key/files")), ComponentResourceOptions.Empty)
                        .admitOnly(List.of(Output.of(SFTP_ROLE), Output.of(CSI_ROLE))));
    }

    @Test
    void thePolicyIsOnTheFileSystem() {
        var policy = plan.ofType("aws:efs/fileSystemPolicy:FileSystemPolicy");

        assertThat(policy).singleElement().satisfies(p -> assertThat(p.requireInput("fileSystemId"))
                .isEqualTo(plan.ofType("aws:efs/fileSystem:FileSystem").get(0).id()));
    }

    @Test
    void everyConnectionWithoutTlsIsRefused() throws Exception {
        JsonNode deny = statement("RefuseConnectionsWithoutTls");

        assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
        assertThat(deny.path("Principal").path("AWS").asText()).isEqualTo("*");
        assertThat(deny.path("Action").asText()).isEqualTo("*");
        assertThat(deny.path("Resource").asText()).isEqualTo(fileSystemArn());
        assertThat(deny.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
    }

    @Test
    void onlyTheGivenRolesMayMountWriteAndActAsRootThroughAMountTarget() throws Exception {
        JsonNode allow = statement("AdmitTheClientRoles");

        assertThat(allow.path("Effect").asText()).isEqualTo("Allow");
        assertThat(texts(allow.path("Principal").path("AWS"))).containsExactly(SFTP_ROLE, CSI_ROLE);
        assertThat(texts(allow.path("Action"))).containsExactlyInAnyOrder("elasticfilesystem:ClientMount",
                "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess");
        assertThat(allow.path("Resource").asText()).isEqualTo(fileSystemArn());
        assertThat(allow.path("Condition").path("Bool").path("elasticfilesystem:AccessedViaMountTarget").asText())
                .isEqualTo("true");
        // No other statement allows anything: anonymous NFS clients and every other role are refused.
        assertThat(texts(document().path("Statement").findValues("Effect").stream().map(JsonNode::asText).toList()))
                .containsExactlyInAnyOrder("Deny", "Allow");
    }

    @Test
    void aPolicyThatAdmitsNoOneIsRefused() {
        assertThatThrownBy(() -> InfraFixture.plan(InfraFixture.network(NatGateways.SINGLE), InfraFixture.cluster(List.of()),
                (ctx, cluster) -> new SharedFileSystem("naas-test-files", new SharedFileSystem.Args(
                        SharedFilesSettings.defaults(), Output.of("vpc-0"), Output.of(List.of("subnet-a")), 1,
                        Output.of("arn:aws:kms:eu-west-3:123456789012:key/files")), ComponentResourceOptions.Empty)
                        .admitOnly(List.of()))).hasStackTraceContaining("at least one client role");
    }

    private static JsonNode document() throws Exception {
        return JSON.readTree((String) plan.ofType("aws:efs/fileSystemPolicy:FileSystemPolicy").get(0)
                .requireInput("policy"));
    }

    private static JsonNode statement(String sid) throws Exception {
        for (JsonNode statement : document().path("Statement")) {
            if (statement.path("Sid").asText().equals(sid)) {
                return statement;
            }
        }
        throw new AssertionError("no statement " + sid + " in " + document());
    }

    private static String fileSystemArn() {
        return (String) plan.ofType("aws:efs/fileSystem:FileSystem").get(0).output("arn").orElseThrow();
    }

    private static List<String> texts(Object node) {
        List<String> values = new ArrayList<>();
        if (node instanceof List<?> list) {
            list.forEach(v -> values.add(String.valueOf(v)));
        } else {
            ((JsonNode) node).forEach(v -> values.add(v.asText()));
            if (((JsonNode) node).isTextual()) {
                values.add(((JsonNode) node).asText());
            }
        }
        return values;
    }
}
