package ai.naas.aws.platform.spi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An app gets what it declared, and a clear message for what it did not.
 */
class AppContextTest {

    private static final Placement JUPYTER = new Placement(Map.of("pool", "jupyter"),
            List.of(Map.of("key", "dedicated", "operator", "Equal", "value", "user", "effect", "NoSchedule")));

    private static AppContext<String> bare() {
        return new AppContext<>("greeter", "settings", "greeter", null, null, List.of(),
                Map.of(Pool.JUPYTER, JUPYTER), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Map.of());
    }

    @Test
    void anAppThatUsesANeedItDidNotDeclareIsToldWhichOne() {
        var context = bare();
        assertThatThrownBy(context::database).hasMessage("app greeter uses DATABASE but does not declare it in needs()");
        assertThatThrownBy(context::homes).hasMessage("app greeter uses SHARED_HOMES but does not declare it in needs()");
        assertThatThrownBy(context::ingress).hasMessage("app greeter uses INGRESS but does not declare it in needs()");
    }

    @Test
    void anAppThatReadsASecretItDidNotDeclareIsToldWhichOne() {
        assertThatThrownBy(() -> bare().secret("apiToken"))
                .hasMessage("app greeter reads secret 'apiToken' but does not declare it in secretNames()");
        assertThat(bare().optionalSecret("sentryDsn")).isEmpty();
    }

    @Test
    void anAppIsPlacedOnAPoolAsThePlatformSaysAndToldWhenThePlatformGaveNone() {
        assertThat(bare().placement(Pool.JUPYTER)).isSameAs(JUPYTER);
        assertThatThrownBy(() -> bare().placement(Pool.NAAS))
                .hasMessage("the platform gave app greeter no placement on pool NAAS");
    }

    @Test
    void anotherAppIsReachedAtItsPublicUrlWhenItHasOne() {
        var internal = new Endpoint("naas", "naas-screenshot", 9000);
        assertThat(internal.urlForUsers()).isEqualTo("http://naas-screenshot.naas.svc.cluster.local:9000");
        assertThat(internal.withPublicUrl("https://public.example.com").urlForUsers()).isEqualTo("https://public.example.com");
    }
}
