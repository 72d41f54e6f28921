package ai.naas.aws.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The platform's user-name rule against the upstream code: a name is admitted exactly when its Jupyter home
 * sub-path, its pod's (and so its DNS) name and the Naas runner's URL are all the name itself.
 * Each side is computed with {@link UpstreamSlugs}, which is first checked against the vectors that
 * KubeSpawner 7.0.0's and escapism's own code produced ({@code usernames/SOURCE.md}).
 */
class UserNamesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> upstreamVectors() throws IOException {
        var vectors = new ArrayList<JsonNode>();
        vectors.addAll(read("usernames/kubespawner-7.0.0-vectors.jsonl"));
        vectors.addAll(read("usernames/corpus-vectors.jsonl"));
        return vectors;
    }

    static List<JsonNode> corpus() throws IOException {
        return read("usernames/corpus-vectors.jsonl");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreamVectors")
    void theJavaPortComputesWhatKubeSpawnerAndEscapismCompute(JsonNode vector) {
        String name = vector.get("name").asText();
        if (vector.has("server")) {
            // Named servers are not used by the platform; their vectors only show that {username} stays the name.
            assertThat(UpstreamSlugs.username(name)).isEqualTo(vector.get("{username}").asText());
            return;
        }
        assertThat(UpstreamSlugs.username(name)).isEqualTo(vector.get("{username}").asText());
        assertThat(UpstreamSlugs.userServer(name)).isEqualTo(vector.get("{user_server}").asText());
        assertThat(UpstreamSlugs.expand("jupyter-{user_server}", name)).isEqualTo(vector.get("pod_name").asText());
        assertThat(UpstreamSlugs.expand("claim-{user_server}", name)).isEqualTo(vector.get("pvc_name").asText());
        assertThat(UpstreamSlugs.expand("home/{username}", name)).isEqualTo(vector.get("subPath home/{username}").asText());
        assertThat(UpstreamSlugs.label(name)).isEqualTo(vector.get("label hub.jupyter.org/username").asText());
        if (vector.has("runner escape_kubernet")) {
            assertThat(UpstreamSlugs.runnerEscape(name)).isEqualTo(vector.get("runner escape_kubernet").asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aNameIsAdmittedExactlyWhenHomePodDnsNameAndRunnerUrlAreAllTheName(JsonNode vector) {
        String name = vector.get("name").asText();
        boolean everySideIsTheName = sidesAreTheName(name);
        assertThat(UserNames.isValid(name)).as("admitted '%s'", name).isEqualTo(everySideIsTheName);
        // The same, from the upstream code's own output rather than the port:
        boolean upstream = vector.get("subPath home/{username}").asText().equals("home/" + name)
                && vector.get("pod_name").asText().equals("jupyter-" + name)
                && vector.get("runner escape_kubernet").asText().equals(name);
        assertThat(UserNames.isValid(name)).as("admitted '%s' (upstream output)", name).isEqualTo(upstream);
        if (everySideIsTheName) {
            assertThat(("jupyter-" + name).length()).as("the pod name is one DNS label").isLessThanOrEqualTo(63);
        }
    }

    @Test
    void theCorpusCoversEveryKindOfNameTheIssueNames() throws IOException {
        var names = corpus().stream().map(v -> v.get("name").asText()).toList();
        assertThat(names).contains("jane.doe", "jane-doe", "partner_etl", "Jane", "1user", "émilie",
                "user@example.com", "a".repeat(46), "a".repeat(47), "a".repeat(48));
        assertThat(names.stream().filter(UserNames::isValid)).as("some names are admitted").isNotEmpty();
        assertThat(names).as("the longest admitted name is in the corpus").contains("j" + "0".repeat(45));
    }

    @Test
    void theRuleAgreesWithThePortOnManyGeneratedNames() {
        var random = new Random(20261202);
        String alphabet = "abcxyz0189-._@AZé ";
        for (int i = 0; i < 20_000; i++) {
            int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 60 : 8);
            var name = new StringBuilder();
            for (int j = 0; j < length; j++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String n = name.toString();
            assertThat(UserNames.isValid(n)).as("admitted '%s'", n).isEqualTo(sidesAreTheName(n));
        }
    }

    @Test
    void aRefusalSaysTheRuleAndTheClosestValidName() {
        assertThatThrownBy(() -> UserNames.check("users[2].name", "partner_etl"))
                .isInstanceOf(InvalidSetting.class)
                .hasMessageStartingWith("users[2].name: must be a platform user name: 1 to 46 lowercase letters")
                .hasMessageEndingWith("got 'partner_etl'; the closest valid name is 'partneretl'");
        assertThatThrownBy(() -> UserNames.check("name", "_"))
                .hasMessageEndingWith("got '_'");
        assertThatThrownBy(() -> UserNames.check("name", ""))
                .hasMessage("name: is required but not set");
        assertThat(UserNames.check("name", "jane")).isEqualTo("jane");
    }

    @Test
    void thePatternMeansTheSameToPythonsReMatchAsToJava() {
        // JupyterHub applies username_pattern with re.match (start anchor only): the pattern must carry both anchors.
        assertThat(UserNames.PATTERN).startsWith("^").endsWith("$");
    }

    private static boolean sidesAreTheName(String name) {
        return UpstreamSlugs.expand("home/{username}", name).equals("home/" + name)
                && UpstreamSlugs.expand("jupyter-{user_server}", name).equals("jupyter-" + name)
                && UpstreamSlugs.runnerEscape(name).equals(name);
    }

    private static List<JsonNode> read(String resource) throws IOException {
        try (var in = UserNamesTest.class.getClassLoader().getResourceAsStream(resource)) {
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            var lines = new ArrayList<JsonNode>();
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(JSON.readTree(line));
            }
            return lines;
        }
    }
}
