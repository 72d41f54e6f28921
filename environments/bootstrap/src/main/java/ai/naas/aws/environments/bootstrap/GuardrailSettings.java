package ai.naas.aws.environments.bootstrap;

import ai.naas.aws.config.AwsRegions;
import ai.naas.aws.config.InvalidSetting;
import ai.naas.aws.config.Settings;

import java.util.ArrayList;
import java.util.List;

/**
 * Account defaults that make the safe choice the default one: config key {@code naas-bootstrap:guardrails}.
 * In each region: EBS encryption by default with a key of the account, and IMDSv2 required for new
 * instances; account-wide: S3's public access block.
 *
 * @param regions     every region a stack of this account runs in, each once; both defaults are per region,
 *                    so a region missing here keeps AWS's (unencrypted volumes, IMDSv1 allowed). The
 *                    bootstrap's own region ({@code aws:region}) is always included. @default [aws:region]
 * @param imdsHopLimit the default IMDSv2 response hop limit for new instances, 1 or 2. 1 keeps instance
 *                    credentials on the instance: a container behind a bridge or another network namespace
 *                    cannot read them (the naas node groups and the SFTP host set 1 themselves, pods use IRSA).
 *                    2 is for instances whose containers must reach IMDS. @default 1
 */
public record GuardrailSettings(List<String> regions, Integer imdsHopLimit) {

    public GuardrailSettings {
        regions = Settings.listOf("regions", Settings.orDefault(regions, List.of()));
        for (int i = 0; i < regions.size(); i++) {
            AwsRegions.region("regions[" + i + "]", regions.get(i));
            int first = regions.indexOf(regions.get(i));
            if (first != i) {
                throw new InvalidSetting("regions[" + i + "]", "'" + regions.get(i) + "' is already regions[" + first + "]");
            }
        }
        imdsHopLimit = Settings.inRange("imdsHopLimit", Settings.orDefault(imdsHopLimit, 1), 1, 2);
    }

    /** The defaults: the bootstrap's own region only, hop limit 1. */
    public static GuardrailSettings defaults() {
        return new GuardrailSettings(null, null);
    }

    /** The regions to guard: {@code home} first, then the others given. */
    public List<String> regionsWith(String home) {
        var all = new ArrayList<String>();
        all.add(home);
        regions.stream().filter(r -> !r.equals(home)).forEach(all::add);
        return List.copyOf(all);
    }
}
