package ai.naas.aws.environments;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Backups the stack can restore from, and restores as configuration: the backup plan covers exactly the
 * stack's file system and database; a restore setting makes the stack come up on restored data, beside
 * the untouched data it ran on.
 */
@SuppressWarnings("unchecked")
class BackupAndRestoreTest {

    private static final String INSTANCE = "aws:rds/instance:Instance";
    private static final String SNAPSHOT = "{\"snapshot\":\"rds:naas-prod-db-2026-12-01-03-10\"}";

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static Map<String, Object> hubValues(Plan plan) {
        return (Map<String, Object>) plan.ofType("kubernetes:helm.sh/v3:Release").stream()
                .filter(r -> r.name().endsWith("jupyterhub")).findFirst().orElseThrow().requireInput("values");
    }

    private static String hubDatabaseUrl(Plan plan) {
        return (String) ((Map<String, Object>) ((Map<String, Object>) hubValues(plan).get("hub")).get("db")).get("url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void thePlanBacksUpExactlyTheStacksFileSystemAndDatabaseIntoItsEncryptedVault(String stack) {
        var plan = StackPlans.of(stack);
        var selection = plan.ofType("aws:backup/selection:Selection").get(0);
        assertThat((List<Object>) selection.requireInput("resources")).containsExactlyInAnyOrder(
                plan.ofType("aws:efs/fileSystem:FileSystem").get(0).output("arn").orElseThrow(),
                plan.ofType(INSTANCE).get(0).output("arn").orElseThrow());
        var backupPlan = plan.ofType("aws:backup/plan:Plan").get(0);
        assertThat(selection.requireInput("planId")).isEqualTo(backupPlan.id());
        var vault = plan.ofType("aws:backup/vault:Vault").get(0);
        assertThat(vault.protect()).isTrue();
        assertThat(vault.requireInput("kmsKeyArn")).isEqualTo(
                plan.resource("aws:kms/key:Key", "naas-" + stack + "-backups").output("arn").orElseThrow());
        assertThat(backupPlan.requireInput("rules.0.targetVaultName")).isEqualTo(vault.requireInput("name"));
        int retention = "prod".equals(stack) ? 35 : 14;
        assertThat(number(backupPlan.requireInput("rules.0.lifecycle.deleteAfter"))).isEqualTo(retention);
        var role = plan.byId(String.valueOf(selection.requireInput("iamRoleArn")).replaceFirst(".*role/", ""));
        assertThat(role).isPresent();
        assertThat((String) role.get().requireInput("assumeRolePolicy")).contains("backup.amazonaws.com");
    }

    @Test
    void prodsVaultIsLockedForTheRetentionAndDevsIsNot() {
        var prod = StackPlans.of("prod");
        var lock = prod.ofType("aws:backup/vaultLockConfiguration:VaultLockConfiguration");
        assertThat(lock).singleElement().satisfies(l -> {
            assertThat(l.requireInput("backupVaultName")).isEqualTo(prod.ofType("aws:backup/vault:Vault").get(0).requireInput("name"));
            assertThat(number(l.requireInput("minRetentionDays"))).isEqualTo(35);
            assertThat(number(l.requireInput("changeableForDays"))).isEqualTo(3);
            assertThat(l.protect()).isTrue();
        });
        assertThat(StackPlans.of("dev").ofType("aws:backup/vaultLockConfiguration:VaultLockConfiguration")).isEmpty();
        assertThat(number(prod.ofType(INSTANCE).get(0).requireInput("backupRetentionPeriod"))).isGreaterThanOrEqualTo(14);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "naas:database|backupRetentionDays|7|naas:database.backupRetentionDays|prod keeps at least 14 days of point-in-time recovery, got 7",
            "naas:backup|lockVault|false|naas:backup.lockVault|must be true in prod",
    })
    void prodRefusesWeakerRecovery(String key, String field, String value, String named, String problem) {
        assertThatThrownBy(() -> StackPlans.of("prod", OperationsConfig.with("prod", key, Map.of(field, value))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(named + ": " + problem);
    }

    @Test
    void aSnapshotRestoreIsANewInstanceTheHubUsesWhileTheOldOneIsUntouched() {
        var before = StackPlans.of("prod");
        var after = StackPlans.of("prod", OperationsConfig.with("prod", "naas:database", Map.of("restoreFrom", SNAPSHOT)));

        var old = before.ofType(INSTANCE).get(0);
        var oldAfter = after.byUrn(old.urn());
        assertThat(oldAfter.inputs()).as("the instance the stack ran on keeps every input").isEqualTo(old.inputs());
        assertThat(oldAfter.protect()).isTrue();

        var restored = after.ofType(INSTANCE).stream().filter(i -> !i.urn().equals(old.urn())).toList();
        assertThat(restored).singleElement().satisfies(r -> {
            assertThat(r.name()).matches("naas-prod-db-[0-9a-f]{8}");
            assertThat(r.requireInput("identifier")).isEqualTo(r.name());
            assertThat(r.requireInput("snapshotIdentifier")).isEqualTo("rds:naas-prod-db-2026-12-01-03-10");
            assertThat(r.input("username")).as("the master user comes with the snapshot").isEmpty();
            assertThat(r.requireInput("storageEncrypted")).isEqualTo(true);
            assertThat(r.requireInput("kmsKeyId")).isEqualTo(old.requireInput("kmsKeyId"));
            assertThat(r.requireInput("vpcSecurityGroupIds")).isEqualTo(old.requireInput("vpcSecurityGroupIds"));
            assertThat(r.requireInput("dbSubnetGroupName")).isEqualTo(old.requireInput("dbSubnetGroupName"));
            assertThat(r.requireInput("deletionProtection")).isEqualTo(true);
            assertThat(r.protect()).isTrue();
        });
        var instance = restored.get(0);
        assertThat(hubDatabaseUrl(after)).contains("@" + instance.output("address").orElseThrow() + ":5432/")
                .doesNotContain((String) old.output("address").orElseThrow());
        assertThat(hubDatabaseUrl(before)).contains("@" + old.output("address").orElseThrow() + ":5432/");
        assertThat((List<Object>) after.ofType("aws:backup/selection:Selection").get(0).requireInput("resources"))
                .contains(instance.output("arn").orElseThrow()).doesNotContain(old.output("arn").orElseThrow());
        assertThat(after.resource("aws:cloudwatch/metricAlarm:MetricAlarm", "naas-prod-db-cpu")
                .requireInput("dimensions.DBInstanceIdentifier")).isEqualTo(instance.id());
        assertThat(after.outputs().get("databaseIdentifier")).isEqualTo(instance.id());
    }

    @Test
    void aPointInTimeRestoreNamesItsSourceAndTime() {
        var plan = StackPlans.of("prod", OperationsConfig.with("prod", "naas:database", Map.of("restoreFrom",
                "{\"pointInTime\":{\"source\":\"naas-prod-db\",\"time\":\"2026-12-01T09:30:00Z\"}}")));
        var restored = plan.ofType(INSTANCE).stream().filter(i -> !i.name().equals("naas-prod-db")).findFirst().orElseThrow();
        assertThat(restored.requireInput("restoreToPointInTime.sourceDbInstanceIdentifier")).isEqualTo("naas-prod-db");
        assertThat(restored.requireInput("restoreToPointInTime.restoreTime")).isEqualTo("2026-12-01T09:30:00Z");
        assertThat(restored.input("snapshotIdentifier")).isEmpty();

        var latest = StackPlans.of("prod", OperationsConfig.with("prod", "naas:database", Map.of("restoreFrom",
                "{\"pointInTime\":{\"source\":\"naas-prod-db\",\"time\":\"latest\"}}")));
        var newest = latest.ofType(INSTANCE).stream().filter(i -> !i.name().equals("naas-prod-db")).findFirst().orElseThrow();
        assertThat(newest.requireInput("restoreToPointInTime.useLatestRestorableTime")).isEqualTo(true);
        assertThat(newest.name()).as("another source is another instance").isNotEqualTo(restored.name());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"snapshot\":\"s1\",\"pointInTime\":{\"source\":\"naas-prod-db\",\"time\":\"latest\"}}|naas:database.restoreFrom.snapshot|exactly one",
            "{}|naas:database.restoreFrom.snapshot|exactly one",
            "{\"snapshot\":\"my snapshot\"}|naas:database.restoreFrom.snapshot|DB snapshot identifier",
            "{\"pointInTime\":{\"source\":\"naas-prod-db\",\"time\":\"yesterday\"}}|naas:database.restoreFrom.pointInTime.time|UTC instant",
            "{\"pointInTime\":{\"time\":\"latest\"}}|naas:database.restoreFrom.pointInTime.source|RDS instance identifier",
    })
    void badDatabaseRestoresAreRefusedNamingTheKey(String raw, String key, String problem) {
        assertThatThrownBy(() -> StackPlans.of("dev", OperationsConfig.with("dev", "naas:database", Map.of("restoreFrom", raw))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key + ": ")
                .hasMessageContaining(problem);
    }

    @Test
    void aRestoredFileSystemIsMountedAndUsedWhileTheOldOneIsUntouched() {
        String restoredId = "fs-0123456789abcdef0";
        var before = StackPlans.of("prod");
        var after = StackPlans.of("prod", OperationsConfig.with("prod", "naas:sharedFiles", Map.of("restoreFrom",
                "{\"recoveryPoint\":\"arn:aws:backup:eu-west-3:123456789012:recovery-point:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d\","
                        + "\"fileSystemId\":\"" + restoredId + "\"}")));

        var old = before.ofType("aws:efs/fileSystem:FileSystem").get(0);
        assertThat(after.byUrn(old.urn()).inputs()).isEqualTo(old.inputs());
        var mounts = after.ofType("aws:efs/mountTarget:MountTarget");
        assertThat(mounts).filteredOn(m -> m.requireInput("fileSystemId").equals(restoredId))
                .extracting(m -> m.requireInput("subnetId"))
                .containsExactlyInAnyOrderElementsOf(before.ofType("aws:efs/mountTarget:MountTarget").stream()
                        .map(m -> m.requireInput("subnetId")).toList());
        assertThat(mounts).filteredOn(m -> m.requireInput("fileSystemId").equals(old.id())).hasSize(3);

        var volume = after.ofType("kubernetes:core/v1:PersistentVolume").get(0);
        assertThat(volume.requireInput("spec.csi.volumeHandle")).isEqualTo(restoredId);
        assertThat(after.resource("aws:cloudwatch/metricAlarm:MetricAlarm", "naas-prod-files-io-limit")
                .requireInput("dimensions.FileSystemId")).isEqualTo(restoredId);
        assertThat((List<Object>) after.ofType("aws:backup/selection:Selection").get(0).requireInput("resources"))
                .anySatisfy(arn -> assertThat((String) arn).endsWith(":file-system/" + restoredId))
                .noneSatisfy(arn -> assertThat(arn).isEqualTo(old.output("arn").orElseThrow()));
        assertThat(after.outputs().get("fileSystemId")).isEqualTo(restoredId);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"recoveryPoint\":\"rp-1\",\"fileSystemId\":\"fs-0123456789abcdef0\"}|naas:sharedFiles.restoreFrom.recoveryPoint|recovery point ARN",
            "{\"recoveryPoint\":\"arn:aws:backup:eu-west-3:123456789012:recovery-point:abc\"}|naas:sharedFiles.restoreFrom.fileSystemId|restore job created",
    })
    void badFileSystemRestoresAreRefusedNamingTheKey(String raw, String key, String problem) {
        assertThatThrownBy(() -> StackPlans.of("dev", OperationsConfig.with("dev", "naas:sharedFiles", Map.of("restoreFrom", raw))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(key + ": ")
                .hasMessageContaining(problem);
    }
}
