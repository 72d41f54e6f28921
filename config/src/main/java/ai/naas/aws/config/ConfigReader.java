package ai.naas.aws.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads stack config into validated settings records, strictly: unknown fields, wrong types and values
 * a record rejects all become a {@link ConfigException} that names the full key.
 *
 * <p>Each config section is one key holding an object ({@code naas:network: {cidr: ..., zones: [...]}}),
 * bound to a record whose compact constructor validates it and fills documented defaults.
 */
public final class ConfigReader {

    private static final ObjectMapper STRICT = strictMapper();

    private final ConfigSource source;

    public ConfigReader(ConfigSource source) {
        this.source = source;
    }

    /** The section at {@code fullKey}, which must be set. */
    public <T> T required(String fullKey, Class<T> type) {
        return parse(fullKey, source.get(fullKey).orElseThrow(() -> missing(fullKey)), type);
    }

    /** The section at {@code fullKey}, or {@code defaults} when it is not set. */
    public <T> T optional(String fullKey, Class<T> type, Supplier<T> defaults) {
        return source.get(fullKey).map(raw -> parse(fullKey, raw, type)).orElseGet(() -> {
            try {
                return defaults.get();
            } catch (InvalidSetting e) {
                throw new ConfigException(fullKey + "." + e.field(), e.problem());
            }
        });
    }

    /** Whether {@code fullKey} is set at all, whatever its value (e.g. to refuse a key that moved). */
    public boolean isSet(String fullKey) {
        return source.get(fullKey).isPresent();
    }

    /** A plain text value that must be set, e.g. {@code aws:region}. */
    public String requiredText(String fullKey) {
        var value = source.get(fullKey).orElseThrow(() -> missing(fullKey));
        if (value.isBlank()) {
            throw new ConfigException(fullKey, "must not be empty");
        }
        return value;
    }

    /** An AWS region that must be set, e.g. {@code aws:region}. */
    public String requiredRegion(String fullKey) {
        String region = requiredText(fullKey);
        if (!AwsRegions.isRegion(region)) {
            throw new ConfigException(fullKey, "must be an AWS region like eu-west-3, got '" + region + "'");
        }
        return region;
    }

    /** A secret that must be set, and set as a secret. */
    public Secret requiredSecret(String fullKey) {
        return optionalSecret(fullKey).orElseThrow(() -> new ConfigException(fullKey,
                "is required; set it with: pulumi config set --secret " + fullKey + " <value>"));
    }

    /** A secret that may be absent; when present it must have been set as a secret. */
    public Optional<Secret> optionalSecret(String fullKey) {
        var value = source.get(fullKey);
        if (value.isPresent() && !source.isSecret(fullKey)) {
            throw new ConfigException(fullKey, "must be a secret, not plain text; set it with: "
                    + "pulumi config set --secret " + fullKey + " <value>");
        }
        return value.map(Secret::new);
    }

    private static ConfigException missing(String fullKey) {
        return new ConfigException(fullKey, "is required but not set");
    }

    private static <T> T parse(String fullKey, String raw, Class<T> type) {
        try {
            return STRICT.readValue(raw, type);
        } catch (ValueInstantiationException e) {
            var setting = rootCause(e, InvalidSetting.class);
            if (setting != null) {
                throw new ConfigException(join(key(fullKey, e.getPath()), setting.field()), setting.problem());
            }
            throw new ConfigException(key(fullKey, e.getPath()), firstLine(e.getOriginalMessage()));
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(key(fullKey, e.getPath()), "unknown setting"
                    + Suggestions.didYouMean(e.getPropertyName(), e.getKnownPropertyIds().stream().map(String::valueOf).toList())
                    + "; known settings are " + known(e.getKnownPropertyIds()));
        } catch (InvalidFormatException e) {
            throw new ConfigException(key(fullKey, e.getPath()),
                    "must be " + describe(e.getTargetType()) + ", got " + quote(e.getValue()));
        } catch (MismatchedInputException e) {
            throw new ConfigException(key(fullKey, e.getPath()), "must be " + describe(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw new ConfigException(fullKey, "is not a valid value: " + firstLine(e.getOriginalMessage()));
        }
    }

    private static String key(String fullKey, List<JsonMappingException.Reference> path) {
        var key = new StringBuilder(fullKey);
        for (var ref : path) {
            if (ref.getFieldName() != null) {
                key.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                key.append('[').append(ref.getIndex()).append(']');
            }
        }
        return key.toString();
    }

    private static String join(String key, String field) {
        return field.startsWith("[") ? key + field : key + "." + field;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> STRICT.convertValue(c, String.class)).collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static String known(Collection<Object> ids) {
        return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String quote(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static <E extends Throwable> E rootCause(Throwable t, Class<E> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static ObjectMapper strictMapper() {
        var mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        // "3" is not a number and 3 is not text: a wrong type is an error, not a guess.
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
