package ai.naas.aws.infra.database;

import ai.naas.aws.config.InvalidSetting;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Where a restored database comes from: config key {@code naas:database.restoreFrom}, exactly one of
 * {@code {"snapshot": "<snapshot identifier or ARN>"}} or
 * {@code {"pointInTime": {"source": "<instance identifier>", "time": "<UTC instant or latest>"}}}.
 *
 * <p>Setting it makes the stack create a new RDS instance from that data, named after the source so that
 * restoring again from another source makes another instance, and wire the hub and the Naas services to
 * it; the instance the stack ran on before is left exactly as it was (still protected, still backed up by
 * RDS) until the runbook retires it.
 *
 * @param snapshot    a DB snapshot: a manual snapshot's identifier ({@code naas-prod-db-final}), an automated
 *                    one's ({@code rds:naas-prod-db-2026-12-01-03-10}) or a snapshot ARN. @default none
 * @param pointInTime a time within the source instance's backup retention. @default none
 */
public record DatabaseRestore(String snapshot, PointInTime pointInTime) {

    private static final String IDENTIFIER = "[a-zA-Z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*";

    public DatabaseRestore {
        if ((snapshot == null) == (pointInTime == null)) {
            throw new InvalidSetting("snapshot", "set exactly one of snapshot or pointInTime");
        }
        if (snapshot != null && !(snapshot.matches("(rds:)?" + IDENTIFIER) && snapshot.length() <= 255
                || snapshot.matches("arn:aws(-[a-z]+)*:rds:[a-z0-9-]+:\\d{12}:(cluster-)?snapshot:(rds:)?" + IDENTIFIER))) {
            throw new InvalidSetting("snapshot", "must be a DB snapshot identifier like naas-prod-db-final, "
                    + "rds:naas-prod-db-2026-12-01-03-10, or a snapshot ARN; got '" + snapshot + "'");
        }
    }

    /**
     * A point in time of an instance's automated backups.
     *
     * @param source the instance whose backups are restored, e.g. {@code naas-prod-db}. Required.
     * @param time   an ISO-8601 UTC instant like {@code 2026-12-01T09:30:00Z}, or {@code latest} for the latest
     *               restorable time. Required.
     */
    public record PointInTime(String source, String time) {
        public PointInTime {
            if (source == null || !source.matches(IDENTIFIER) || source.length() > 63) {
                throw new InvalidSetting("source", "must be an RDS instance identifier like naas-prod-db, got "
                        + (source == null ? "nothing" : "'" + source + "'"));
            }
            if (time == null) {
                throw new InvalidSetting("time", "is required: a UTC instant like 2026-12-01T09:30:00Z, or latest");
            }
            if (!"latest".equals(time)) {
                try {
                    Instant.parse(time);
                } catch (DateTimeParseException e) {
                    throw new InvalidSetting("time", "must be a UTC instant like 2026-12-01T09:30:00Z, or latest; got '"
                            + time + "'");
                }
            }
        }

        /** The instant, unless {@code latest}. */
        public Optional<String> instant() {
            return "latest".equals(time) ? Optional.empty() : Optional.of(Instant.parse(time).toString());
        }
    }

    /**
     * A short, stable tag of this source for the restored instance's name: another source is another
     * instance, never an in-place replacement of a protected one.
     */
    public String tag() {
        String seed = snapshot != null ? "snapshot:" + snapshot : "pit:" + pointInTime.source() + "@" + pointInTime.time();
        // String.hashCode is specified by the language, so the tag is the same on every JVM and run.
        return String.format("%08x", seed.hashCode());
    }
}
