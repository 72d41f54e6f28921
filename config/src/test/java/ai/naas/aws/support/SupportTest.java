package ai.naas.aws.support;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The helpers every layer shares: Outputs gathered in order, canonical JSON, SHA-256.
 */
class SupportTest {

    @Test
    void aMapOfOutputsBecomesOneOutputOfTheMapInItsKeyOrder() throws Exception {
        var entries = new LinkedHashMap<String, Output<String>>();
        entries.put("zeta", Output.of("1"));
        entries.put("alpha", Output.of("2"));
        var all = Internal.of(Outputs.allOf(entries)).getValueNullable().get();
        assertThat(all).containsExactly(Map.entry("zeta", "1"), Map.entry("alpha", "2"));
    }

    @Test
    void concatKeepsOrderAndGivesAnImmutableList() {
        var all = Outputs.concat(List.of(1, 2), List.of(3), List.<Integer>of());
        assertThat(all).containsExactly(1, 2, 3);
        assertThat(all).isUnmodifiable();
    }

    @Test
    void jsonSortsKeysAtEveryDepthSoEqualMapsGiveEqualBytes() {
        var one = new LinkedHashMap<String, Object>();
        one.put("b", Map.of("y", 1, "x", 2));
        one.put("a", List.of(Map.of("d", 1, "c", 2)));
        var other = new LinkedHashMap<String, Object>();
        other.put("a", List.of(Map.of("c", 2, "d", 1)));
        other.put("b", Map.of("x", 2, "y", 1));
        assertThat(Json.write(one)).isEqualTo("{\"a\":[{\"c\":2,\"d\":1}],\"b\":{\"x\":2,\"y\":1}}");
        assertThat(Json.write(other)).isEqualTo(Json.write(one));
    }

    @Test
    void sha256IsTheStandardDigest() {
        // FIPS 180-2 test vector for "abc".
        assertThat(Digests.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
