package ai.naas.aws.infra.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * ECR's API model as botocore ships it, where this machine has one that knows pull-through caches of Docker Hub
 * (the {@code credentialArn} of CreatePullThroughCacheRule, November 2023). Debian 12's python3-botocore (1.29.27,
 * December 2022) predates them; a newer botocore of the {@code python3} on the path is used when there is one.
 * Without either, the rules quoted from botocore 1.43.11's model stand in ({@link #QUOTED_PREFIX}).
 */
final class EcrModel {

    /**
     * {@code PullThroughCacheRuleRepositoryPrefix} of botocore 1.43.11 ({@code data/ecr/2015-09-21/service-2.json}):
     * min 2, max 30, this pattern. Also the API reference of CreatePullThroughCacheRule.
     */
    static final Shape QUOTED_PREFIX = new Shape(2, 30,
            "^([a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*\\/?|ROOT)$");
    /** {@code CredentialArn} of the same model. */
    static final Shape QUOTED_CREDENTIAL_ARN = new Shape(50, 612,
            "^arn:aws(-\\w+)*:secretsmanager:[a-zA-Z0-9-:]+:secret:ecr\\-pullthroughcache\\/[a-zA-Z0-9\\/_+=.@-]+$");
    /** {@code KmsKeyForRepositoryCreationTemplate} of the same model: a full key ARN, not an alias. */
    static final Shape QUOTED_TEMPLATE_KMS_KEY = new Shape(0, 2048,
            "^$|arn:aws[a-z0-9-]*:kms:[a-z0-9-]+:[0-9]{12}:key\\/[a-z0-9-]+");

    private static final ObjectMapper JSON = new ObjectMapper();

    private EcrModel() {
    }

    /** A string shape's rule: length in code points and a pattern over the whole value. */
    record Shape(int min, int max, String pattern) {

        boolean accepts(String value) {
            int length = value.codePointCount(0, value.length());
            return length >= min && length <= max && Pattern.compile(pattern).matcher(value).matches();
        }
    }

    /** The newest installed model that knows Docker Hub pull-through caches, if any. */
    static Optional<JsonNode> installed() {
        var candidates = new ArrayList<Path>();
        pythonBotocore().ifPresent(candidates::add);
        candidates.add(Path.of("/usr/lib/python3/dist-packages/botocore/data"));
        for (Path data : candidates) {
            Optional<JsonNode> model = read(data.resolve("ecr"));
            if (model.isPresent() && model.get().at("/shapes/CreatePullThroughCacheRuleRequest/members/credentialArn")
                    .isObject()) {
                return model;
            }
        }
        return Optional.empty();
    }

    /** A string shape of the installed model. */
    static Shape shape(JsonNode model, String name) {
        JsonNode shape = model.path("shapes").path(name);
        return new Shape(shape.path("min").asInt(0), shape.path("max").asInt(Integer.MAX_VALUE), shape.path("pattern").asText(".*"));
    }

    private static Optional<Path> pythonBotocore() {
        try {
            var process = new ProcessBuilder("python3", "-c", "import botocore, os; print(os.path.dirname(botocore.__file__))")
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
                return Optional.of(Path.of(out, "data"));
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> read(Path service) {
        if (!Files.isDirectory(service)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(service)) {
            List<Path> sorted = versions.filter(Files::isDirectory).sorted().toList();
            if (sorted.isEmpty()) {
                return Optional.empty();
            }
            Path newest = sorted.get(sorted.size() - 1);
            Path plain = newest.resolve("service-2.json");
            try (InputStream in = Files.exists(plain) ? Files.newInputStream(plain)
                    : new GZIPInputStream(Files.newInputStream(newest.resolve("service-2.json.gz")))) {
                return Optional.of(JSON.readTree(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
