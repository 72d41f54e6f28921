package ai.naas.aws.infra.sftp;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

/**
 * The generated set-up script and sshd_config, run as they are on the EC2 host, against a real OpenSSH
 * {@code sshd} on 127.0.0.1, driven by a real SFTP client (Apache MINA SSHD).
 *
 * <p>Everything happens in a private mount namespace ({@code unshare --mount}, see {@code sftp/sandbox.sh}):
 * accounts go into a copy-on-write overlay of {@code /etc}, chroots into a tmpfs, and a temporary directory
 * stands in for EFS, which the set-up mounts through a stand-in for amazon-efs-utils' mount helper that can be
 * told to fail first (as a mount target that is not ready yet does). When sshd stops, the namespace and all of it go; the host keeps no account, mount or file.
 * So the test needs root, {@code unshare} (util-linux), overlayfs and tmpfs, and OpenSSH's {@code sshd} and
 * {@code ssh-keygen}: it fails, rather than skips, when one is missing. Run as an ordinary user with passwordless
 * {@code sudo} (GitHub's hosted runners), it runs the sandbox, and reads and writes what only root and the
 * notebook user may, through {@code sudo -n}.
 *
 * <p>The notebook uid/gid here is 4021/4021, which no real account has, so that the owner of an uploaded file can
 * only come from the configuration.
 */
class SftpHostOnRealSshdTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int NOTEBOOK_UID = 4021;
    private static final int NOTEBOOK_GID = 4021;
    private static final String SSHD = "/usr/sbin/sshd";
    private static final String FILE_SYSTEM = "fs-0123456789abcdef0";
    /** How often the stand-in for the EFS mount helper fails before the mount works, for the served host. */
    private static final int EFS_FAILURES_AT_BOOT = 2;
    /** The tools' search path, whatever the test's environment has: useradd and friends live in sbin. */
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    @TempDir
    static Path work;

    /** The directory standing in for the EFS file system; the set-up mounts it (through a stand-in) elsewhere. */
    private static Path efs;
    private static Path hostKey;
    private static Path log;
    private static int port;
    private static String password;
    private static KeyPair alice;
    private static KeyPair bob;
    private static String bobsKeyLine;
    private static Process sandbox;
    private static SshClient client;

    /** sshd's log, which says why it refused or failed, printed with each failed test. */
    @RegisterExtension
    static final TestWatcher PRINT_SSHD_LOG_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            System.out.println("--- sandbox and sshd log ---\n" + sandboxLog());
        }
    };

    @BeforeAll
    static void startSshdOnTheGeneratedSetup() throws Exception {
        requireTools();
        efs = Files.createDirectory(work.resolve("efs"));
        log = work.resolve("sandbox.log");
        port = freeLoopbackPort();
        password = HexFormat.of().formatHex(randomBytes(12));

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        alice = ec.generateKeyPair();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(3072);
        bob = rsa.generateKeyPair();
        // A comment that a shell would expand if the set-up script quoted keys badly.
        bobsKeyLine = PublicKeyEntry.toString(bob.getPublic()) + " bob's laptop $(id) `id` \"x\"";

        hostKey = work.resolve("ssh_host_ecdsa_key");
        run(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-C", "naas-test-host", "-f", hostKey.toString()));

        SftpHostLayout layout = SftpHostLayout.production()
                .withEfsMountPoint(work.resolve("efs-mount").toString())
                .withListener("127.0.0.1", port)
                .withHostKeys(List.of(hostKey.toString()))
                .withPidFile(work.resolve("sshd.pid").toString());
        SftpHostSetup setup = new SftpHostSetup(List.of(
                new SftpUser("alice", PublicKeyEntry.toString(alice.getPublic())),
                new SftpUser("bob", bobsKeyLine)), NOTEBOOK_UID, NOTEBOOK_GID, layout);
        Files.writeString(work.resolve("setup.sh"), setup.setupScript(FILE_SYSTEM));
        Files.writeString(work.resolve("sshd_config"), setup.sshdConfig());
        sandbox = sandbox("serve", work, password, efs, String.valueOf(EFS_FAILURES_AT_BOOT))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        awaitSshdListening();

        client = SshClient.setUpDefaultClient();
        // Only the keys a test gives, only this sshd's host key, nothing from ~/.ssh.
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        PublicKey hostPublicKey = PublicKeyEntry.parsePublicKeyEntry(Files.readString(Path.of(hostKey + ".pub")).strip())
                .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
        client.setServerKeyVerifier((session, address, key) -> KeyUtils.compareKeys(hostPublicKey, key));
        client.start();
    }

    @AfterAll
    static void stopSshd() throws Exception {
        try {
            if (client != null) {
                client.stop();
            }
        } finally {
            if (sandbox != null) {
                // sshd, its per-connection children and the timeout wrapper: once all are gone, so is the
                // namespace with its overlays, tmpfs and bind mounts.
                // As an ordinary user, sudo's children are root's: they are stopped through sudo.
                List<String> pids = sandbox.descendants().map(p -> String.valueOf(p.pid())).toList();
                if (!root() && !pids.isEmpty()) {
                    List<String> kill = new ArrayList<>(asRoot("kill", "-KILL"));
                    kill.addAll(pids);
                    withPath(new ProcessBuilder(kill)).start().waitFor(30, TimeUnit.SECONDS);
                }
                sandbox.descendants().forEach(ProcessHandle::destroyForcibly);
                sandbox.destroyForcibly();
                assertThat(sandbox.waitFor(30, TimeUnit.SECONDS)).as("sandbox stopped").isTrue();
                giveBackToThisUser(work);
            }
        }
    }

    @Test
    void sshdAcceptsTheGeneratedConfigAndAppliesItToAnSftpUser() throws IOException {
        // The sandbox ran `sshd -t`, then wrote `sshd -T` for alice: the settings sshd really applies to her.
        SshdConfigDirectives effective = SshdConfigDirectives.parse(Files.readString(work.resolve("sshd-T-alice.txt")));

        assertThat(effective.one("forcecommand")).isEqualTo("internal-sftp -u 0007");
        assertThat(effective.one("chrootdirectory")).isEqualTo("/srv/sftp/%u");
        assertThat(effective.one("authenticationmethods")).isEqualTo("publickey");
        assertThat(effective.one("passwordauthentication")).isEqualTo("no");
        assertThat(effective.one("kbdinteractiveauthentication")).isEqualTo("no");
        assertThat(effective.one("permitrootlogin")).isEqualTo("no");
        assertThat(effective.one("disableforwarding")).isEqualTo("yes");
        assertThat(effective.one("allowtcpforwarding")).isEqualTo("no");
        assertThat(effective.one("permittty")).isEqualTo("no");
        assertThat(effective.one("allowgroups")).isEqualTo(SftpHostSetup.SFTP_GROUP);
    }

    @Test
    void setupMakesAccountsWithoutShellOrPasswordThatShareTheNotebookIds() throws IOException {
        assertThat(Files.readAllLines(work.resolve("passwd.txt"))).containsExactly(
                "alice:x:4021:4021:naas-sftp-user:/files:/usr/sbin/nologin",
                "bob:x:4021:4021:naas-sftp-user:/files:/usr/sbin/nologin");
        assertThat(Files.readAllLines(work.resolve("passwords.txt"))).containsExactly("alice:*", "bob:*");
    }

    @Test
    void setupInstallsEachKeyRootOwnedAndIntact() throws IOException {
        Path keys = work.resolve("authorized_keys");

        assertThat(owner(keys)).isEqualTo("0:0");
        assertThat(permissions(keys)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.readString(keys.resolve("bob"))).isEqualTo(bobsKeyLine + "\n");
        for (String user : List.of("alice", "bob")) {
            assertThat(owner(keys.resolve(user))).as(user).isEqualTo("0:0");
            assertThat(permissions(keys.resolve(user))).as(user)
                    .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    @Test
    void setupRunTwiceMountsEachEfsHomeOnceInItsUsersChroot() throws IOException {
        List<String[]> mounts = Files.readAllLines(work.resolve("mounts.txt")).stream()
                .map(line -> line.split(" ")).toList();

        // /proc/self/mountinfo: field 3 is the mounted directory of the source file system, field 4 the mount point.
        assertThat(mounts).extracting(fields -> fields[4])
                .containsExactlyInAnyOrder("/srv/sftp/alice/files", "/srv/sftp/bob/files");
        assertThat(mounts).extracting(fields -> fields[3])
                .containsExactlyInAnyOrder(efs.resolve("home/alice").toString(), efs.resolve("home/bob").toString());
        for (String user : List.of("alice", "bob")) {
            Path home = efs.resolve("home").resolve(user);
            assertThat(owner(home)).as(user).isEqualTo(NOTEBOOK_UID + ":" + NOTEBOOK_GID);
            assertThat(permissions(home)).as(user)
                    .isEqualTo(PosixFilePermissions.fromString("rwxrwx---"));
        }
    }

    @Test
    void anUploadLandsInTheUsersEfsHomeOwnedByTheNotebookUser() throws IOException {
        byte[] content = "day,revenue\n1,100\n".getBytes(UTF_8);
        try (ClientSession session = login("alice", alice); SftpClient sftp = sftp(session)) {
            try (OutputStream out = sftp.write("/files/report.csv")) {
                out.write(content);
            }
            assertThat(names(sftp, "/files")).contains("report.csv");
        }

        Path uploaded = efs.resolve("home/alice/report.csv");
        assertThat(readAsRoot(uploaded)).isEqualTo(content);
        assertThat(owner(uploaded)).isEqualTo(NOTEBOOK_UID + ":" + NOTEBOOK_GID);
        // umask 0007: the notebook user and group may read and write it; no one else may.
        assertThat(permissions(uploaded)).contains(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE)
                .doesNotContain(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                        PosixFilePermission.OTHERS_EXECUTE);
    }

    @Test
    void aUserDownloadsWhatItsNotebookServerWrote() throws IOException {
        Path notebookOutput = Files.writeString(work.resolve("notebook-output.txt"), "from Jupyter\n");
        run(asRoot("install", "-o", String.valueOf(NOTEBOOK_UID), "-g", String.valueOf(NOTEBOOK_GID), "-m", "0600",
                notebookOutput.toString(), efs.resolve("home/alice/notebook-output.txt").toString()));

        try (ClientSession session = login("alice", alice); SftpClient sftp = sftp(session);
             InputStream in = sftp.read("/files/notebook-output.txt")) {
            assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("from Jupyter\n");
        }
    }

    @Test
    void aUserStartsInItsFilesAndCanWriteNowhereElse() throws IOException {
        try (ClientSession session = login("alice", alice); SftpClient sftp = sftp(session)) {
            assertThat(sftp.canonicalPath(".")).isEqualTo("/" + SftpHostSetup.FILES_DIRECTORY);
            assertThat(names(sftp, "/")).containsExactly(SftpHostSetup.FILES_DIRECTORY);

            SftpException refusal = catchThrowableOfType(SftpException.class, () -> {
                try (OutputStream out = sftp.write("/escape.txt")) {
                    out.write(1);
                }
            });
            assertThat(refusal.getStatus()).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED);
        }
        assertThat(existsAsRoot(efs.resolve("escape.txt"))).as("efs/escape.txt exists").isFalse();
    }

    @Test
    void aUserCanNeitherSeeNorReadAnotherUsersFiles() throws IOException {
        try (ClientSession session = login("alice", alice); SftpClient sftp = sftp(session);
             OutputStream out = sftp.write("/files/alice-only.txt")) {
            out.write("private\n".getBytes(UTF_8));
        }

        try (ClientSession session = login("bob", bob); SftpClient sftp = sftp(session)) {
            assertThat(names(sftp, "/")).containsExactly(SftpHostSetup.FILES_DIRECTORY);
            assertThat(names(sftp, "/files")).doesNotContain("alice-only.txt", "report.csv", "notebook-output.txt");
            for (String path : List.of("/files/alice-only.txt", "/../alice/files/alice-only.txt", "/alice/files/alice-only.txt",
                    "/srv/sftp/alice/files/alice-only.txt", efs.resolve("home/alice/alice-only.txt").toString())) {
                SftpException refusal = catchThrowableOfType(SftpException.class, () -> {
                    try (InputStream in = sftp.read(path)) {
                        in.readAllBytes();
                    }
                });
                assertThat(refusal).as("reading %s as bob", path).isNotNull();
                assertThat(refusal.getStatus()).as("reading %s as bob", path).isEqualTo(SftpConstants.SSH_FX_NO_SUCH_FILE);
            }
        }
    }

    @Test
    void aKeyLogsInOnlyAsItsOwnUser() throws IOException {
        assertThatThrownBy(() -> login("alice", bob).close()).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> login("root", alice).close()).isInstanceOf(IOException.class);
    }

    @Test
    void aUserGetsNoCommandAndNoShell() throws IOException {
        try (ClientSession session = login("alice", alice)) {
            ChannelExec exec = session.createExecChannel("id");
            assertNoShellBehindIt(exec, null);

            assertNoShellBehindIt(session.createShellChannel(), "id\n");
        }
    }

    @Test
    void passwordAuthenticationIsRefusedEvenWithTheRightPassword() throws IOException {
        try (ClientSession session = client.connect("alice", "127.0.0.1", port).verify(TIMEOUT).getSession()) {
            session.setUserAuthFactories(List.of(UserAuthPasswordFactory.INSTANCE));
            session.addPasswordIdentity(password);

            assertThatThrownBy(() -> session.auth().verify(TIMEOUT)).isInstanceOf(IOException.class);
            assertThat(session.isAuthenticated()).isFalse();
        }
    }

    @Test
    void portForwardingIsRefused() throws IOException {
        try (ClientSession session = login("alice", alice)) {
            SshdSocketAddress sshd = new SshdSocketAddress("127.0.0.1", port);
            ClientChannel direct = session.createDirectTcpipChannel(new SshdSocketAddress("127.0.0.1", 0), sshd);
            assertThatThrownBy(() -> direct.open().verify(TIMEOUT)).as("local (direct-tcpip) forwarding")
                    .isInstanceOf(IOException.class);

            assertThatThrownBy(() -> session.startRemotePortForwarding(new SshdSocketAddress("127.0.0.1", 0), sshd))
                    .as("remote (tcpip-forward) forwarding").isInstanceOf(IOException.class);
        }
    }

    @Test
    void setupRefusesToTakeOverAnAccountItDidNotMake(@TempDir Path other) throws Exception {
        SftpHostSetup setup = new SftpHostSetup(List.of(new SftpUser("carol", PublicKeyEntry.toString(alice.getPublic()))),
                NOTEBOOK_UID, NOTEBOOK_GID, SftpHostLayout.production()
                .withEfsMountPoint(other.resolve("efs-mount").toString())
                .withHostKeys(List.of(other.resolve("ssh_host_ed25519_key").toString())));
        Files.writeString(other.resolve("setup.sh"), setup.setupScript(FILE_SYSTEM));
        Path otherEfs = Files.createDirectory(other.resolve("efs"));

        Process takeOver = sandbox("take-over", other, "carol", otherEfs, "0").redirectErrorStream(true).start();
        takeOver.getOutputStream().close();
        String output = new String(takeOver.getInputStream().readAllBytes(), UTF_8);
        try {
            assertThat(takeOver.waitFor(60, TimeUnit.SECONDS)).as("take-over sandbox finished").isTrue();
        } finally {
            takeOver.destroyForcibly();
        }

        assertThat(takeOver.exitValue()).as("take-over sandbox exit status; output:%n%s", output).isZero();
        assertThat(output).contains("account carol exists and is not an SFTP account; not changing it")
                .contains("carol:x:").doesNotContain("naas-sftp-user");
        assertThat(existsAsRoot(otherEfs.resolve("home/carol"))).as("home/carol exists").isFalse();
        giveBackToThisUser(other);
    }

    @Test
    void aMountThatFailsAtBootIsRetriedWithGrowingWaitsAndTheSetupThenCompletes() throws IOException {
        // The served host's mount failed twice, as a mount target that is not ready yet does, and yet every other
        // test here finds its users served. The second run of the set-up found EFS mounted and did not mount again.
        assertThat(Files.readAllLines(work.resolve("efs-mount-attempts.txt")))
                .hasSize(EFS_FAILURES_AT_BOOT + 1)
                .allMatch(line -> line.equals("-t efs -o tls,iam " + FILE_SYSTEM + ":/ " + work.resolve("efs-mount")));
        assertThat(Files.readAllLines(work.resolve("sleeps.txt"))).containsExactly("2", "4");
        assertThat(sandboxLog()).contains("mounting EFS " + FILE_SYSTEM + ":/ failed (attempt 1 of "
                + SftpHostSetup.EFS_MOUNT_ATTEMPTS + "); again in 2s");
    }

    @Test
    void aSetupWhoseMountNeverWorksGivesUpInBoundedTimeAndLeavesNothingToServe(@TempDir Path other) throws Exception {
        SftpHostSetup setup = new SftpHostSetup(List.of(new SftpUser("carol", PublicKeyEntry.toString(alice.getPublic()))),
                NOTEBOOK_UID, NOTEBOOK_GID, SftpHostLayout.production()
                .withEfsMountPoint(other.resolve("efs-mount").toString())
                .withHostKeys(List.of(other.resolve("ssh_host_ed25519_key").toString())));
        Files.writeString(other.resolve("setup.sh"), setup.setupScript(FILE_SYSTEM));

        String output = runSetup(other, Files.createDirectory(other.resolve("efs")), "always");

        // Eight attempts, 2+4+8+16+32+60+60 = 182 s of waiting: well inside the group's health check grace period.
        assertThat(Files.readAllLines(other.resolve("efs-mount-attempts.txt"))).hasSize(SftpHostSetup.EFS_MOUNT_ATTEMPTS);
        assertThat(Files.readAllLines(other.resolve("sleeps.txt")).stream().mapToInt(Integer::parseInt).toArray())
                .containsExactly(2, 4, 8, 16, 32, 60, 60);
        assertThat(182).isLessThan(SftpHost.HEALTH_CHECK_GRACE_SECONDS);
        // A non-zero status is what keeps sshd stopped: sshd.service requires the set-up's unit.
        assertThat(output).contains("giving up (sshd stays stopped)", "setup exit status: 1", "accounts: 0",
                "keys directory: absent", "chroot mounts: 0");
    }

    @Test
    void theHostKeysAreKeptOnEfsWhereOnlyRootCanReadThem() throws IOException {
        Path store = efs.resolve(SftpHostSetup.HOST_KEY_STORE);

        assertThat(readAsRoot(store.resolve("ssh_host_ecdsa_key"))).isEqualTo(readAsRoot(hostKey));
        assertThat(owner(store.resolve("ssh_host_ecdsa_key"))).isEqualTo("0:0");
        assertThat(permissions(store.resolve("ssh_host_ecdsa_key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        for (Path directory : List.of(store, store.getParent())) {
            assertThat(owner(directory)).as(directory.toString()).isEqualTo("0:0");
            assertThat(permissions(directory)).as(directory.toString())
                    .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aReplacementInstanceServesWithTheHostKeysOfTheFirst(@TempDir Path other) throws Exception {
        // A new instance generated its own host key at first boot; on the same EFS, the set-up swaps in the stored one.
        Path newKey = other.resolve("ssh_host_ecdsa_key");
        run(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-C", "replacement", "-f", newKey.toString()));
        assertThat(readAsRoot(newKey)).isNotEqualTo(readAsRoot(hostKey));
        SftpHostSetup setup = new SftpHostSetup(List.of(new SftpUser("alice", PublicKeyEntry.toString(alice.getPublic()))),
                NOTEBOOK_UID, NOTEBOOK_GID, SftpHostLayout.production()
                .withEfsMountPoint(other.resolve("efs-mount").toString())
                .withHostKeys(List.of(newKey.toString())));
        Files.writeString(other.resolve("setup.sh"), setup.setupScript(FILE_SYSTEM));

        String output = runSetup(other, efs, "0");

        assertThat(output).contains("setup exit status: 0");
        assertThat(readAsRoot(newKey)).isEqualTo(readAsRoot(hostKey));
        assertThat(keyFields(Path.of(newKey + ".pub"))).isEqualTo(keyFields(Path.of(hostKey + ".pub")));
    }

    /** Runs {@code WORK/setup.sh} once in a sandbox; its output, with the status and what the set-up left. */
    private static String runSetup(Path workDirectory, Path efsDirectory, String efsFailures) throws Exception {
        Process process = sandbox("run-setup", workDirectory, "-", efsDirectory, efsFailures)
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("sandbox finished").isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as("sandbox exit status; output:%n%s", output).isZero();
        giveBackToThisUser(workDirectory);
        return output;
    }

    /** A public key file's type and key data, without its comment. */
    private static String keyFields(Path publicKey) throws IOException {
        String[] fields = new String(readAsRoot(publicKey), UTF_8).strip().split(" ");
        return fields[0] + " " + fields[1];
    }

    /** Opens {@code channel}, sends {@code input}, and checks that sshd ran its SFTP server, not what was asked. */
    private static void assertNoShellBehindIt(ClientChannel channel, String input) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        channel.setOut(output);
        channel.setErr(output);
        if (input != null) {
            channel.setIn(new ByteArrayInputStream(input.getBytes(UTF_8)));
        }
        channel.open().verify(TIMEOUT);
        assertThat(channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT))
                .as("channel closed by sshd").contains(ClientChannelEvent.CLOSED);
        channel.close(false);

        String said = output.toString(UTF_8);
        assertThat(said).doesNotContain("uid=").contains("This service allows sftp connections only.");
        assertThat(channel.getExitStatus()).isNotNull().isNotZero();
    }

    /**
     * {@code sftp/sandbox.sh MODE WORK ARGUMENT} in a private mount namespace, ready to start, with {@code efsDirectory}
     * standing in for the file system and the stand-in mount helper failing {@code efsFailures} times first.
     */
    private static ProcessBuilder sandbox(String mode, Path workDirectory, String argument, Path efsDirectory,
                                          String efsFailures) throws IOException {
        Path script = workDirectory.resolve("sandbox.sh");
        try (InputStream in = SftpHostOnRealSshdTest.class.getResourceAsStream("/sftp/sandbox.sh")) {
            Files.copy(in, script);
        }
        // Through env: sudo passes on no variable of its caller's.
        return withPath(new ProcessBuilder(asRoot("env", "PATH=" + PATH, "NAAS_TEST_EFS=" + efsDirectory,
                "NAAS_TEST_EFS_FAILURES=" + efsFailures, "unshare", "--mount", "--propagation", "private",
                "bash", script.toString(), mode, workDirectory.toString(), argument)));
    }

    private static ClientSession login(String user, KeyPair key) throws IOException {
        ClientSession session = client.connect(user, "127.0.0.1", port).verify(TIMEOUT).getSession();
        try {
            session.addPublicKeyIdentity(key);
            session.auth().verify(TIMEOUT);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static SftpClient sftp(ClientSession session) throws IOException {
        return SftpClientFactory.instance().createSftpClient(session);
    }

    private static List<String> names(SftpClient sftp, String directory) throws IOException {
        List<String> names = new ArrayList<>();
        for (SftpClient.DirEntry entry : sftp.readDir(directory)) {
            if (!entry.getFilename().equals(".") && !entry.getFilename().equals("..")) {
                names.add(entry.getFilename());
            }
        }
        return names;
    }

    /** {@code uid:gid}, read as root: the test's own user may not enter the notebook user's directories. */
    private static String owner(Path path) throws IOException {
        return output(asRoot("stat", "-c", "%u:%g", path.toString())).strip();
    }

    private static Set<PosixFilePermission> permissions(Path path) throws IOException {
        return PosixFilePermissions.fromString(output(asRoot("stat", "-c", "%A", path.toString())).strip().substring(1));
    }

    private static byte[] readAsRoot(Path path) throws IOException {
        return output(asRoot("base64", "-w0", path.toString())).transform(b -> java.util.Base64.getDecoder().decode(b.strip()));
    }

    private static boolean existsAsRoot(Path path) throws IOException {
        Process process = withPath(new ProcessBuilder(asRoot("test", "-e", path.toString()))).start();
        assertThat(finished(process)).as("test -e finished").isTrue();
        return process.exitValue() == 0;
    }

    /** Whether this JVM runs as root; otherwise privileged steps go through {@code sudo -n}. */
    private static boolean root() throws IOException {
        return Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
    }

    /** {@code command} as root: itself when the test runs as root, else through passwordless sudo. */
    private static List<String> asRoot(String... command) throws IOException {
        List<String> full = new ArrayList<>();
        if (!root()) {
            full.addAll(List.of("sudo", "-n"));
        }
        full.addAll(List.of(command));
        return full;
    }

    /** Root-owned files the sandbox left in {@code directory}, handed back so that JUnit can delete them. */
    private static void giveBackToThisUser(Path directory) throws IOException {
        if (!root()) {
            String me = Files.getAttribute(directory, "unix:uid") + ":" + Files.getAttribute(directory, "unix:gid");
            run(asRoot("chown", "-R", me, directory.toString()));
            run(asRoot("chmod", "-R", "u+rwX", directory.toString()));
        }
    }

    private static void requireTools() throws IOException {
        if (!Files.isExecutable(Path.of(SSHD))) {
            fail(SSHD + " is missing: this test runs the generated set-up against a real OpenSSH server."
                    + " Install it first: apt-get install -y openssh-server");
        }
        if (!root() && !onPath("sudo")) {
            fail("this test must run as root or with passwordless sudo: it creates accounts and mounts inside a"
                    + " private mount namespace (unshare --mount), which it needs root for");
        }
        if (!root()) {
            run(asRoot("true"));   // fails here, naming sudo, when sudo would ask for a password
        }
        for (String tool : List.of("unshare", "ssh-keygen", "useradd", "mountpoint")) {
            if (!onPath(tool)) {
                fail(tool + " is missing: install util-linux, passwd and openssh-client (apt-get install -y"
                        + " util-linux passwd openssh-client openssh-server)");
            }
        }
    }

    private static boolean onPath(String tool) {
        for (String directory : PATH.split(":")) {
            if (Files.isExecutable(Path.of(directory, tool))) {
                return true;
            }
        }
        return false;
    }

    private static ProcessBuilder withPath(ProcessBuilder builder) {
        builder.environment().put("PATH", PATH);
        return builder;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static void awaitSshdListening() throws IOException, InterruptedException {
        String listening = "Server listening on 127.0.0.1 port " + port + ".";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!sandboxLog().contains(listening)) {
            if (!sandbox.isAlive()) {
                fail("the sandbox stopped (exit status " + sandbox.exitValue() + ") before sshd listened:\n"
                        + sandboxLog());
            }
            if (System.nanoTime() > deadline) {
                fail("sshd did not listen on 127.0.0.1:" + port + " within 60 s:\n" + sandboxLog());
            }
            Thread.sleep(100);
        }
    }

    private static String sandboxLog() {
        try {
            return log == null || !Files.exists(log) ? "(no log)" : Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static void run(List<String> command) throws IOException {
        output(command);
    }

    /** What {@code command} printed on standard output; fails the test, with what it said, if it failed. */
    private static String output(List<String> command) throws IOException {
        Process process = withPath(new ProcessBuilder(command)).start();
        process.getOutputStream().close();
        var errors = process.getErrorStream();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        String said = new String(errors.readAllBytes(), UTF_8);
        if (!finished(process) || process.exitValue() != 0) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " failed:\n" + output + said);
        }
        return output;
    }

    private static boolean finished(Process process) throws IOException {
        try {
            return process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted waiting for " + process.info().command().orElse("a process"));
        }
    }
}
