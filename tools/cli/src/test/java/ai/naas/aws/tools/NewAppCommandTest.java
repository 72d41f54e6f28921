package ai.naas.aws.tools;

import ai.naas.aws.environments.StackPlanner;
import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import ai.naas.aws.tools.policy.PolicyRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import javax.tools.ToolProvider;
import java.io.File;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static ai.naas.aws.tools.PlanCommandTest.naas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * {@code naas new-app} scaffolds into a copy of the repository's {@code apps/pom.xml} and {@code environments/pom.xml};
 * the generated sources compile against the SPI, the generated test passes on AppHarness, and with the app listed
 * in {@code naas:apps} the dev stack's plan holds it and keeps every policy rule.
 */
class NewAppCommandTest {

    private static final Path ENVIRONMENTS = StackPlanner.findEnvironments(Path.of(""));
    private static final Path REPOSITORY = ENVIRONMENTS.getParent();

    @TempDir
    Path root;

    private Path copyPoms() throws Exception {
        Files.createDirectories(root.resolve("apps"));
        Files.createDirectories(root.resolve("environments"));
        Files.copy(REPOSITORY.resolve("apps/pom.xml"), root.resolve("apps/pom.xml"));
        Files.copy(REPOSITORY.resolve("environments/pom.xml"), root.resolve("environments/pom.xml"));
        Files.copy(ENVIRONMENTS.resolve("Pulumi.yaml"), root.resolve("environments/Pulumi.yaml"));
        return root.resolve("environments");
    }

    @Test
    void theScaffoldedAppCompilesPassesItsTestAndAppearsInThePlanWhenListed() throws Exception {
        var environments = copyPoms();
        var run = naas("new-app", "hello-world", "--port", "9000", "--image", "example/hello:1.0.0", "--database", "--ingress",
                "--environments", environments.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        var module = root.resolve("apps/hello-world");
        assertThat(Files.readString(root.resolve("apps/pom.xml"))).contains("<module>hello-world</module>\n  </modules>");
        assertThat(Files.readString(root.resolve("environments/pom.xml"))).contains("<artifactId>naas-app-hello-world</artifactId>"
                + "<version>${project.version}</version><scope>runtime</scope></dependency>");
        assertThat(Files.readString(module.resolve("pom.xml"))).contains("<artifactId>naas-apps</artifactId>", "<artifactId>naas-app-hello-world</artifactId>");
        assertThat(Files.readString(module.resolve("src/main/resources/META-INF/services/ai.naas.aws.platform.spi.NaasApp")))
                .isEqualTo("ai.naas.aws.apps.helloworld.HelloWorldApp\n");

        // Compile main and test sources the way Maven would: against the SPI (and, for the test, AppHarness).
        var classes = root.resolve("classes");
        Files.createDirectories(classes.resolve("META-INF/services"));
        List<String> sources;
        try (Stream<Path> files = Files.walk(module.resolve("src"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).toList();
        }
        var args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", testClassPath(), "--release", "17"));
        args.addAll(sources);
        var errors = new java.io.ByteArrayOutputStream();
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, args.toArray(String[]::new));
        assertThat(compiled).as(errors.toString()).isZero();
        Files.copy(module.resolve("src/main/resources/META-INF/services/ai.naas.aws.platform.spi.NaasApp"),
                classes.resolve("META-INF/services/ai.naas.aws.platform.spi.NaasApp"));

        var thread = Thread.currentThread();
        var previous = thread.getContextClassLoader();
        try (var loader = new URLClassLoader(new java.net.URL[]{classes.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);

            var summary = new SummaryGeneratingListener();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(loader.loadClass("ai.naas.aws.apps.helloworld.HelloWorldAppTest"))).build(), summary);
            assertThat(summary.getSummary().getFailures()).isEmpty();
            assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(3);

            var stackFile = root.resolve("Pulumi.dev.yaml");
            Files.writeString(stackFile, Files.readString(ENVIRONMENTS.resolve("Pulumi.dev.yaml"))
                    .replace("naas:apps: [", "naas:apps: [hello-world, ")
                    + "  naas:hello-world.databasePassword:\n    secure: AAABAHBsYWNlaG9sZGVy\n");
            Plan plan = new StackPlanner(ENVIRONMENTS).plan("dev", stackFile);
            var app = plan.resource("naas:apps:App", "hello-world");
            var deployment = plan.resource("kubernetes:apps/v1:Deployment", "hello-world");
            assertThat(deployment.parent()).isEqualTo(app.urn());
            // A Docker Hub image, pulled through the dev stack's image cache (docs/IMAGES.md).
            assertThat(deployment.requireInput("spec.template.spec.containers.0.image"))
                    .isEqualTo("123456789012.dkr.ecr.eu-west-3.amazonaws.com/naas-dev-docker-hub/example/hello:1.0.0");
            assertThat(deployment.requireInput("spec.template.spec.containers.0.ports.0.containerPort")).isEqualTo(9000L);
            assertThat(plan.resource("kubernetes:networking.k8s.io/v1:Ingress", "hello-world").requireInput("spec.rules.0.host"))
                    .isEqualTo("hello-world.dev.naas.example.com");
            // Scaffolded hardened: no rule is broken by anything the new app brings.
            var ours = plan.descendantsOf(app).stream().map(PlannedResource::urn).toList();
            PolicyRules.all().forEach(rule -> assertThat(rule.check(plan)).as(rule.name())
                    .noneMatch(v -> ours.contains(v.resource())));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello", "9lives", "hello_world", "hello-", "a--b", "new"})
    void anInvalidNameIsRefusedWithExitCode2AndNothingWritten(String name) throws Exception {
        var environments = copyPoms();
        var run = naas("new-app", name, "--environments", environments.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: NAME: '" + name + "' ").hasLineCount(1);
        assertThat(Files.readString(root.resolve("apps/pom.xml"))).isEqualTo(Files.readString(REPOSITORY.resolve("apps/pom.xml")));
        try (Stream<Path> apps = Files.list(root.resolve("apps"))) {
            assertThat(apps).containsExactly(root.resolve("apps/pom.xml"));
        }
    }

    @Test
    void aTakenNameIsRefused() throws Exception {
        var environments = copyPoms();
        var run = naas("new-app", "naas-proxy", "--environments", environments.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: NAME: app 'naas-proxy' already exists");
        assertThat(naas("new-app", "fresh", "--environments", environments.toString()).exitCode()).isZero();
        assertThat(naas("new-app", "fresh", "--environments", environments.toString()).err()).contains("app 'fresh' already exists");
    }

    /** The test class path: surefire passes it as a property (its own class path is a manifest-only jar). */
    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
    }
}
