package ai.naas.aws.plan;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Pulumi's wire values (protobuf structs with special signatures) into plain maps and lists for
 * printing, so that a secret can never be printed: it reads {@value #SECRET}.
 */
public final class WireValues {

    /** What a secret value reads as, everywhere in a plan. */
    public static final String SECRET = "[secret]";
    /** What a value that is not known until the real deployment reads as. */
    public static final String UNKNOWN = "[unknown]";

    // Pulumi's RPC signatures (sdk/go/common/resource/properties.go): part of the wire protocol, not the SDK.
    private static final String SIG_KEY = "4dabf18193072939515e22adb298388d";
    private static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    private static final String RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
    private static final String ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
    private static final String ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
    private static final String OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
    private static final String UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    private WireValues() {
    }

    /** A struct as a plain map, secrets masked. */
    public static Map<String, Object> toMap(Struct struct) {
        var map = new LinkedHashMap<String, Object>();
        struct.getFieldsMap().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> map.put(e.getKey(), toJava(e.getValue())));
        return map;
    }

    /** Whether a wire value is, or holds anywhere inside, a secret. */
    public static boolean holdsSecret(Value value) {
        return switch (value.getKindCase()) {
            case STRUCT_VALUE -> isSecret(value.getStructValue())
                    || value.getStructValue().getFieldsMap().values().stream().anyMatch(WireValues::holdsSecret)
                    || isSecretOutput(value.getStructValue());
            case LIST_VALUE -> value.getListValue().getValuesList().stream().anyMatch(WireValues::holdsSecret);
            default -> false;
        };
    }

    private static Object toJava(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case BOOL_VALUE -> value.getBoolValue();
            case NUMBER_VALUE -> number(value.getNumberValue());
            case STRING_VALUE -> UNKNOWN_VALUE.equals(value.getStringValue()) ? UNKNOWN : value.getStringValue();
            case LIST_VALUE -> toList(value.getListValue());
            case STRUCT_VALUE -> fromStruct(value.getStructValue());
        };
    }

    private static Object fromStruct(Struct struct) {
        var fields = struct.getFieldsMap();
        var sig = fields.get(SIG_KEY);
        if (sig == null) {
            return toMap(struct);
        }
        return switch (sig.getStringValue()) {
            case SECRET_SIG -> SECRET;
            case RESOURCE_SIG -> fields.get("urn").getStringValue();
            case ASSET_SIG, ARCHIVE_SIG -> fields.containsKey("path") ? fields.get("path").getStringValue()
                    : fields.containsKey("uri") ? fields.get("uri").getStringValue() : "[asset]";
            case OUTPUT_SIG -> isSecretOutput(struct) ? SECRET
                    : fields.containsKey("value") ? toJava(fields.get("value")) : UNKNOWN;
            default -> toMap(struct);
        };
    }

    private static boolean isSecret(Struct struct) {
        var sig = struct.getFieldsMap().get(SIG_KEY);
        return sig != null && SECRET_SIG.equals(sig.getStringValue());
    }

    private static boolean isSecretOutput(Struct struct) {
        var fields = struct.getFieldsMap();
        var sig = fields.get(SIG_KEY);
        return sig != null && OUTPUT_SIG.equals(sig.getStringValue())
                && fields.containsKey("secret") && fields.get("secret").getBoolValue();
    }

    private static List<Object> toList(ListValue list) {
        var out = new ArrayList<>(list.getValuesCount());
        for (Value v : list.getValuesList()) {
            out.add(toJava(v));
        }
        return out;
    }

    /** Whole numbers print as integers, as they were written in the program. */
    private static Object number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
    }

    /** The value at a dotted path through nested maps; a numeric segment indexes a list. */
    public static Optional<Object> at(Map<String, Object> root, String path) {
        Object current = root;
        for (String segment : path.split("\\.")) {
            if (current instanceof Map<?, ?> map && map.containsKey(segment)) {
                current = map.get(segment);
            } else if (current instanceof List<?> list && segment.matches("\\d+")
                    && Integer.parseInt(segment) < list.size()) {
                current = list.get(Integer.parseInt(segment));
            } else {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(current);
    }

    /** An unmodifiable copy that keeps order and allows null values (which inputs have). */
    static Map<String, Object> unmodifiable(Map<String, Object> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
