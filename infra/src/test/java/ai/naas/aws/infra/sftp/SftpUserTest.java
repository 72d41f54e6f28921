package ai.naas.aws.infra.sftp;

import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.UserNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SftpUserTest {

    @ParameterizedTest
    @ValueSource(strings = {TestKeys.ED25519, TestKeys.ECDSA_256, TestKeys.ECDSA_384, TestKeys.ECDSA_521,
            TestKeys.RSA_3072})
    void acceptsEachSupportedKeyType(String key) {
        assertThat(new SftpUser("alice", key).publicKey()).isEqualTo(key);
    }

    @Test
    void acceptsAKeyWithoutCommentAndDropsSurroundingWhitespace() {
        String withoutComment = TestKeys.ED25519.substring(0, TestKeys.ED25519.lastIndexOf(' '));

        assertThat(new SftpUser("alice", "  " + withoutComment + "\n").publicKey()).isEqualTo(withoutComment);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "alice2", "partneretl", "abcdefghijklmnopqrstuvwxyz012345"})
    void acceptsPlatformUserNames(String name) {
        assertThat(new SftpUser(name, TestKeys.ED25519).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice", "1alice", "-alice", "al.ice", "al ice", "alice$", "al/ice", "../root",
            "partner_etl", "data-team", "_svc"})
    void refusesANameTheHubWouldNotAdmit(String name) {
        InvalidSetting refusal = refusal(name, TestKeys.ED25519);

        assertThat(UserNames.isValid(name)).as("the hub refuses it too").isFalse();
        assertThat(refusal.field()).isEqualTo("name");
        assertThat(refusal.problem()).startsWith("must be a platform user name: " + UserNames.DESCRIPTION);
    }

    @Test
    void refusesAUserNameLongerThanALinuxLogin() {
        String name = "abcdefghijklmnopqrstuvwxyz0123456";
        assertThat(UserNames.isValid(name)).as("the hub would admit it").isTrue();
        assertThat(refusal(name, TestKeys.ED25519).problem()).startsWith("must be at most 32 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", "sshd", "nobody", "daemon", "admin", "postgres", "nginx"})
    void refusesTheNameOfASystemAccount(String name) {
        InvalidSetting refusal = refusal(name, TestKeys.ED25519);

        assertThat(refusal.field()).isEqualTo("name");
        assertThat(refusal.problem()).contains("system account");
    }

    @Test
    void refusesAMissingNameOrKey() {
        assertThat(refusal(null, TestKeys.ED25519).field()).isEqualTo("name");
        assertThat(refusal("alice", null).field()).isEqualTo("publicKey");
        assertThat(refusal("alice", " \n").problem()).isEqualTo("is required but not set");
    }

    @Test
    void refusesKeyDataThatIsNotBase64WithoutEchoingIt() {
        InvalidSetting refusal = refusal("alice", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA!secret-looking*data alice");

        assertThat(refusal.field()).isEqualTo("publicKey");
        assertThat(refusal.problem()).contains("not valid base64").doesNotContain("secret-looking");
    }

    @Test
    void refusesAKeyWhoseDataIsOfAnotherTypeThanDeclared() {
        String ed25519Data = TestKeys.ED25519.split(" ")[1];

        InvalidSetting refusal = refusal("alice", "ssh-rsa " + ed25519Data);

        assertThat(refusal.field()).isEqualTo("publicKey");
        assertThat(refusal.problem())
                .isEqualTo("declares type 'ssh-rsa' but its key data is of type 'ssh-ed25519'");
    }

    @Test
    void refusesAnEcdsaKeyDeclaredWithAnotherCurve() {
        String p256Data = TestKeys.ECDSA_256.split(" ")[1];

        InvalidSetting refusal = refusal("alice", "ecdsa-sha2-nistp384 " + p256Data);

        assertThat(refusal.problem()).contains("declares type 'ecdsa-sha2-nistp384'")
                .contains("'ecdsa-sha2-nistp256'");
    }

    @Test
    void refusesAnRsaKeyShorterThan3072Bits() {
        InvalidSetting refusal = refusal("alice", TestKeys.RSA_2048);

        assertThat(refusal.field()).isEqualTo("publicKey");
        assertThat(refusal.problem()).contains("2048-bit RSA key").contains("at least 3072 bits")
                .doesNotContain(TestKeys.RSA_2048.split(" ")[1].substring(0, 30));
    }

    @Test
    void refusesTwoKeysOnOneLine() {
        InvalidSetting refusal = refusal("alice", TestKeys.ED25519 + " " + TestKeys.ECDSA_256);

        assertThat(refusal.field()).isEqualTo("publicKey");
        assertThat(refusal.problem()).contains("more than one key");
    }

    @Test
    void refusesTwoKeyBlobsAfterOneType() {
        String[] parts = TestKeys.ED25519.split(" ");

        assertThat(refusal("alice", parts[0] + " " + parts[1] + " " + parts[1]).problem()).contains("more than one key");
    }

    @Test
    void refusesKeysOnSeveralLines() {
        InvalidSetting refusal = refusal("alice", TestKeys.ED25519 + "\n" + TestKeys.ECDSA_256);

        assertThat(refusal.field()).isEqualTo("publicKey");
        assertThat(refusal.problem()).contains("several lines");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssh-dss AAAAB3NzaC1kc3M=", "sk-ssh-ed25519@openssh.com AAAA",
            "from=\"10.0.0.1\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5", "AAAAC3NzaC1lZDI1NTE5AAAAIE8fUvLDMdywEFGi7BcOmi8mGe1"})
    void refusesOtherKeyTypesAndKeyOptions(String key) {
        InvalidSetting refusal = refusal("alice", key);

        assertThat(refusal.field()).isEqualTo("publicKey");
        assertThat(refusal.problem()).contains("with TYPE one of ssh-ed25519");
    }

    @Test
    void refusesATypeWithoutKeyData() {
        assertThat(refusal("alice", "ssh-ed25519").problem()).contains("base64 key data after 'ssh-ed25519' is missing");
    }

    @Test
    void refusesTruncatedKeyData() {
        byte[] blob = Base64.getDecoder().decode(TestKeys.ED25519.split(" ")[1]);
        String data = Base64.getEncoder().encodeToString(Arrays.copyOf(blob, blob.length - 5));

        assertThat(refusal("alice", "ssh-ed25519 " + data).problem()).contains("truncated");
    }

    @Test
    void refusesBytesAfterTheKey() {
        byte[] blob = Base64.getDecoder().decode(TestKeys.ED25519.split(" ")[1]);
        ByteArrayOutputStream longer = new ByteArrayOutputStream();
        longer.writeBytes(blob);
        longer.writeBytes(new byte[] {0, 0, 0, 1, 42});

        String key = "ssh-ed25519 " + Base64.getEncoder().encodeToString(longer.toByteArray());

        assertThat(refusal("alice", key).problem()).contains("5 bytes follow the key");
    }

    @Test
    void refusesAnEd25519KeyOfTheWrongLength() {
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        writeString(blob, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
        writeString(blob, new byte[31]);

        String key = "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.toByteArray());

        assertThat(refusal("alice", key).problem()).contains("not 32 bytes");
    }

    @Test
    void refusesControlCharacters() {
        assertThat(refusal("alice", TestKeys.ED25519 + "\u0000x").problem()).contains("not printable ASCII");
    }

    private static void writeString(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
        out.writeBytes(value);
    }

    private static InvalidSetting refusal(String name, String key) {
        InvalidSetting refusal = catchThrowableOfType(InvalidSetting.class, () -> new SftpUser(name, key));
        assertThat(refusal).as("refused").isNotNull();
        return refusal;
    }
}
