package ai.naas.aws.tools.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The prices kept in the repository ({@code tools/cli/src/main/resources/aws-prices.yaml}): per item and region,
 * the on-demand price in USD, its unit, its source and date, and whether it was verified. A price of
 * {@code null} is unknown.
 */
public final class PriceTable {

    /**
     * One price.
     *
     * @param item     e.g. {@code ec2:t3.large}, {@code ebs:gp3}, {@code rds:postgres:db.m6g.large:multi-az}
     * @param region   its region, or {@code *} for every region
     * @param unit     {@code hour}, {@code month}, {@code GB-month} or {@code GB}
     * @param usd      the price, or null when unknown
     * @param verified whether it was checked against AWS's price list
     * @param source   where it comes from
     * @param date     when it was taken
     */
    public record Price(String item, String region, String unit, Double usd, boolean verified, String source, String date) {

        /** Whether the price is known. */
        public boolean known() {
            return usd != null;
        }
    }

    private final Map<String, Price> prices;
    private final double hoursPerMonth;

    private PriceTable(Map<String, Price> prices, double hoursPerMonth) {
        this.prices = prices;
        this.hoursPerMonth = hoursPerMonth;
    }

    /** The table shipped with the command. */
    public static PriceTable bundled() {
        try (InputStream in = PriceTable.class.getResourceAsStream("/aws-prices.yaml")) {
            return parse(new YAMLMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled price table", e);
        }
    }

    static PriceTable parse(JsonNode root) {
        var prices = new LinkedHashMap<String, Price>();
        for (JsonNode p : root.path("prices")) {
            var price = new Price(p.path("item").asText(), p.path("region").asText(), p.path("unit").asText(),
                    p.path("usd").isNumber() ? p.path("usd").asDouble() : null, p.path("verified").asBoolean(false),
                    p.path("source").asText(), p.path("date").asText());
            prices.put(price.region() + "/" + price.item(), price);
        }
        return new PriceTable(prices, root.path("hoursPerMonth").asDouble(730));
    }

    /** Hours in a month: what an hourly price is multiplied by. */
    public double hoursPerMonth() {
        return hoursPerMonth;
    }

    /** The price of {@code item} in {@code region} (or in every region), if the table lists it at all. */
    public Optional<Price> find(String item, String region) {
        return Optional.ofNullable(prices.getOrDefault(region + "/" + item, prices.get("*/" + item)));
    }

    /** The price, or an unknown price when the table does not list the item. */
    public Price get(String item, String region) {
        return find(item, region).orElseGet(() -> new Price(item, region, "?", null, false, "not in the price table", ""));
    }
}
