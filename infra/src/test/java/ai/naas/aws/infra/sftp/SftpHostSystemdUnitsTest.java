package ai.naas.aws.infra.sftp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The systemd files the user data installs, checked by systemd itself ({@code systemd-analyze verify}, Debian's
 * {@code systemd} package) in a scratch root that holds the distribution's units, the rendered set-up unit and
 * script, and the sshd drop-in on OpenSSH's own service unit (Debian's {@code ssh.service}, installed as
 * {@code sshd.service}, the name Amazon Linux uses). systemd reports unknown keys, bad values, missing programs
 * and dependency loops; the test wants no report at all. It fails, rather than skips, without the tools.
 */
class SftpHostSystemdUnitsTest {

    private static final String SYSTEMD_ANALYZE = "/usr/bin/systemd-analyze";
    private static final Path OPENSSH_UNIT = Path.of("/lib/systemd/system/ssh.service");

    private final SftpHostSetup setup = new SftpHostSetup(List.of(new SftpUser("alice", TestKeys.ED25519)));

    @TempDir
    Path root;

    @Test
    void systemdAcceptsTheSetupUnitAndSshdsDropInWithoutAnyComplaint() throws Exception {
        for (Path needed : List.of(Path.of(SYSTEMD_ANALYZE), OPENSSH_UNIT, Path.of("/usr/sbin/sshd"))) {
            if (!Files.exists(needed)) {
                fail(needed + " is missing: install systemd and openssh-server (apt-get install -y systemd openssh-server)");
            }
        }
        copyTree(Path.of("/usr/lib/systemd/system"), root.resolve("usr/lib/systemd/system"));
        Path units = Files.createDirectories(root.resolve("etc/systemd/system"));
        Files.writeString(units.resolve(SftpHostSetup.SETUP_UNIT), setup.setupUnit());
        Files.copy(OPENSSH_UNIT, units.resolve("sshd.service"));
        Files.writeString(Files.createDirectories(units.resolve("sshd.service.d")).resolve("naas-sftp.conf"),
                setup.sshdDropIn());
        Path script = root.resolve(SftpHostSetup.SETUP_SCRIPT_PATH.substring(1));
        Files.createDirectories(script.getParent());
        Files.writeString(script, setup.setupScript("fs-0123456789abcdef0"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path sshd = Files.createDirectories(root.resolve("usr/sbin")).resolve("sshd");
        Files.copy(Path.of("/usr/sbin/sshd"), sshd, StandardCopyOption.COPY_ATTRIBUTES);

        Process process = new ProcessBuilder(SYSTEMD_ANALYZE, "verify", "--root=" + root,
                SftpHostSetup.SETUP_UNIT, "sshd.service").redirectErrorStream(true).start();
        process.getOutputStream().close();
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("systemd-analyze finished").isTrue();

        assertThat(process.exitValue()).as("systemd-analyze verify exit status; report:%n%s", report).isZero();
        assertThat(report).isEmpty();
    }

    @Test
    void systemdReportsWhatItShould() throws Exception {
        // The harness itself: a misspelt dependency must be reported, or an empty report proves nothing.
        copyTree(Path.of("/usr/lib/systemd/system"), root.resolve("usr/lib/systemd/system"));
        Path units = Files.createDirectories(root.resolve("etc/systemd/system"));
        Files.writeString(units.resolve("broken.service"), "[Unit]\nRequirez=naas-sftp-setup.service\n"
                + "[Service]\nType=oneshot\nExecStart=/bin/true\n");
        Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("/bin/true"), root.resolve("bin/true"), StandardCopyOption.COPY_ATTRIBUTES);

        Process process = new ProcessBuilder(SYSTEMD_ANALYZE, "verify", "--root=" + root, "broken.service")
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(report).contains("Unknown key 'Requirez'");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isSymbolicLink(path) && Files.readSymbolicLink(path).isAbsolute()) {
                    continue; // masked units (links to /dev/null): nothing of ours depends on them
                } else if (Files.isSymbolicLink(path)) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
