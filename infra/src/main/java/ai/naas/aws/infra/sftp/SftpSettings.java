package ai.naas.aws.infra.sftp;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;
import ai.naas.aws.infra.network.Cidr;

import java.util.List;

/**
 * The SFTP host: config key {@code naas:sftp}.
 *
 * @param allowedCidrs who may reach port 22: at least one CIDR block. Required.
 * @param instanceType the host's EC2 instance type. @default t3.small
 * @param users        SFTP users and their public keys; each uploads into {@code home/<name>}. @default none
 * @param deletionProtection whether AWS refuses to delete the load balancer, whose DNS name users have
 *                     configured: set it to false only where losing that name is harmless (dev). @default true
 */
public record SftpSettings(List<String> allowedCidrs, String instanceType, List<SftpUser> users,
                           Boolean deletionProtection) {

    public SftpSettings {
        allowedCidrs = Settings.listOf("allowedCidrs", Settings.required("allowedCidrs", allowedCidrs));
        if (allowedCidrs.isEmpty()) {
            throw new InvalidSetting("allowedCidrs", "must list at least one CIDR block allowed to reach port 22");
        }
        Settings.each("allowedCidrs", allowedCidrs, Cidr::isValid, "an IPv4 CIDR block like 203.0.113.0/24");
        instanceType = Settings.orDefault(instanceType, "t3.small");
        if (!instanceType.matches("[a-z]+[0-9][a-z0-9-]*\\.[0-9]*(nano|micro|small|medium|large|xlarge)")) {
            throw new InvalidSetting("instanceType", "must be an EC2 instance type like t3.small, got '" + instanceType + "'");
        }
        users = Settings.listOf("users", users);
        // Duplicate names and the user-data size are checked where the set-up is generated.
        new SftpHostSetup(users);
        deletionProtection = Settings.orDefault(deletionProtection, true);
    }
}
