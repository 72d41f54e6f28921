package ai.naas.aws.platform.database;

import ai.naas.aws.platform.database.LocalPostgres.ProcessResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bootstrap Job's shell step ({@link DatabaseBootstrap#jobCommand}) reading the master password from the JSON
 * the init container wrote, run for real: by BusyBox's {@code sh} and {@code awk}, as in the alpine psql image, and
 * by the machine's {@code /bin/sh} and {@code awk} (dash and mawk on Debian). A stand-in {@code psql} reports
 * the {@code PGPASSWORD} and arguments it was started with.
 */
class MasterSecretStepTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** RDS's alphabet: printable ASCII but for {@code / " @} and space (CreateDBInstance, MasterUserPassword). */
    private static final String NASTY = "a\\b:c'd$e`f<g>h&i|j;k%l!m(n)o{p}q[r]s~t^u#v*w=x?y,z.-_+0";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"busybox", "system"})
    void takesThePasswordFromTheJsonRdsWritesWhateverItsCharacters(String shell) throws Exception {
        String compact = JSON.writeValueAsString(Map.of("username", "naas_admin", "password", NASTY));
        assertThat(run(shell, compact + "\n")).isEqualTo(new Ran(0, "password=" + NASTY + "\nargs=-X -w -v ON_ERROR_STOP=1 -f /etc/naas/db-bootstrap/bootstrap.sql\n"));
        // Pretty-printed, the password first, and escapes a JSON writer may choose (\/ and \\u for <, > and &).
        String pretty = "{\n  \"password\" :\t\"a\\/b\\u003cc\\u003E\\u0026d\\\\e\\\"f\",\n  \"username\": \"naas_admin\"\n}\n";
        assertThat(run(shell, pretty).output()).startsWith("password=a/b<c>&d\\e\"f\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"busybox", "system"})
    void refusesWhatIsNotAnRdsPasswordRatherThanGuess(String shell) throws Exception {
        assertThat(run(shell, "{\"username\":\"naas_admin\"}")).isEqualTo(failed("has no password member"));
        assertThat(run(shell, "{\"password\":42}")).isEqualTo(failed("password is not a JSON string"));
        assertThat(run(shell, "{\"password\":\"caf\\u00e9\"}")).isEqualTo(failed("password has a character that is not printable ASCII"));
        assertThat(run(shell, "{\"password\":\"a\\nb\"}")).isEqualTo(failed("password has an escape that is not printable ASCII"));
        assertThat(run(shell, "{\"password\":\"a\\u00zz\"}")).isEqualTo(failed("password has a malformed \\u escape"));
        assertThat(run(shell, "{\"password\":\"tab\there\"}")).isEqualTo(failed("password has a character that is not printable ASCII"));
        // A JSON string cannot hold a raw line break, so an unterminated one runs into the one that ends the file.
        assertThat(run(shell, "{\"password\":\"open")).isEqualTo(failed("password has a character that is not printable ASCII"));
    }

    private static Ran failed(String why) {
        return new Ran(2, "database bootstrap: the master secret " + why + "\n");
    }

    private Ran run(String shell, String secretJson) throws IOException {
        Path bin = Files.createTempDirectory(dir, "bin");
        Path secret = Files.writeString(Files.createTempFile(dir, "secret", ".json"), secretJson);
        Path psql = bin.resolve("psql");
        Files.writeString(psql, "#!/bin/sh\nprintf 'password=%s\\nargs=%s\\n' \"$PGPASSWORD\" \"$*\"\n");
        Files.setPosixFilePermissions(psql, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new ArrayList<>(DatabaseBootstrap.jobCommand(secret.toString(),
                "/etc/naas/db-bootstrap/bootstrap.sql"));
        String path = bin + ":" + System.getenv("PATH");
        if (shell.equals("busybox")) {
            Path busybox = Path.of("/usr/bin/busybox");
            assertThat(busybox).as("BusyBox (Debian package busybox), the psql image's shell and awk").isExecutable();
            for (String applet : List.of("sh", "awk")) {
                Files.createSymbolicLink(bin.resolve(applet), busybox);
            }
            command.set(0, bin.resolve("sh").toString());
            path = bin.toString();
        }
        Path output = Files.createTempFile(dir, "out", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        builder.environment().put("PATH", path);
        ProcessResult result = ProcessResult.run(builder, output, 30);
        return new Ran(result.exitCode(), result.output());
    }

    /** A finished run: exit code and what it printed. */
    record Ran(int exitCode, String output) {
    }
}
