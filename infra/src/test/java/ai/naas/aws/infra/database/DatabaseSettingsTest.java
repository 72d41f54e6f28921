package ai.naas.aws.infra.database;

import ai.naas.aws.config.InvalidSetting;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code naas:database}: storage autoscaling as RDS accepts it. The rule, from the RDS User Guide ("Managing
 * capacity automatically with Amazon RDS storage autoscaling"): "You must set the maximum storage threshold to
 * at least 10% more than the current allocated storage ... if you have DB instance with 1000 GiB of allocated
 * storage, then set the maximum storage threshold to at least 1100 GiB. If you don't, you get an error such as
 * Invalid max storage size".
 */
class DatabaseSettingsTest {

    @Test
    void theUserGuidesOwnExample() {
        assertThat(storage(1000, 1100).maxAllocatedStorageGiB()).isEqualTo(1100);

        InvalidSetting refusal = catchThrowableOfType(InvalidSetting.class, () -> storage(1000, 1099));

        assertThat(refusal.field()).isEqualTo("maxAllocatedStorageGiB");
        assertThat(refusal.problem()).contains("at least 10% above allocatedStorageGiB (1000)", "at least 1100",
                "got 1099");
    }

    @Test
    void aCeilingEqualToTheAllocatedStorageIsRefusedNamingTheLowestValidOne() {
        InvalidSetting refusal = catchThrowableOfType(InvalidSetting.class, () -> storage(20, 20));

        assertThat(refusal.field()).isEqualTo("maxAllocatedStorageGiB");
        assertThat(refusal.problem()).contains("at least 22");
    }

    @Test
    void tenPercentIsRoundedUpToAWholeGib() {
        // 10% of 55 GiB is 5.5 GiB: 60 GiB is not enough room, 61 is.
        assertThat(catchThrowableOfType(InvalidSetting.class, () -> storage(55, 60)).problem()).contains("at least 61");
        assertThat(storage(55, 61).maxAllocatedStorageGiB()).isEqualTo(61);
    }

    @Test
    void theDefaultCeilingIsFourTimesTheStorageAndAlwaysValid() {
        assertThat(DatabaseSettings.defaults().maxAllocatedStorageGiB()).isEqualTo(200);
        assertThat(storage(20000, null).maxAllocatedStorageGiB()).isEqualTo(DatabaseSettings.MAX_STORAGE_GIB);
        assertThat(storage(59578, null).maxAllocatedStorageGiB()).isEqualTo(65536);
    }

    @Test
    void storageThatLeavesAutoscalingNoRoomBelowRdsLargestVolumeIsRefused() {
        assertThat(catchThrowableOfType(InvalidSetting.class, () -> storage(59579, null)).field())
                .isEqualTo("allocatedStorageGiB");
        assertThat(catchThrowableOfType(InvalidSetting.class, () -> storage(100, 65537)).field())
                .isEqualTo("maxAllocatedStorageGiB");
    }

    private static DatabaseSettings storage(int allocated, Integer max) {
        return new DatabaseSettings(null, null, allocated, max, null, null);
    }
}
