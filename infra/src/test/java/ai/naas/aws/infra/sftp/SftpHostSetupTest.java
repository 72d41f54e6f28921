package ai.naas.aws.infra.sftp;

import ai.naas.aws.config.InvalidSetting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SftpHostSetupTest {

    private static final String FILE_SYSTEM = "fs-0123456789abcdef0";

    private final SftpHostSetup production = new SftpHostSetup(List.of(
            new SftpUser("alice", TestKeys.ED25519), new SftpUser("bob", TestKeys.RSA_3072)));
    private final SshdConfigDirectives config = SshdConfigDirectives.parse(production.sshdConfig());

    @Test
    void sshdAcceptsPublicKeysOnly() {
        assertThat(config.one("AuthenticationMethods")).isEqualTo("publickey");
        assertThat(config.one("PubkeyAuthentication")).isEqualTo("yes");
        assertThat(config.one("PasswordAuthentication")).isEqualTo("no");
        assertThat(config.one("KbdInteractiveAuthentication")).isEqualTo("no");
        assertThat(config.one("PermitEmptyPasswords")).isEqualTo("no");
        assertThat(config.one("HostbasedAuthentication")).isEqualTo("no");
        assertThat(config.one("PermitRootLogin")).isEqualTo("no");
        assertThat(config.one("PubkeyAcceptedAlgorithms").split(","))
                .containsExactlyInAnyOrder("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
                        "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256");
    }

    @Test
    void sshdLetsInTheSftpGroupOnlyWithKeysOutsideAnyChroot() {
        assertThat(config.one("AllowGroups")).isEqualTo(SftpHostSetup.SFTP_GROUP);
        assertThat(config.one("AuthorizedKeysFile")).isEqualTo("/etc/ssh/authorized_keys/%u");
        assertThat(config.one("StrictModes")).isEqualTo("yes");
    }

    @Test
    void sshdForwardsNothing() {
        for (String keyword : List.of("AllowTcpForwarding", "AllowStreamLocalForwarding", "AllowAgentForwarding",
                "X11Forwarding", "PermitTunnel", "GatewayPorts", "PermitTTY", "PermitUserEnvironment", "PermitUserRC")) {
            assertThat(config.one(keyword)).as(keyword).isEqualTo("no");
        }
        assertThat(config.one("DisableForwarding")).isEqualTo("yes");
        assertThat(config.one("PermitOpen")).isEqualTo("none");
        assertThat(config.one("PermitListen")).isEqualTo("none");
    }

    @Test
    void sshdRunsOnlyItsOwnSftpServerInAChrootPerUser() {
        assertThat(config.one("Subsystem")).isEqualTo("sftp internal-sftp");
        assertThat(config.matches()).containsOnlyKeys("Group " + SftpHostSetup.SFTP_GROUP);
        Map<String, List<String>> sftpUsers = config.matches().get("Group " + SftpHostSetup.SFTP_GROUP);
        assertThat(sftpUsers).containsOnlyKeys("chrootdirectory", "forcecommand");
        assertThat(sftpUsers.get("chrootdirectory")).containsExactly("/srv/sftp/%u");
        assertThat(sftpUsers.get("forcecommand")).containsExactly("internal-sftp -u 0007");
    }

    @Test
    void sshdNegotiatesModernAlgorithmsOnly() {
        assertThat(config.one("Ciphers").split(",")).containsExactlyInAnyOrder(
                "chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com", "aes128-gcm@openssh.com");
        assertThat(config.one("KexAlgorithms").split(",")).allMatch(kex -> kex.contains("25519"));
        assertThat(config.one("MACs").split(",")).allMatch(mac -> mac.endsWith("-etm@openssh.com"));
        assertThat(config.one("LogLevel")).isEqualTo("VERBOSE");
    }

    @Test
    void sshdConfigIsWholeAndUnambiguous() {
        assertThat(config.keywords()).doesNotContain("include");
        for (String keyword : config.keywords()) {
            if (!keyword.equals("hostkey")) {
                assertThat(config.all(keyword)).as("occurrences of %s", keyword).hasSize(1);
            }
        }
    }

    @Test
    void productionSshdListensOnPort22WithTheHostsOwnKeys() {
        assertThat(config.one("Port")).isEqualTo("22");
        assertThat(config.one("ListenAddress")).isEqualTo("0.0.0.0");
        assertThat(config.all("HostKey")).containsExactly("/etc/ssh/ssh_host_ed25519_key",
                "/etc/ssh/ssh_host_ecdsa_key", "/etc/ssh/ssh_host_rsa_key");
        assertThat(config.one("PidFile")).isEqualTo("/run/sshd.pid");
    }

    @Test
    void aLayoutMovesEveryPathAndTheListener() {
        SftpHostLayout layout = SftpHostLayout.production()
                .withEfsMountPoint("/tmp/efs")
                .withChrootBase("/var/sftp")
                .withAuthorizedKeysDirectory("/etc/naas/keys")
                .withListener("127.0.0.1", 2222)
                .withHostKeys(List.of("/tmp/host_key"))
                .withPidFile("/tmp/sshd.pid");
        SftpHostSetup setup = new SftpHostSetup(production.users(), 4021, 4022, layout);
        SshdConfigDirectives moved = SshdConfigDirectives.parse(setup.sshdConfig());

        assertThat(moved.one("Port")).isEqualTo("2222");
        assertThat(moved.one("ListenAddress")).isEqualTo("127.0.0.1");
        assertThat(moved.all("HostKey")).containsExactly("/tmp/host_key");
        assertThat(moved.one("PidFile")).isEqualTo("/tmp/sshd.pid");
        assertThat(moved.one("AuthorizedKeysFile")).isEqualTo("/etc/naas/keys/%u");
        assertThat(moved.matches().get("Group naas-sftp").get("chrootdirectory")).containsExactly("/var/sftp/%u");
        assertThat(variables(setup.setupScript(FILE_SYSTEM))).containsEntry("homes", "/tmp/efs/home")
                .containsEntry("chroots", "/var/sftp")
                .containsEntry("keys", "/etc/naas/keys")
                .containsEntry("notebook_uid", "4021")
                .containsEntry("notebook_gid", "4022");
    }

    @Test
    void productionSetupGivesFilesToNaasNotebookUser() {
        assertThat(variables(production.setupScript(FILE_SYSTEM))).containsEntry("homes", "/mnt/efs/home")
                .containsEntry("chroots", "/srv/sftp")
                .containsEntry("notebook_uid", "21")
                .containsEntry("notebook_gid", "21");
    }

    @Test
    void setupScriptHandsEachUserItsKeyIntactWhateverTheCommentHolds() throws Exception {
        String awkward = TestKeys.ED25519 + " it's $(touch /tmp/pwned) `id` \"quoted\" \\ ; | & *";
        SftpHostSetup setup = new SftpHostSetup(List.of(new SftpUser("alice", TestKeys.ECDSA_256),
                new SftpUser("carol", awkward)));
        List<String> calls = setup.setupScript(FILE_SYSTEM).lines().filter(line -> line.startsWith("sftp_user ")).toList();

        // The calls, run by bash with a stand-in for the function, must give back each name and key verbatim.
        String replay = "sftp_user() { printf '%s|%s\\n' \"$1\" \"$2\"; }\n" + String.join("\n", calls) + "\n";

        assertThat(bash("-c", replay)).isEqualTo("alice|" + TestKeys.ECDSA_256 + "\ncarol|" + awkward + "\n");
    }

    @Test
    void generatedScriptsAreValidBash() throws Exception {
        bash("-n", "-c", production.setupScript(FILE_SYSTEM));
        bash("-n", "-c", production.userData(FILE_SYSTEM));
    }

    @Test
    void theSetupMountsEfsOverTlsWithIamAtEveryBootRetryingWithBackoff() {
        String script = production.setupScript(FILE_SYSTEM);

        assertThat(variables(script)).containsEntry("efs", "/mnt/efs")
                .containsEntry("efs_source", FILE_SYSTEM + ":/")
                .containsEntry("mount_attempts", String.valueOf(SftpHostSetup.EFS_MOUNT_ATTEMPTS));
        assertThat(script.lines().map(String::strip)).containsSubsequence(
                "until mount -t efs -o tls,iam \"$efs_source\" \"$efs\"; do",
                "sleep \"$delay\"",
                "delay=$((delay * 2 > 60 ? 60 : delay * 2))",
                "mount_efs",
                "sftp_user alice " + "'" + TestKeys.ED25519 + "'");
        assertThat(production.userData(FILE_SYSTEM)).contains("dnf install -y amazon-efs-utils openssh-server")
                .doesNotContain("/etc/fstab");
    }

    @Test
    void userDataInstallsTheSetupItsUnitTheSshdDropInAndSshdConfigVerbatim() {
        String userData = production.userData(FILE_SYSTEM);

        assertThat(hereDocument(userData, "NAAS_SFTP_SETUP_EOF")).isEqualTo(production.setupScript(FILE_SYSTEM));
        assertThat(hereDocument(userData, "NAAS_SSHD_CONFIG_EOF")).isEqualTo(production.sshdConfig());
        assertThat(hereDocument(userData, "NAAS_SFTP_UNIT_EOF")).isEqualTo(production.setupUnit());
        assertThat(hereDocument(userData, "NAAS_SSHD_DROPIN_EOF")).isEqualTo(production.sshdDropIn());
        assertThat(production.setupUnit().lines())
                .contains("Before=sshd.service", "ExecStart=" + SftpHostSetup.SETUP_SCRIPT_PATH, "Type=oneshot");
    }

    @Test
    void sshdRequiresTheSetupSoAHostWithoutUsersNeverServes() {
        assertThat(production.sshdDropIn().lines())
                .contains("Requires=" + SftpHostSetup.SETUP_UNIT, "After=" + SftpHostSetup.SETUP_UNIT);
    }

    @Test
    void userDataStopsTheStockSshdFirstAndStartsItOnlyAfterTheSetupSucceeded() {
        List<String> lines = production.userData(FILE_SYSTEM).lines().toList();

        assertThat(lines.get(0)).isEqualTo("#!/bin/bash");
        assertThat(lines).contains("set -euo pipefail");
        // Under set -e a failed step ends the user data: from the first command on, sshd stays stopped.
        assertThat(lines.stream().filter(line -> !line.isBlank() && !line.startsWith("#")).skip(1).findFirst())
                .contains("systemctl stop sshd.service");
        assertThat(lines).containsSubsequence(
                "systemctl stop sshd.service",
                "dnf install -y amazon-efs-utils openssh-server",
                "/usr/sbin/sshd -t -f /etc/ssh/sshd_config.naas",
                "mv /etc/ssh/sshd_config.naas /etc/ssh/sshd_config",
                "systemctl start naas-sftp-setup.service",
                "systemctl start sshd.service");
        assertThat(lines).filteredOn(line -> line.matches("systemctl (re)?start sshd.*")).hasSize(1);
    }

    @Test
    void userDataIsTheSameForTheSameInput() {
        SftpHostSetup again = new SftpHostSetup(List.of(
                new SftpUser("alice", TestKeys.ED25519), new SftpUser("bob", TestKeys.RSA_3072)));

        assertThat(again.userData(FILE_SYSTEM)).isEqualTo(production.userData(FILE_SYSTEM));
        assertThat(again).isEqualTo(production);
    }

    @Test
    void userDataRefusesSomethingThatIsNotAFileSystemId() {
        assertThatThrownBy(() -> production.userData("fs-1234; reboot")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> production.userData(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> production.setupScript("fs-1234 $(reboot)")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesADuplicateNameNamingBothEntries() {
        InvalidSetting refusal = catchThrowableOfType(InvalidSetting.class, () -> new SftpHostSetup(List.of(
                new SftpUser("alice", TestKeys.ED25519), new SftpUser("bob", TestKeys.ED25519),
                new SftpUser("alice", TestKeys.ECDSA_256))));

        assertThat(refusal.field()).isEqualTo("users[2].name");
        assertThat(refusal.problem()).contains("'alice'").contains("users[0]");
    }

    @Test
    void refusesAnEmptyUserEntry() {
        List<SftpUser> users = Arrays.asList(new SftpUser("alice", TestKeys.ED25519), null);

        assertThat(catchThrowableOfType(InvalidSetting.class, () -> new SftpHostSetup(users)).field())
                .isEqualTo("users[1]");
    }

    @Test
    void refusesRootAsTheNotebookOwner() {
        assertThat(catchThrowableOfType(InvalidSetting.class,
                () -> new SftpHostSetup(List.of(), 0, 21, null)).field()).isEqualTo("notebookUid");
        assertThat(catchThrowableOfType(InvalidSetting.class,
                () -> new SftpHostSetup(List.of(), 21, 0, null)).field()).isEqualTo("notebookGid");
    }

    @Test
    void refusesMoreUsersThanEc2UserDataHolds() {
        List<SftpUser> users = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            users.add(new SftpUser("user" + i, TestKeys.RSA_3072));
        }

        InvalidSetting refusal = catchThrowableOfType(InvalidSetting.class, () -> new SftpHostSetup(users));

        assertThat(refusal.field()).isEqualTo("users");
        assertThat(refusal.problem()).contains("over EC2's limit of 16384");
    }

    @Test
    void aLayoutRefusesPathsThatCouldEscapeOrNeedQuoting() {
        SftpHostLayout layout = SftpHostLayout.production();

        assertThat(catchThrowableOfType(InvalidSetting.class, () -> layout.withEfsMountPoint("mnt/efs")).field())
                .isEqualTo("efsMountPoint");
        assertThat(catchThrowableOfType(InvalidSetting.class, () -> layout.withChrootBase("/srv/../tmp")).field())
                .isEqualTo("chrootBase");
        assertThat(catchThrowableOfType(InvalidSetting.class, () -> layout.withPidFile("/run/sshd pid")).field())
                .isEqualTo("pidFile");
        assertThat(catchThrowableOfType(InvalidSetting.class, () -> layout.withHostKeys(List.of())).field())
                .isEqualTo("hostKeys");
        assertThat(catchThrowableOfType(InvalidSetting.class, () -> layout.withListener("0.0.0.0", 0)).field())
                .isEqualTo("port");
        assertThat(catchThrowableOfType(InvalidSetting.class, () -> layout.withListener("any; rm", 22)).field())
                .isEqualTo("listenAddress");
    }

    /** The script's top-level {@code name=value} assignments. */
    private static Map<String, String> variables(String script) {
        Map<String, String> variables = new HashMap<>();
        script.lines().filter(line -> line.matches("[a-z_]+=\\S+")).forEach(line ->
                variables.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        return variables;
    }

    /** The body of the here-document ending with {@code delimiter}, its final newline included. */
    private static String hereDocument(String script, String delimiter) {
        String opening = "<<'" + delimiter + "'\n";
        int start = script.indexOf(opening) + opening.length();
        int end = script.indexOf("\n" + delimiter + "\n", start) + 1;
        return script.substring(start, end);
    }

    private static String bash(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("bash finished").isTrue();
        assertThat(process.exitValue()).as("bash exit status; output:%n%s", output).isZero();
        return output;
    }
}
