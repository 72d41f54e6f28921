package ai.naas.aws.infra.sftp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * sshd_config text read the way sshd reads it: one directive a line ({@code keyword arguments}, keyword
 * case-insensitive), comments and blank lines ignored, every line after {@code Match criteria} belonging to that
 * block. Also reads the output of {@code sshd -T}, which has the same shape.
 */
final class SshdConfigDirectives {

    private final Map<String, List<String>> global = new LinkedHashMap<>();
    private final Map<String, Map<String, List<String>>> matches = new LinkedHashMap<>();

    private SshdConfigDirectives() {
    }

    static SshdConfigDirectives parse(String text) {
        SshdConfigDirectives config = new SshdConfigDirectives();
        Map<String, List<String>> section = config.global;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String keyword = parts[0].toLowerCase();
            String arguments = parts.length == 2 ? parts[1] : "";
            if (keyword.equals("match")) {
                section = new LinkedHashMap<>();
                config.matches.put(arguments, section);
            } else {
                section.computeIfAbsent(keyword, k -> new ArrayList<>()).add(arguments);
            }
        }
        return config;
    }

    /** Every value of a global directive, in order. */
    List<String> all(String keyword) {
        return global.getOrDefault(keyword.toLowerCase(), List.of());
    }

    /** The value of a global directive that must appear exactly once (sshd takes the first of several). */
    String one(String keyword) {
        assertThat(all(keyword)).as("occurrences of %s", keyword).hasSize(1);
        return all(keyword).get(0);
    }

    /** The global keywords, lower case, in order of first appearance. */
    List<String> keywords() {
        return List.copyOf(global.keySet());
    }

    /** The Match blocks: criteria to their directives (keyword, lower case, to values). */
    Map<String, Map<String, List<String>>> matches() {
        return matches;
    }
}
