package ai.naas.aws.tools;

import ai.naas.aws.support.Json;
import ai.naas.aws.config.ConfigException;
import ai.naas.aws.tools.cost.CostEstimate;
import ai.naas.aws.tools.cost.PriceTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code naas cost}: a stack's monthly on-demand cost at its floor and its ceiling, per layer, from its offline plan
 * and the price table kept in the repository (see {@link CostEstimate}). What Infracost does for Terraform.
 */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = {"Estimates a stack's monthly on-demand cost from its offline plan and the repository's price table:",
                "the floor (every group at its minimum) and the ceiling (at its maximum), per layer. Unknown prices are",
                "listed and left out of the totals; usage-based charges are listed with their unit price."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:estimated", "2:bad input: stack config, option", "1:the program failed for another reason"})
final class CostCommand implements Callable<Integer> {

    /** How the estimate is written. */
    enum Format { text, json }

    @Mixin
    StackOptions stack;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var plan = stack.plan();
        var region = CostEstimate.regionOf(plan).orElseThrow(() -> new IllegalStateException(
                "the stack program exports no " + CostEstimate.REGION_OUTPUT));
        var estimate = CostEstimate.of(plan, PriceTable.bundled(), region);
        var out = spec.commandLine().getOut();
        out.print(format == Format.json ? json(estimate) : text(estimate));
        out.flush();
        return 0;
    }

    static String text(CostEstimate estimate) {
        var text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "stack %s (%s): USD per month, on-demand, before usage-based charges%n",
                estimate.plan().stack(), estimate.region()));
        text.append(String.format(Locale.ROOT, "%-16s %-34s %-48s %10s %10s%n", "layer", "resource", "what", "floor", "ceiling"));
        for (var line : estimate.lines()) {
            text.append(String.format(Locale.ROOT, "%-16s %-34s %-48s %10s %10s%n", line.layer(), line.resource(), line.what(),
                    money(line.floor()), money(line.ceiling())));
        }
        text.append(String.format(Locale.ROOT, "%nper layer:%n"));
        estimate.layers().forEach((layer, sum) -> text.append(sum(layer, sum)));
        text.append(sum("total", estimate.total()));
        if (!estimate.usage().isEmpty()) {
            text.append(String.format(Locale.ROOT, "%nusage-based, not in the totals:%n"));
            estimate.usage().forEach(u -> text.append(String.format(Locale.ROOT, "  %s %s: %s%n", u.layer(), u.resource(),
                    u.what() + " at " + (u.price().known() ? "$" + u.price().usd() + " per " + u.price().unit() : "an unknown price"))));
        }
        if (!estimate.unknownPrices().isEmpty()) {
            text.append(String.format(Locale.ROOT, "%nunknown prices (their lines are not in the totals):%n"));
            estimate.unknownPrices().forEach(p -> text.append(String.format(Locale.ROOT, "  %s in %s (%s)%n", p.item(), estimate.region(), p.source())));
        }
        if (!estimate.unverifiedPrices().isEmpty()) {
            text.append(String.format(Locale.ROOT, "%nprices used but not verified against AWS's price list (tools/cli/src/main/resources/aws-prices.yaml):%n"));
            estimate.unverifiedPrices().forEach(p -> text.append(String.format(Locale.ROOT, "  %s %s: $%s per %s (%s, %s)%n",
                    p.item(), p.region(), p.usd(), p.unit(), p.source(), p.date())));
        }
        return text.toString();
    }

    private static String sum(String label, CostEstimate.Sum sum) {
        return String.format(Locale.ROOT, "  %-16s %10.2f %10.2f%s%n", label, sum.floor(), sum.ceiling(),
                sum.complete() ? "" : "  + unknown (a price is missing)");
    }

    static String json(CostEstimate estimate) {
        var root = Json.mapper().createObjectNode();
        root.put("stack", estimate.plan().stack());
        root.put("region", estimate.region());
        root.put("currency", "USD");
        var total = root.putObject("total");
        total.put("floor", CostEstimate.round(estimate.total().floor())).put("ceiling", CostEstimate.round(estimate.total().ceiling()))
                .put("complete", estimate.total().complete());
        var layers = root.putObject("layers");
        estimate.layers().forEach((layer, sum) -> layers.putObject(layer).put("floor", CostEstimate.round(sum.floor()))
                .put("ceiling", CostEstimate.round(sum.ceiling())).put("complete", sum.complete()));
        var lines = root.putArray("lines");
        estimate.lines().forEach(l -> {
            var node = lines.addObject().put("layer", l.layer()).put("resource", l.resource()).put("what", l.what());
            if (l.known()) {
                node.put("floor", CostEstimate.round(l.floor())).put("ceiling", CostEstimate.round(l.ceiling()));
            } else {
                node.putNull("floor").putNull("ceiling");
            }
        });
        var usage = root.putArray("usage");
        estimate.usage().forEach(u -> usage.addObject().put("layer", u.layer()).put("resource", u.resource()).put("what", u.what())
                .put("price", u.price().usd()).put("unit", u.price().unit()));
        var unknown = root.putArray("unknownPrices");
        estimate.unknownPrices().forEach(p -> unknown.add(p.item()));
        var unverified = root.putArray("unverifiedPrices");
        estimate.unverifiedPrices().forEach(p -> unverified.add(p.item()));
        return Json.report(root);
    }


    private static String money(Double usd) {
        return usd == null ? "unknown" : String.format(Locale.ROOT, "%.2f", usd);
    }
}
