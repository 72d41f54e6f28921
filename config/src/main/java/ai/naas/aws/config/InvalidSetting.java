package ai.naas.aws.config;

/**
 * Thrown by a settings record's constructor when one of its fields is wrong. The reader turns it into a
 * {@link ConfigException} naming the full key: a record only knows its own field names.
 */
public final class InvalidSetting extends RuntimeException {

    private final String field;

    /**
     * @param field   the field's path relative to the record, e.g. {@code cidr} or {@code users[2].name}
     * @param problem what is wrong, e.g. {@code "must be a CIDR block like 10.0.0.0/16, got 10.0.0/16"}
     */
    public InvalidSetting(String field, String problem) {
        super(field + ": " + problem, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return getMessage().substring(field.length() + 2);
    }
}
