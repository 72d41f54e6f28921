package ai.naas.aws.infra.sftp;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything the SFTP host runs to become one: its {@code sshd_config}, a set-up script for the accounts, keys,
 * home directories and chroots, and the EC2 user data that installs both. Pure text, deterministic (the same
 * settings give the same bytes, so a Pulumi diff shows only real changes), and the same text a test runs
 * against a real {@code sshd}. The three are templates in this package's resources ({@code sshd_config},
 * {@code naas-sftp-setup.sh}, {@code user-data.sh}) with {@code {{name}}} placeholders this class fills;
 * {@code shellcheck} checks the rendered scripts in the tests.
 *
 * <h2>How uploads reach Jupyter</h2>
 * Naas's single-user image runs Jupyter as uid/gid 21 ({@code ftp}), and a user's Jupyter home is
 * {@code home/<name>} on EFS. Every SFTP account therefore shares that uid/gid ({@code useradd --non-unique}):
 * a file uploaded by SFTP is owned exactly as if the user's Jupyter server had written it, and the reverse.
 * Users are kept apart by {@code sshd}, not by uid: each one is locked into a chroot
 * {@code <chrootBase>/<name>}, root-owned and holding one directory, {@value #FILES_DIRECTORY}, which is a bind
 * mount of that user's EFS home. Nobody else's home is reachable from it, and accounts get no shell: sshd runs
 * only its built-in SFTP server for them, with umask 0007 so the notebook's group may write too.
 *
 * <h2>The pieces</h2>
 * <ul>
 *   <li>{@link #sshdConfig()}: replaces the host's whole {@code /etc/ssh/sshd_config}, so no distribution
 *       default ({@code Subsystem}, {@code Include} of drop-ins, EC2 Instance Connect) can weaken it. Only members
 *       of group {@value #SFTP_GROUP} may log in, by public key only; administrators use SSM Session Manager.</li>
 *   <li>{@link #setupScript(String)}: an idempotent bash script, run as root at every boot before sshd starts
 *       (a reboot loses bind mounts). It mounts EFS over TLS with IAM authorisation, trying
 *       {@value #EFS_MOUNT_ATTEMPTS} times with a doubling wait (a new file system's mount targets and NFS rule
 *       may still be settling), keeps the host keys on EFS ({@value #HOST_KEY_STORE}, root only) so a replaced
 *       instance keeps them, never changes an account that it did not create, and removes the key of a user no
 *       longer configured.</li>
 *   <li>{@link #setupUnit()} and {@link #sshdDropIn()}: the systemd unit that runs the set-up at every boot, and
 *       the drop-in by which {@code sshd.service} requires it: sshd never serves a host whose set-up failed, so
 *       such a host fails the load balancer's health check and is replaced.</li>
 *   <li>{@link #userData(String)}: Amazon Linux 2023 user data that first stops the distribution's sshd, installs
 *       amazon-efs-utils and OpenSSH, the set-up script, its unit, the drop-in and the sshd_config (once
 *       {@code sshd -t} accepts it), then starts the set-up and, only if it succeeded, sshd.</li>
 * </ul>
 *
 * @param users       the SFTP accounts; names must be unique
 * @param notebookUid the uid the notebook servers run as, owner of every uploaded file (Naas: 21)
 * @param notebookGid the gid the notebook servers run as (Naas: 21)
 * @param layout      paths, port and host keys; {@link SftpHostLayout#production()} on EC2
 */
public record SftpHostSetup(List<SftpUser> users, int notebookUid, int notebookGid, SftpHostLayout layout) {

    /** The uid of Naas's single-user notebook image (user {@code ftp}). */
    public static final int NAAS_NOTEBOOK_UID = 21;
    /** The gid of Naas's single-user notebook image. */
    public static final int NAAS_NOTEBOOK_GID = 21;
    /** The group of every SFTP account: sshd lets only its members in, and confines them. */
    public static final String SFTP_GROUP = "naas-sftp";
    /** The directory in each chroot where the user's EFS home is mounted, and where their session starts. */
    public static final String FILES_DIRECTORY = "files";
    /** Where the user data installs the set-up script. */
    public static final String SETUP_SCRIPT_PATH = "/usr/local/sbin/naas-sftp-setup";
    /** How many times the set-up tries to mount EFS (waiting 2, 4, ... 60 s between tries: about 3 minutes). */
    public static final int EFS_MOUNT_ATTEMPTS = 8;
    /** The directory on EFS, relative to its root, where the host keys outlive the instance; root only. */
    public static final String HOST_KEY_STORE = ".naas-sftp/host-keys";
    /** The systemd unit that runs the set-up at every boot, before sshd. */
    public static final String SETUP_UNIT = "naas-sftp-setup.service";
    /** EC2's limit on user data, before base64. */
    public static final int MAX_USER_DATA_BYTES = 16_384;

    /** The algorithms both Amazon Linux 2023's OpenSSH 8.7 and current clients have: AEAD ciphers only. */
    private static final String CIPHERS = "chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com";
    /** Curve25519, with the post-quantum hybrid preferred. */
    private static final String KEX_ALGORITHMS =
            "sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org";
    /** Encrypt-then-MAC only (unused with AEAD ciphers, but it keeps weaker MACs from ever being negotiated). */
    private static final String MACS = "hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com";
    /** The key types {@link SftpUser} accepts, with RSA signed by SHA-2 only. */
    private static final String PUBKEY_ALGORITHMS = "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
            + "ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256";

    /** The templates, in {@code src/main/resources} next to this class, where shellcheck and readers find them. */
    private static final Template SSHD_CONFIG = Template.load("sshd_config");
    private static final Template SETUP_SCRIPT = Template.load("naas-sftp-setup.sh");
    private static final Template USER_DATA = Template.load("user-data.sh");
    private static final Template SETUP_UNIT_FILE = Template.load(SETUP_UNIT);
    private static final Template SSHD_DROP_IN = Template.load("sshd-naas-sftp.conf");

    private static final Pattern FILE_SYSTEM_ID = Pattern.compile("fs-([0-9a-f]{8}|[0-9a-f]{17})");
    /** The longest file system id, for the user data size check. */
    private static final String LONGEST_FILE_SYSTEM_ID = "fs-" + "0".repeat(17);

    /** Checks the settings; see the type's description. */
    public SftpHostSetup {
        users = Settings.listOf("users", users);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            Integer first = seen.putIfAbsent(users.get(i).name(), i);
            if (first != null) {
                throw new InvalidSetting("users[" + i + "].name", "'" + users.get(i).name()
                        + "' is already the name of users[" + first + "]; names must be unique");
            }
        }
        Settings.inRange("notebookUid", notebookUid, 1, 65533);
        Settings.inRange("notebookGid", notebookGid, 1, 65533);
        layout = Settings.orDefault(layout, SftpHostLayout.production());
        // Checked now, while the stack's config is read, rather than when EC2 refuses the launch template.
        int size = userData(LONGEST_FILE_SYSTEM_ID, layout, sshdConfig(layout), setupScript(LONGEST_FILE_SYSTEM_ID,
                users, notebookUid, notebookGid, layout)).getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_USER_DATA_BYTES) {
            throw new InvalidSetting("users", "the " + users.size() + " users' keys make the host's user data "
                    + size + " bytes, over EC2's limit of " + MAX_USER_DATA_BYTES + "; use fewer or shorter keys"
                    + " (ssh-ed25519 keys are the shortest)");
        }
    }

    /** The production set-up for these users: Naas's notebook uid/gid, the EC2 host's layout. */
    public SftpHostSetup(List<SftpUser> users) {
        this(users, NAAS_NOTEBOOK_UID, NAAS_NOTEBOOK_GID, SftpHostLayout.production());
    }

    /** The complete {@code sshd_config}; it does not depend on the users, who are found by group. */
    public String sshdConfig() {
        return sshdConfig(layout);
    }

    /**
     * The set-up script: run as root, any number of times; see the type's description.
     *
     * @param fileSystemId the EFS file system it mounts, e.g. {@code fs-0123456789abcdef0}
     * @throws IllegalArgumentException if {@code fileSystemId} is not an EFS file system id
     */
    public String setupScript(String fileSystemId) {
        return setupScript(checked(fileSystemId), users, notebookUid, notebookGid, layout);
    }

    /** The systemd unit that runs the set-up at every boot, before sshd. */
    public String setupUnit() {
        return SETUP_UNIT_FILE.render(Map.of("script", SETUP_SCRIPT_PATH));
    }

    /** The drop-in for {@code sshd.service}: sshd requires the set-up, so it never serves a host without users. */
    public String sshdDropIn() {
        return SSHD_DROP_IN.render(Map.of());
    }

    /**
     * The EC2 user data for Amazon Linux 2023.
     *
     * @param fileSystemId the EFS file system to mount, e.g. {@code fs-0123456789abcdef0}
     * @throws IllegalArgumentException if {@code fileSystemId} is not an EFS file system id
     */
    public String userData(String fileSystemId) {
        return userData(fileSystemId, layout, sshdConfig(), setupScript(fileSystemId));
    }

    private static String checked(String fileSystemId) {
        if (fileSystemId == null || !FILE_SYSTEM_ID.matcher(fileSystemId).matches()) {
            throw new IllegalArgumentException("not an EFS file system id: " + fileSystemId);
        }
        return fileSystemId;
    }

    private static String sshdConfig(SftpHostLayout layout) {
        List<String> hostKeys = new ArrayList<>();
        for (String hostKey : layout.hostKeys()) {
            hostKeys.add("HostKey " + hostKey);
        }
        return SSHD_CONFIG.render(Map.ofEntries(
                Map.entry("port", Integer.toString(layout.port())),
                Map.entry("listen", layout.listenAddress()),
                Map.entry("hostKeys", String.join("\n", hostKeys)),
                Map.entry("pidFile", layout.pidFile()),
                Map.entry("ciphers", CIPHERS),
                Map.entry("kex", KEX_ALGORITHMS),
                Map.entry("macs", MACS),
                Map.entry("pubkeyAlgorithms", PUBKEY_ALGORITHMS),
                Map.entry("group", SFTP_GROUP),
                Map.entry("keys", layout.authorizedKeysDirectory()),
                Map.entry("files", FILES_DIRECTORY),
                Map.entry("chroots", layout.chrootBase())));
    }

    private static String setupScript(String fileSystemId, List<SftpUser> users, int uid, int gid,
                                      SftpHostLayout layout) {
        StringBuilder calls = new StringBuilder();
        for (SftpUser user : users) {
            calls.append("sftp_user ").append(user.name()).append(' ').append(shellQuoted(user.publicKey())).append('\n');
        }
        if (users.isEmpty()) {
            calls.append(": no SFTP users\n");
        }
        return SETUP_SCRIPT.render(Map.ofEntries(
                Map.entry("efs", layout.efsMountPoint()),
                Map.entry("fileSystem", fileSystemId),
                Map.entry("mountAttempts", Integer.toString(EFS_MOUNT_ATTEMPTS)),
                Map.entry("hostKeys", String.join(" ", layout.hostKeys())),
                Map.entry("hostKeyStore", layout.efsMountPoint() + "/" + HOST_KEY_STORE),
                Map.entry("group", SFTP_GROUP),
                Map.entry("files", FILES_DIRECTORY),
                Map.entry("homes", layout.homesPath()),
                Map.entry("chroots", layout.chrootBase()),
                Map.entry("keys", layout.authorizedKeysDirectory()),
                Map.entry("uid", Integer.toString(uid)),
                Map.entry("gid", Integer.toString(gid)),
                Map.entry("calls", calls.toString())));
    }

    private static String userData(String fileSystemId, SftpHostLayout layout, String sshdConfig, String setupScript) {
        checked(fileSystemId);
        return USER_DATA.render(Map.of(
                "script", SETUP_SCRIPT_PATH,
                "setupScript", setupScript,
                "setupUnit", SETUP_UNIT_FILE.render(Map.of("script", SETUP_SCRIPT_PATH)),
                "sshdDropIn", SSHD_DROP_IN.render(Map.of()),
                "sshdConfig", sshdConfig));
    }

    /** {@code value} as one bash word: single-quoted, each {@code '} written as {@code '\''}. */
    private static String shellQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
