package ai.naas.aws.tools.cost;

import ai.naas.aws.plan.Plan;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Optional;

/**
 * How a change moves a stack's monthly on-demand cost: the {@link CostEstimate}s of the plans before and after it,
 * each priced in its own region. What {@code naas diff} adds under the resources that change.
 *
 * @param before the estimate of the plan before the change
 * @param after  the estimate of the plan after it
 */
public record CostChange(CostEstimate before, CostEstimate after) {

    /**
     * The change from {@code before} to {@code after}; empty when neither plan says its region (plans written
     * before stacks exported {@code region}). A plan without it is priced in the other's region.
     */
    public static Optional<CostChange> between(Plan before, Plan after, PriceTable prices) {
        Optional<String> afterRegion = CostEstimate.regionOf(after);
        Optional<String> beforeRegion = CostEstimate.regionOf(before).or(() -> afterRegion);
        if (beforeRegion.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CostChange(CostEstimate.of(before, prices, beforeRegion.get()),
                CostEstimate.of(after, prices, afterRegion.orElse(beforeRegion.get()))));
    }

    /** The two lines under a text diff. */
    public String text() {
        return String.format(Locale.ROOT, "%nMonthly on-demand cost (USD, before usage-based charges; naas cost for the lines):%n")
                + line("floor", before.total().floor(), after.total().floor(), "%n")
                + line("ceiling", before.total().ceiling(), after.total().ceiling(), "%n")
                + incomplete("%n");
    }

    /** A table under the markdown diff of a pull request. */
    public String markdown() {
        return String.format(Locale.ROOT, "%n**Monthly on-demand cost** (USD, before usage-based charges)%n%n"
                        + "| | before | after | change |%n|---|---:|---:|---:|%n")
                + row("floor", before.total().floor(), after.total().floor())
                + row("ceiling", before.total().ceiling(), after.total().ceiling())
                + incomplete("%n");
    }

    /** {@code {"before": {floor, ceiling, complete}, "after": {...}, "change": {floor, ceiling}}}. */
    public void writeTo(ObjectNode cost) {
        sum(cost.putObject("before"), before.total());
        sum(cost.putObject("after"), after.total());
        cost.putObject("change")
                .put("floor", CostEstimate.round(after.total().floor() - before.total().floor()))
                .put("ceiling", CostEstimate.round(after.total().ceiling() - before.total().ceiling()));
    }

    private static void sum(ObjectNode node, CostEstimate.Sum sum) {
        node.put("floor", CostEstimate.round(sum.floor())).put("ceiling", CostEstimate.round(sum.ceiling()))
                .put("complete", sum.complete());
    }

    private static String line(String label, double from, double to, String end) {
        return String.format(Locale.ROOT, "  %-8s %10.2f -> %10.2f  (%+.2f)" + end, label, from, to, to - from);
    }

    private static String row(String label, double from, double to) {
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %+.2f |%n", label, from, to, to - from);
    }

    /** Totals leave out lines whose price is unknown: say so rather than print a precise-looking wrong sum. */
    private String incomplete(String end) {
        return before.total().complete() && after.total().complete() ? ""
                : String.format(Locale.ROOT, "  (lower bounds: some prices are unknown)" + end);
    }
}
