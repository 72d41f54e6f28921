package ai.naas.aws.infra.sftp;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the SFTP host keeps things, and where its {@code sshd} listens. {@link #production()} is the EC2 host's
 * layout; the {@code with...} methods exist so that a test can run the very same set-up inside a sandbox
 * (another port, loopback, a scratch host key and directory standing in for EFS).
 *
 * <p>Every path is absolute (but {@code homesDirectory}, which is relative to the EFS mount point) and made of
 * letters, digits, {@code . _ - /} only, because paths go into a root shell script and into sshd_config.
 *
 * @param efsMountPoint           where the EFS file system is mounted, {@code /mnt/efs}
 * @param homesDirectory          the home tree on EFS, relative to the mount point: {@code home}, so a user's
 *                                files are {@code /mnt/efs/home/<name>}, where their Jupyter server finds them
 * @param chrootBase              the parent of the per-user chroots, {@code /srv/sftp}; it and every directory
 *                                above it must be root-owned and writable by root only (sshd refuses a chroot
 *                                otherwise)
 * @param authorizedKeysDirectory the root-owned directory of the users' keys, one file per user named after
 *                                them: {@code /etc/ssh/authorized_keys}
 * @param port                    the TCP port sshd listens on, 22
 * @param listenAddress           the address sshd listens on, {@code 0.0.0.0} (the security group restricts who
 *                                reaches it)
 * @param hostKeys                the host key files, the ones Amazon Linux 2023 generates at first boot
 * @param pidFile                 sshd's pid file, {@code /run/sshd.pid}
 */
public record SftpHostLayout(
        String efsMountPoint,
        String homesDirectory,
        String chrootBase,
        String authorizedKeysDirectory,
        int port,
        String listenAddress,
        List<String> hostKeys,
        String pidFile) {

    private static final Pattern ABSOLUTE = Pattern.compile("(/[A-Za-z0-9._-]+)+");
    private static final Pattern RELATIVE = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.:-]+");

    /** Checks every field; see the type's description. */
    public SftpHostLayout {
        absolute("efsMountPoint", efsMountPoint);
        relative("homesDirectory", homesDirectory);
        absolute("chrootBase", chrootBase);
        absolute("authorizedKeysDirectory", authorizedKeysDirectory);
        Settings.inRange("port", port, 1, 65535);
        Settings.required("listenAddress", listenAddress);
        if (!ADDRESS.matcher(listenAddress).matches()) {
            throw new InvalidSetting("listenAddress", "must be an IP address or host name, got '" + listenAddress + "'");
        }
        hostKeys = Settings.listOf("hostKeys", hostKeys);
        if (hostKeys.isEmpty()) {
            throw new InvalidSetting("hostKeys", "must name at least one host key file");
        }
        for (int i = 0; i < hostKeys.size(); i++) {
            absolute("hostKeys[" + i + "]", hostKeys.get(i));
        }
        absolute("pidFile", pidFile);
    }

    /** The EC2 host's layout. */
    public static SftpHostLayout production() {
        return new SftpHostLayout("/mnt/efs", "home", "/srv/sftp", "/etc/ssh/authorized_keys", 22, "0.0.0.0",
                List.of("/etc/ssh/ssh_host_ed25519_key", "/etc/ssh/ssh_host_ecdsa_key", "/etc/ssh/ssh_host_rsa_key"),
                "/run/sshd.pid");
    }

    /** The directory holding every user's EFS home: {@code efsMountPoint/homesDirectory}. */
    public String homesPath() {
        return efsMountPoint + "/" + homesDirectory;
    }

    /** This layout with the EFS file system mounted elsewhere. */
    public SftpHostLayout withEfsMountPoint(String path) {
        return new SftpHostLayout(path, homesDirectory, chrootBase, authorizedKeysDirectory, port, listenAddress,
                hostKeys, pidFile);
    }

    /** This layout with the chroots under another directory. */
    public SftpHostLayout withChrootBase(String path) {
        return new SftpHostLayout(efsMountPoint, homesDirectory, path, authorizedKeysDirectory, port, listenAddress,
                hostKeys, pidFile);
    }

    /** This layout with the users' keys in another directory. */
    public SftpHostLayout withAuthorizedKeysDirectory(String path) {
        return new SftpHostLayout(efsMountPoint, homesDirectory, chrootBase, path, port, listenAddress, hostKeys,
                pidFile);
    }

    /** This layout with sshd listening on {@code address}:{@code port}. */
    public SftpHostLayout withListener(String address, int port) {
        return new SftpHostLayout(efsMountPoint, homesDirectory, chrootBase, authorizedKeysDirectory, port, address,
                hostKeys, pidFile);
    }

    /** This layout with other host key files. */
    public SftpHostLayout withHostKeys(List<String> paths) {
        return new SftpHostLayout(efsMountPoint, homesDirectory, chrootBase, authorizedKeysDirectory, port,
                listenAddress, paths, pidFile);
    }

    /** This layout with sshd's pid file elsewhere. */
    public SftpHostLayout withPidFile(String path) {
        return new SftpHostLayout(efsMountPoint, homesDirectory, chrootBase, authorizedKeysDirectory, port,
                listenAddress, hostKeys, path);
    }

    private static void absolute(String field, String path) {
        Settings.required(field, path);
        if (!ABSOLUTE.matcher(path).matches() || hasDotSegment(path)) {
            throw new InvalidSetting(field, "must be an absolute path of letters, digits, '.', '_', '-' and '/',"
                    + " without '.' or '..' segments or a final '/', got '" + path + "'");
        }
    }

    private static void relative(String field, String path) {
        Settings.required(field, path);
        if (!RELATIVE.matcher(path).matches() || hasDotSegment(path)) {
            throw new InvalidSetting(field, "must be a relative path of letters, digits, '.', '_', '-' and '/',"
                    + " without '.' or '..' segments, got '" + path + "'");
        }
    }

    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
