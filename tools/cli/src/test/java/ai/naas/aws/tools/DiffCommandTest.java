package ai.naas.aws.tools;

import ai.naas.aws.environments.StackPlanner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static ai.naas.aws.tools.PlanCommandTest.naas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code naas diff}, the offline {@code pulumi preview --diff}: on a copy of the repository's dev stack in a
 * git repository of its own (a main branch, and a working tree that changes the stack file), and on saved plans.
 */
class DiffCommandTest {

    private static final Path ENVIRONMENTS = StackPlanner.findEnvironments(Path.of(""));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DB = "naas-dev-db";

    @Test
    void aStackFileChangeListsExactlyTheResourceItChangesWithTheInputOldAndNew(@TempDir Path repo) throws Exception {
        var env = checkoutOfDevOnMain(repo);
        edit(env.resolve("Pulumi.dev.yaml"), "instanceClass: db.t4g.medium", "instanceClass: db.t4g.large");

        var run = naas("diff", "--stack", "dev", "--environments", env.toString(), "--format", "json", "--exit-code");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(DiffCommand.CHANGES);
        JsonNode diff = JSON.readTree(run.out());
        assertThat(diff.path("stack").asText()).isEqualTo("dev");
        assertThat(diff.path("summary").toString()).isEqualTo("{\"create\":0,\"update\":1,\"replace\":0,\"delete\":0}");
        assertThat(diff.path("changes")).hasSize(1);
        JsonNode change = diff.path("changes").get(0);
        assertThat(change.path("type").asText()).isEqualTo("aws:rds/instance:Instance");
        assertThat(change.path("name").asText()).isEqualTo(DB);
        assertThat(change.path("op").asText()).isEqualTo("update");
        assertThat(change.path("urn").asText()).endsWith("aws:rds/instance:Instance::" + DB);
        assertThat(change.path("paths").toString()).isEqualTo(
                "[{\"path\":\"instanceClass\",\"old\":\"\\\"db.t4g.medium\\\"\",\"new\":\"\\\"db.t4g.large\\\"\",\"forcesReplacement\":false}]");
    }

    @Test
    void twoMoreJupyterNodesRaiseTheCostCeilingByTheirInstancesAndDisksAndLeaveTheFloor(@TempDir Path repo) throws Exception {
        var env = checkoutOfDevOnMain(repo);
        edit(env.resolve("Pulumi.dev.yaml"), "maxSize: 4", "maxSize: 6");

        var json = naas("diff", "--stack", "dev", "--environments", env.toString(), "--format", "json");
        var text = naas("diff", "--stack", "dev", "--environments", env.toString());

        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode cost = JSON.readTree(json.out()).path("cost");
        // From the repository's price table: two t3.xlarge for a month, each with the group's 80 GB gp3 disk.
        JsonNode table = new YAMLMapper().readTree(PlanCommandTest.class.getResource("/aws-prices.yaml"));
        double hours = table.path("hoursPerMonth").asDouble();
        double added = 2 * (price(table, "ec2:t3.xlarge") * hours + 80 * price(table, "ebs:gp3"));
        assertThat(cost.path("change").path("ceiling").asDouble()).isCloseTo(added, within(0.01));
        assertThat(cost.path("change").path("floor").asDouble()).isZero();
        assertThat(cost.path("after").path("ceiling").asDouble() - cost.path("before").path("ceiling").asDouble())
                .isCloseTo(added, within(0.01));
        assertThat(text.out()).contains("Monthly on-demand cost").containsPattern(
                String.format(java.util.Locale.ROOT, "ceiling .* -> .*\\(\\+%.2f\\)", added));
    }

    private static double price(JsonNode table, String item) {
        for (JsonNode p : table.path("prices")) {
            if (p.path("item").asText().equals(item) && p.path("region").asText().equals("eu-west-3")) {
                return p.path("usd").asDouble();
            }
        }
        throw new AssertionError("no price of " + item);
    }

