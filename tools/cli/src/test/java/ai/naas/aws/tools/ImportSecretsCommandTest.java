package ai.naas.aws.tools;

import ai.naas.aws.environments.StackPlanner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.ArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moving off SOPS: the secrets of a decrypted secrets.yaml become the stack's secure config values, handed
 * to the Pulumi CLI on standard input only. A stand-in {@code pulumi} records how it was called.
 */
class ImportSecretsCommandTest {

    private static final String OAUTH = "oauth-s3cret-value";
    private static final String SMTP = "smtp p@ss: with 'quotes'";

    @TempDir
    Path dir;
    Path calls;
    Path pulumi;
    Path secrets;
    Path map;

    @BeforeEach
    void files() throws Exception {
        calls = dir.resolve("calls.log");
        pulumi = dir.resolve("pulumi");
        // Records its arguments, then what it read on standard input.
        Files.writeString(pulumi, """
                #!/bin/sh
                printf 'ARGS %s\\n' "$*" >> "LOG"
                printf 'STDIN ' >> "LOG"; cat >> "LOG"; printf '\\n' >> "LOG"
                """.replace("LOG", calls.toString()));
        Files.setPosixFilePermissions(pulumi, PosixFilePermissions.fromString("rwx------"));
        secrets = dir.resolve("secrets.yaml");
        Files.writeString(secrets, """
                hub:
                  config:
                    GenericOAuthenticator:
                      client_secret: %s
                notifications:
                  env:
                    EMAIL_PASSWORD: "%s"
                proxy:
                  secretToken: not-needed-any-more
                """.formatted(OAUTH, SMTP.replace("\"", "\\\"")));
        map = dir.resolve("map.yaml");
        Files.writeString(map, """
                hub.config.GenericOAuthenticator.client_secret: naas:jupyterhub.oauthClientSecret
                notifications.env.EMAIL_PASSWORD: naas:naas-notifications.emailPassword
                """);
    }

    private record Run(int code, String out, String err) {
    }

    private Run naas(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var all = new ArrayList<>(List.of("import-secrets", "--stack", "dev", "--environments",
                StackPlanner.findEnvironments(Path.of("")).toString(), "--pulumi", pulumi.toString()));
        all.addAll(List.of(args));
        int code = NaasCommand.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void eachMappedSecretIsSetAsASecretWithItsValueOnStandardInputOnly() throws Exception {
        var run = naas("--file", secrets.toString(), "--map", map.toString());
        assertThat(run.code()).as(run.err()).isZero();
        var log = Files.readAllLines(calls);
        assertThat(log).containsExactly(
                "ARGS config set --secret --stack dev naas:jupyterhub.oauthClientSecret",
                "STDIN " + OAUTH,
                "ARGS config set --secret --stack dev naas:naas-notifications.emailPassword",
                "STDIN " + SMTP);
        assertThat(run.out()).contains("setting naas:jupyterhub.oauthClientSecret (secret)",
                "not imported (not in the map): proxy.secretToken");
        assertThat(run.out() + run.err()).doesNotContain(OAUTH, SMTP, "not-needed-any-more");
    }

    @Test
    void aDryRunSetsNothing() {
        var run = naas("--file", secrets.toString(), "--map", map.toString(), "--dry-run");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("would set naas:naas-notifications.emailPassword (secret)");
        assertThat(calls).doesNotExist();
    }

    @Test
    void aTargetThatNoAppReadsIsRefusedBeforeAnythingIsSet() throws Exception {
        Files.writeString(map, Files.readString(map) + "proxy.secretToken: naas:proxy.token\n");
        var run = naas("--file", secrets.toString(), "--map", map.toString());
        assertThat(run.code()).isEqualTo(NaasCommand.BAD_INPUT);
        assertThat(run.err()).startsWith("error: naas:proxy.token: is not a secret any app reads").doesNotContain("not-needed-any-more");
        assertThat(calls).doesNotExist();
    }

    @Test
    void aMappedPathMissingFromSecretsYamlIsRefused() throws Exception {
        Files.writeString(map, "hub.db.password: naas:jupyterhub.databasePassword\n");
        var run = naas("--file", secrets.toString(), "--map", map.toString());
        assertThat(run.code()).isEqualTo(NaasCommand.BAD_INPUT);
        assertThat(run.err()).startsWith("error: hub.db.password: is not in ");
    }

    @Test
    void aFailingPulumiStopsTheImportWithOneLine() throws Exception {
        Files.writeString(pulumi, "#!/bin/sh\nexit 3\n");
        var run = naas("--file", secrets.toString(), "--map", map.toString());
        assertThat(run.code()).isEqualTo(NaasCommand.FAILED);
        assertThat(run.err().strip()).isEqualTo("error: pulumi config set failed for naas:jupyterhub.oauthClientSecret (see its message above)");
    }

    @Test
    void valuesStillSopsEncryptedAreRefusedBeforeAnythingIsSet() throws Exception {
        Files.writeString(secrets, """
                hub:
                  config:
                    GenericOAuthenticator:
                      client_secret: ENC[AES256_GCM,data:Tr7o=,iv:1X=,tag:d9==,type:str]
                notifications:
                  env:
                    EMAIL_PASSWORD: plain
                """);
        var run = naas("--file", secrets.toString(), "--map", map.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("error: hub.config.GenericOAuthenticator.client_secret: is still SOPS-encrypted (ENC[...])")
                .doesNotContain("Tr7o").hasLineCount(1);
        assertThat(calls).doesNotExist();

        Files.writeString(secrets, "a: b\nsops:\n  version: 3.8.1\n");
        var metadata = naas("--file", secrets.toString(), "--map", map.toString());
        assertThat(metadata.code()).isEqualTo(2);
        assertThat(metadata.err()).contains("is still SOPS-encrypted (it has sops metadata)");
    }

    @Test
    void aStackWithoutAStackFileIsRefusedNamingTheStacks() {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = NaasCommand.run(new String[]{"import-secrets", "--stack", "prd", "--environments",
                StackPlanner.findEnvironments(Path.of("")).toString(), "--pulumi", pulumi.toString(),
                "--file", secrets.toString(), "--map", map.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: --stack: no stack 'prd' (no ").contains("did you mean 'prod'?", "stacks are dev, prod");
        assertThat(calls).doesNotExist();
    }
}
