package ai.naas.aws.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.UncheckedIOException;

/**
 * The one JSON writer for what the programs hand to AWS, Kubernetes or a reader: map keys sorted at every
 * depth, so the same inputs always give the same bytes (a changed byte would show as a diff in every
 * {@code pulumi preview}).
 */
public final class Json {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    private Json() {
    }

    /** {@code value} as compact JSON, keys sorted. */
    public static String write(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code value} as indented JSON, keys sorted. */
    public static String writePretty(Object value) {
        try {
            return CANONICAL.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared mapper, for reading. */
    public static ObjectMapper mapper() {
        return CANONICAL;
    }
}