    @Test
    void theBootstrapIsDiffedLikeAStackANewSubscriberIsExactlyOneNewSubscription(@TempDir Path repo) throws Exception {
        var env = Files.createDirectories(repo.resolve("environments/bootstrap"));
        for (String file : List.of("Pulumi.yaml", "Pulumi.main-account.yaml")) {
            Files.copy(ENVIRONMENTS.resolve("bootstrap").resolve(file), env.resolve(file));
        }
        commitOnMainAndBranch(repo);
        edit(env.resolve("Pulumi.main-account.yaml"), "emails: [security@example.com]",
                "emails: [security@example.com, oncall@example.com]");

        var run = naas("diff", "--program", "bootstrap", "--stack", "main-account", "--environments",
                env.getParent().toString(), "--format", "json", "--exit-code");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(DiffCommand.CHANGES);
        JsonNode diff = JSON.readTree(run.out());
        assertThat(diff.path("summary").toString()).isEqualTo("{\"create\":1,\"update\":0,\"replace\":0,\"delete\":0}");
        JsonNode change = diff.path("changes").get(0);
        assertThat(change.path("op").asText()).isEqualTo("create");
        assertThat(change.path("type").asText()).isEqualTo("aws:sns/topicSubscription:TopicSubscription");
        assertThat(change.path("name").asText()).isEqualTo("naas-account-alerts-email-1");
        assertThat(change.path("paths").toString()).contains("\"path\":\"endpoint\"", "oncall@example.com");

        var unknown = naas("diff", "--program", "bootstrap", "--stack", "dev", "--environments", env.getParent().toString());
        assertThat(unknown.exitCode()).isEqualTo(NaasCommand.BAD_INPUT);
        assertThat(unknown.err().strip()).isEqualTo("error: --stack: unknown stack dev; the stacks are main-account");
    }

    @Test
    void anUnchangedStackHasNoChangesAndExitsZero(@TempDir Path repo) throws Exception {
        var env = checkoutOfDevOnMain(repo);

        var run = naas("diff", "--stack", "dev", "--environments", env.toString(), "--exit-code");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("No changes.\n");
    }

