package ai.naas.aws.infra.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A text file from this package's resources with {@code {{name}}} placeholders: the SFTP host's
 * {@code sshd_config}, set-up script and user data live as files, so that they read as what they are and
 * {@code shellcheck} can check them, while the values come from stack config.
 *
 * <p>{@link #render} replaces each placeholder in one pass (a value is never scanned for placeholders, so a
 * value can hold {@code {{}}} safely) and refuses a placeholder it has no value for.
 */
final class Template {

    private final String name;
    private final String text;

    private Template(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** The resource {@code name} next to this class, as UTF-8. */
    static Template load(String name) {
        try (InputStream in = Template.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("template " + name + " is not on the class path");
            }
            return new Template(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name, e);
        }
    }

    /** The text with each {@code {{key}}} replaced by its value; every placeholder must have one. */
    String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int open = text.indexOf("{{"); open >= 0; open = text.indexOf("{{", from)) {
            int close = text.indexOf("}}", open);
            if (close < 0) {
                throw new IllegalStateException(name + ": '{{' without '}}' at offset " + open);
            }
            String value = values.get(text.substring(open + 2, close));
            if (value == null) {
                throw new IllegalStateException(name + ": no value for " + text.substring(open, close + 2));
            }
            out.append(text, from, open).append(value);
            from = close + 2;
        }
        return out.append(text.substring(from)).toString();
    }
}
