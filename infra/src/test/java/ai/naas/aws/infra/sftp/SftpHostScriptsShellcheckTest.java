package ai.naas.aws.infra.sftp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The scripts the SFTP host runs as root pass {@code shellcheck} (Debian's package; {@code .ci/run} installs it)
 * at every severity (style included), as they are rendered for a stack: the set-up script with its users' keys
 * (one with a comment a shell would expand), and the whole user data, which embeds it. The test fails, rather than skips, without shellcheck.
 */
class SftpHostScriptsShellcheckTest {

    private static final String SHELLCHECK = "/usr/bin/shellcheck";

    private final SftpHostSetup setup = new SftpHostSetup(List.of(
            new SftpUser("alice", TestKeys.ED25519),
            new SftpUser("partneretl", TestKeys.RSA_3072 + " it's $(id) `id` \"quoted\""),
            new SftpUser("bob", TestKeys.ECDSA_256)));

    @TempDir
    Path work;

    @Test
    void theSetupScriptPassesShellcheck() throws Exception {
        assertThat(shellcheck("naas-sftp-setup", setup.setupScript("fs-0123456789abcdef0"))).isEmpty();
    }

    @Test
    void theUserDataPassesShellcheck() throws Exception {
        assertThat(shellcheck("user-data", setup.userData("fs-0123456789abcdef0"))).isEmpty();
    }

    @Test
    void shellcheckFindsWhatItShould() throws Exception {
        // The harness itself: an unquoted expansion must be reported, or an empty report proves nothing.
        assertThat(shellcheck("broken", "#!/bin/bash\nrm -rf $1/tmp\n")).contains("SC2086");
    }

    /** shellcheck's findings for {@code script}, in gcc format, all severities; empty when it is clean. */
    private String shellcheck(String name, String script) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(SHELLCHECK))) {
            fail(SHELLCHECK + " is missing: install Debian's shellcheck package (apt-get install -y shellcheck)");
        }
        Path file = work.resolve(name + ".sh");
        Files.writeString(file, script);
        Process process = new ProcessBuilder(SHELLCHECK, "--shell=bash", "--severity=style",
                "--format=gcc", file.toString()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("shellcheck finished").isTrue();
        assertThat(process.exitValue()).as("shellcheck exit status (0 clean, 1 findings); output:%n%s", output)
                .isIn(0, 1);
        return output.replace(file.toString(), name);
    }
}