    @Test
    void aNewVpcRangeReplacesTheVpcAndItsSubnetsAndTheMarkdownGroupsThemByLayer(@TempDir Path repo) throws Exception {
        var env = checkoutOfDevOnMain(repo);
        var base = git(repo, "rev-parse", "HEAD").strip();
        git(repo, "checkout", "-q", "-b", "wider");
        edit(env.resolve("Pulumi.dev.yaml"), "cidr: 10.10.0.0/16", "cidr: 10.20.0.0/16");

        var run = naas("diff", "--stack", "dev", "--environments", env.toString(), "--base", base, "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        var changes = JSON.readTree(run.out()).path("changes");
        JsonNode vpc = find(changes, "aws:ec2/vpc:Vpc", "naas-dev-vpc");
        assertThat(vpc.path("paths").get(0).path("path").asText()).isEqualTo("cidrBlock");
        assertThat(vpc.path("paths").get(0).path("new").asText()).isEqualTo("\"10.20.0.0/16\"");
        // Exactly the VPC and its six subnets: new networks. Nothing else takes the range as an input.
        var ops = new ArrayList<String>();
        changes.forEach(c -> ops.add(c.path("op").asText() + " " + c.path("type").asText() + " " + c.path("name").asText()));
        var expected = new ArrayList<>(List.of("replace aws:ec2/vpc:Vpc naas-dev-vpc"));
        for (String tier : List.of("private", "public")) {
            for (String zone : List.of("a", "b", "c")) {
                expected.add("replace aws:ec2/subnet:Subnet naas-dev-" + tier + "-eu-west-3" + zone);
            }
        }
        assertThat(ops).containsExactlyInAnyOrderElementsOf(expected);

        var markdown = naas("diff", "--stack", "dev", "--environments", env.toString(), "--base", base,
                "--format", "markdown").out();
        assertThat(markdown).startsWith("### Offline diff of stack `dev`").contains("#### infra (")
                .contains("| replace | `aws:ec2/vpc:Vpc` | `naas-dev-vpc` | `cidrBlock`: `\"10.10.0.0/16\"` → `\"10.20.0.0/16\"` **(forces replacement)** |")
                .doesNotContain("Warning");
    }

    @Test
    void aReplaceOrDeleteOfAProtectedResourceIsFlaggedAtTheTop(@TempDir Path dir) throws Exception {
        var old = dir.resolve("old.json");
        var run = naas("plan", "--stack", "dev", "--environments", ENVIRONMENTS.toString(), "--format", "json",
                "--out", old.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        var plan = (ObjectNode) JSON.readTree(old.toFile());
        var resources = (ArrayNode) plan.path("resources");
        var kept = new ArrayList<JsonNode>();
        for (JsonNode r : resources) {
            if (r.path("type").asText().equals("aws:rds/instance:Instance")) {
                assertThat(r.path("protect").asBoolean()).isTrue();
                ((ObjectNode) r.path("inputs")).put("identifier", "naas-dev-db-renamed");
            }
            if (!r.path("type").asText().equals("aws:efs/fileSystem:FileSystem")) {
                kept.add(r);
            }
        }
        resources.removeAll().addAll(kept);
        var changed = dir.resolve("new.json");
        JSON.writeValue(changed.toFile(), plan);

        var text = naas("diff", old.toString(), changed.toString());

        assertThat(text.exitCode()).as(text.err()).isZero();
        var lines = text.out().lines().toList();
        assertThat(lines.get(0)).startsWith("WARNING: replace of protected aws:rds/instance:Instance naas-dev-db");
        assertThat(lines.get(1)).startsWith("WARNING: delete of protected aws:efs/fileSystem:FileSystem naas-dev-files");
        assertThat(text.out()).contains("identifier: \"naas-dev-db\" -> \"naas-dev-db-renamed\"  (forces replacement)")
                .contains("0 to create, 0 to update, 1 to replace, 1 to delete.\n");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo(@TempDir Path dir) throws IOException {
        var one = naas("diff", "only-one.json");
        assertThat(one.exitCode()).isEqualTo(NaasCommand.BAD_INPUT);
        assertThat(one.err().strip()).isEqualTo("error: diff: give two plan files (OLD.json NEW.json) or --stack S [--base REF]");

        var notAPlan = Files.writeString(dir.resolve("x.json"), "[1, 2]");
        var wrong = naas("diff", notAPlan.toString(), notAPlan.toString());
        assertThat(wrong.exitCode()).isEqualTo(NaasCommand.BAD_INPUT);
        assertThat(wrong.err().lines()).hasSize(1).first().asString().contains("is not a plan written by naas plan");

        var stack = naas("diff", "--stack", "qa", "--environments", ENVIRONMENTS.toString());
        assertThat(stack.exitCode()).isEqualTo(NaasCommand.BAD_INPUT);
        assertThat(stack.err().strip()).isEqualTo("error: --stack: unknown stack qa; the stacks are dev, prod");
    }

    /** A git repository holding the dev stack's files and the charts, committed on main, checked out on a branch of main. */
    private static Path checkoutOfDevOnMain(Path repo) throws IOException, InterruptedException {
        var env = Files.createDirectories(repo.resolve("environments"));
        for (String file : List.of("Pulumi.yaml", "Pulumi.dev.yaml")) {
            Files.copy(ENVIRONMENTS.resolve(file), env.resolve(file));
        }
        // The repository's own chart, which the Naas services' releases name (relative to environments/).
        var charts = ENVIRONMENTS.resolveSibling("charts");
        try (var files = Files.walk(charts)) {
            for (Path f : files.toList()) {
                var copy = repo.resolve("charts").resolve(charts.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(f, copy);
                }
            }
        }
        commitOnMainAndBranch(repo);
        return env;
    }

    /** Commits what {@code repo} holds on main, then checks out a branch of it for the change. */
    private static void commitOnMainAndBranch(Path repo) throws IOException, InterruptedException {
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "base");
        git(repo, "checkout", "-q", "-b", "change");
    }

    private static void edit(Path file, String from, String to) throws IOException {
        var text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    private static JsonNode find(JsonNode changes, String type, String name) {
        for (JsonNode c : changes) {
            if (c.path("type").asText().equals(type) && c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no change of " + type + " " + name + " in " + changes);
    }

    private static String git(Path repo, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
