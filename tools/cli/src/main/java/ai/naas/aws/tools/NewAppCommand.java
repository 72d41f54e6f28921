package ai.naas.aws.tools;

import ai.naas.aws.platform.AppCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code naas new-app}: scaffolds an app module (see {@link AppScaffold}) and registers it in the build, so that
 * listing it in a stack's {@code naas:apps} is the only step left before {@code naas plan} shows it.
 */
@Command(name = "new-app", mixinStandardHelpOptions = true,
        description = {"Scaffolds apps/NAME: a pom under the apps parent, the app on the platform SPI (a hardened Deployment",
                "and a Service), its settings record, a test on AppHarness; adds it to apps/pom.xml and environments/pom.xml."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:scaffolded", "2:bad input: an invalid or taken name, a bad port"})
final class NewAppCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "The app's name: lowercase letters, digits and dashes (like naas-proxy).")
    String name;

    @Option(names = "--port", defaultValue = "8080", description = "The port the container listens on. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--image", description = "The image, repository:tag. Default: a placeholder, registry.example.com/naas/NAME:0.1.0.")
    String image;

    @Option(names = "--database", description = "Give the app its own PostgreSQL database (DATABASE_URL from the platform's Secret).")
    boolean database;

    @Option(names = "--ingress", description = "Serve the app at NAME.<the stack's domain>.")
    boolean ingress;

    @Mixin
    EnvironmentsOption environments;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var scaffold = new AppScaffold(name, port, image != null ? image : AppScaffold.placeholderImage(name), database, ingress);
        var root = environments.directory().toAbsolutePath().normalize().getParent();
        var out = spec.commandLine().getOut();
        for (var path : scaffold.writeInto(root, AppCatalog.discover().names())) {
            out.println("wrote " + path);
        }
        out.println("next: list " + name + " in a stack's naas:apps (environments/Pulumi.<stack>.yaml), then");
        out.println("  mvn -B verify -pl apps/" + name + " -am   and   tools/naas plan --stack <stack>   and   tools/naas policy --stack <stack>");
        out.flush();
        return 0;
    }
}
