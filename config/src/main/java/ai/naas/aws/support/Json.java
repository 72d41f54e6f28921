package ai.naas.aws.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.UncheckedIOException;

/**
 * The one JSON writer for what the programs hand to AWS, Kubernetes or a reader. Two orders:
 * <ul>
 *   <li>canonical ({@link #write}, {@link #writePretty}): map keys sorted at every depth, so the same inputs always
 *       give the same bytes (a changed byte would show as a diff in every {@code pulumi preview});</li>
 *   <li>as built ({@link #writeInOrder}, {@link #report}): records in their declared order, maps in their own order,
 *       for documents whose order is conventional (an IAM policy's {@code Version} before its {@code Statement})
 *       and for reports a person reads top-down (a plan, a diff, a policy or cost report).</li>
 * </ul>
 */
public final class Json {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();
    private static final ObjectMapper AS_BUILT = JsonMapper.builder().build();

    private Json() {
    }

    /** {@code value} as compact JSON, keys sorted. */
    public static String write(Object value) {
        return serialise(CANONICAL.writer(), value);
    }

    /** {@code value} as indented JSON, keys sorted. */
    public static String writePretty(Object value) {
        return serialise(CANONICAL.writerWithDefaultPrettyPrinter(), value);
    }

    /** {@code value} as compact JSON in its own order: for a builder that ordered it on purpose. */
    public static String writeInOrder(Object value) {
        return serialise(AS_BUILT.writer(), value);
    }

    /** {@code value} as an indented report in its own order, ending with a newline: what a command prints. */
    public static String report(Object value) {
        return serialise(AS_BUILT.writerWithDefaultPrettyPrinter(), value) + "\n";
    }

    private static String serialise(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared mapper, for reading and for building trees. */
    public static ObjectMapper mapper() {
        return CANONICAL;
    }
}
