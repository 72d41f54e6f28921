package ai.naas.aws.infra.sftp;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.UserNames;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One SFTP account from stack config: a login name and the one OpenSSH public key that may log in as it.
 *
 * <p>Both values end up in a root shell script and in files that {@code sshd} trusts, so they are checked
 * here, before any resource exists:
 * <ul>
 *   <li>{@code name} is a platform user name ({@link UserNames}: the name JupyterHub admits, so that the SFTP
 *       home {@code home/<name>} is the user's Jupyter home), at most {@value #MAX_LOGIN_LENGTH} characters
 *       (a Linux login), that no system or administration account uses, so that the set-up script can never be
 *       pointed at one;</li>
 *   <li>{@code publicKey} is exactly one {@code authorized_keys} line without options,
 *       {@code TYPE BASE64 [COMMENT]}, of type {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256/384/521} or
 *       {@code ssh-rsa} (3072 bits or more); its base64 must decode to a well-formed key of the declared type.
 *       Surrounding whitespace (a YAML block's final newline) is dropped.</li>
 * </ul>
 * Error messages say what is wrong without repeating the key.
 *
 * @param name      the login name, also the name of the user's EFS home ({@code home/<name>})
 * @param publicKey the user's OpenSSH public key line
 */
public record SftpUser(String name, String publicKey) {

    /** The longest login {@code useradd} creates on Amazon Linux 2023. */
    static final int MAX_LOGIN_LENGTH = 32;
    /** Every OpenSSH key type, accepted or not, and its certificate form. */
    private static final Pattern ANY_KEY_TYPE = Pattern.compile("(ssh-(rsa|dss|ed25519|ed448)|ecdsa-sha2-nistp\\d+"
            + "|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\\.com)(-cert-v01@openssh\\.com)?");

    /**
     * Accounts of Amazon Linux 2023 (base image, SSM agent, EC2 Instance Connect) and of common daemons: an SFTP
     * user of one of these names would collide with the host's own account.
     */
    private static final Set<String> RESERVED_NAMES = Set.of(
            "root", "bin", "daemon", "adm", "lp", "sync", "shutdown", "halt", "mail", "operator", "games", "ftp",
            "nobody", "nfsnobody", "sshd", "dbus", "tss", "rpc", "rpcuser", "chrony", "polkitd", "sssd", "unbound",
            "libstoragemgmt", "systemd-coredump", "systemd-network", "systemd-oom", "systemd-resolve",
            "systemd-timesync", "ec2-user", "ec2-instance-connect", "ssm-user", "admin", "postfix", "apache",
            "nginx", "postgres", "www-data", "_apt");

    /** Accepted key types, with the size in bytes of an ECDSA point's coordinate (0: not ECDSA). */
    private static final Map<String, Integer> KEY_TYPES = Map.of(
            "ssh-ed25519", 0,
            "ssh-rsa", 0,
            "ecdsa-sha2-nistp256", 32,
            "ecdsa-sha2-nistp384", 48,
            "ecdsa-sha2-nistp521", 66);

    private static final int MIN_RSA_BITS = 3072;

    private static final String SHAPE = "must be one OpenSSH public key line 'TYPE BASE64 [COMMENT]'";
    private static final String TYPES = "ssh-ed25519, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384, ecdsa-sha2-nistp521"
            + " or ssh-rsa of at least " + MIN_RSA_BITS + " bits";

    /** Checks both fields; see the type's description. */
    public SftpUser {
        UserNames.check("name", name);
        if (name.length() > MAX_LOGIN_LENGTH) {
            throw new InvalidSetting("name", "must be at most " + MAX_LOGIN_LENGTH + " characters (a Linux login),"
                    + " got " + name.length() + " ('" + shortened(name) + "')");
        }
        if (RESERVED_NAMES.contains(name) || name.startsWith("systemd-")) {
            throw new InvalidSetting("name", "'" + name + "' is the name of a system account; choose another");
        }
        if (publicKey == null || publicKey.isBlank()) {
            throw new InvalidSetting("publicKey", "is required but not set");
        }
        publicKey = publicKey.strip();
        checkPublicKey(publicKey);
    }

    private static void checkPublicKey(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\n' || c == '\r') {
                throw new InvalidSetting("publicKey", SHAPE + ": it spans several lines; give one key only");
            }
            if ((c < 0x20 && c != '\t') || c > 0x7e) {
                throw new InvalidSetting("publicKey", SHAPE + ": it holds a character that is not printable ASCII"
                        + " at position " + i);
            }
        }
        String[] parts = line.split("[ \t]+", 3);
        String type = parts[0];
        if (!KEY_TYPES.containsKey(type)) {
            throw new InvalidSetting("publicKey", SHAPE + " with TYPE one of " + TYPES + "; got type '"
                    + printableType(type) + "'");
        }
        if (parts.length < 2) {
            throw new InvalidSetting("publicKey", SHAPE + ": the base64 key data after '" + type + "' is missing");
        }
        if (parts.length == 3) {
            checkComment(parts[2]);
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting("publicKey", SHAPE + ": the key data is not valid base64 (" + e.getMessage() + ")");
        }
        checkBlob(type, ByteBuffer.wrap(blob));
    }

    /** A comment that holds another key type or key blob means two keys were pasted on one line. */
    private static void checkComment(String comment) {
        for (String word : comment.split("[ \t]+")) {
            boolean keyType = ANY_KEY_TYPE.matcher(word).matches();
            boolean keyData = word.startsWith("AAAA") && word.length() >= 40;
            if (keyType || keyData) {
                throw new InvalidSetting("publicKey", SHAPE + ": it holds more than one key; give one key only");
            }
        }
    }

    private static void checkBlob(String type, ByteBuffer blob) {
        String embedded = new String(string(blob), StandardCharsets.US_ASCII);
        if (!embedded.equals(type)) {
            throw new InvalidSetting("publicKey", "declares type '" + type + "' but its key data is of type '"
                    + printableType(embedded) + "'");
        }
        int coordinate = KEY_TYPES.get(type);
        if (type.equals("ssh-ed25519")) {
            if (string(blob).length != 32) {
                throw new InvalidSetting("publicKey", "is not a well-formed ssh-ed25519 key: the key is not 32 bytes");
            }
        } else if (type.equals("ssh-rsa")) {
            BigInteger exponent = new BigInteger(string(blob));
            BigInteger modulus = new BigInteger(string(blob));
            if (exponent.signum() <= 0 || modulus.signum() <= 0) {
                throw new InvalidSetting("publicKey", "is not a well-formed ssh-rsa key: exponent or modulus is not positive");
            }
            if (modulus.bitLength() < MIN_RSA_BITS) {
                throw new InvalidSetting("publicKey", "is a " + modulus.bitLength() + "-bit RSA key; RSA keys need at"
                        + " least " + MIN_RSA_BITS + " bits (or use ssh-ed25519)");
            }
        } else {
            String curve = new String(string(blob), StandardCharsets.US_ASCII);
            byte[] point = string(blob);
            if (!type.equals("ecdsa-sha2-" + curve)) {
                throw new InvalidSetting("publicKey", "is not a well-formed " + type + " key: its curve is '"
                        + printableType(curve) + "'");
            }
            if (point.length != 1 + 2 * coordinate || point[0] != 4) {
                throw new InvalidSetting("publicKey", "is not a well-formed " + type + " key: the point is not an"
                        + " uncompressed point of that curve");
            }
        }
        if (blob.hasRemaining()) {
            throw new InvalidSetting("publicKey", "is not a well-formed " + type + " key: " + blob.remaining()
                    + " bytes follow the key");
        }
    }

    /** Reads an SSH wire-format string (RFC 4251 section 5): a 32-bit length, then that many bytes. */
    private static byte[] string(ByteBuffer blob) {
        if (blob.remaining() < 4) {
            throw truncated();
        }
        int length = blob.getInt();
        if (length < 0 || length > blob.remaining()) {
            throw truncated();
        }
        byte[] value = new byte[length];
        blob.get(value);
        return value;
    }

    private static InvalidSetting truncated() {
        return new InvalidSetting("publicKey", "is not a well-formed public key: its key data is truncated");
    }

    /** A type name fit to quote in a message: short, and never a piece of key data. */
    private static String printableType(String type) {
        return type.matches("[a-z0-9@._-]{1,40}") ? type : "(unreadable)";
    }

    private static String shortened(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
