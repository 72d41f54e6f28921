package ai.naas.aws.plan;

import java.util.List;
import java.util.ArrayList;

/**
 * The program under the offline engine failed: it threw, or logged errors through the engine.
 */
public final class ProgramFailedException extends RuntimeException {

    private final transient List<Exception> exceptions;
    private final transient List<PlannedResource> registered;
    private final List<String> engineErrors;

    ProgramFailedException(List<Exception> exceptions, List<String> engineErrors, List<PlannedResource> registered) {
        super(describe(exceptions, engineErrors), exceptions.isEmpty() ? null : exceptions.get(0));
        this.exceptions = List.copyOf(exceptions);
        this.registered = List.copyOf(registered);
        this.engineErrors = List.copyOf(engineErrors);
    }

    /** What the SDK reported to the engine: what {@code pulumi up} would print. */
    public List<String> engineErrors() {
        return engineErrors;
    }

    /** What the program had registered before it failed. */
    public List<PlannedResource> registered() {
        return registered;
    }

    /** What the program threw, in order. */
    public List<Exception> exceptions() {
        return exceptions;
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    private static String describe(List<Exception> exceptions, List<String> engineErrors) {
        var parts = new ArrayList<String>();
        exceptions.forEach(e -> parts.add(e.getMessage() == null ? e.toString() : firstLine(e.getMessage())));
        // The engine's log repeats the exceptions with stack traces; keep only errors it adds.
        engineErrors.stream().map(ProgramFailedException::firstLine)
                .filter(line -> !line.startsWith("Running program") && !parts.contains(line)).forEach(parts::add);
        return parts.isEmpty() ? "the program exited with an error" : String.join("; ", parts);
    }
}
