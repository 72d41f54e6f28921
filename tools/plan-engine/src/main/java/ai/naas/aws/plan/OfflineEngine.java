package ai.naas.aws.plan;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;

/**
 * Runs a real Pulumi program under the SDK's mock engine and records its desired state as a {@link Plan}.
 *
 * <p>This is the only class that touches the SDK's {@code @InternalUse} test API: the public one cannot
 * pass stack config (pulumi-java #1333) and does not show the full register requests (parent, provider,
 * dependencies, protect). A later SDK change should touch this class alone.
 *
 * <p>Pulumi's deployment is a JVM-wide singleton, so runs are serialised.
 */
public final class OfflineEngine {

    private static final Object DEPLOYMENT_LOCK = new Object();

    private final Mocks cloud;

    /** An engine whose resources and invokes are answered by {@code cloud}. */
    public OfflineEngine(Mocks cloud) {
        this.cloud = cloud;
    }

    /**
     * Runs {@code program} as stack {@code stack} of {@code project} with the given config.
     *
     * @param config     full keys ({@code naas:network}) to raw values, as the Pulumi CLI passes them
     * @param secretKeys the keys whose values are secrets
     * @throws ProgramFailedException when the program, or the engine on its behalf, reported errors
     */
    public Plan run(String project, String stack, Map<String, String> config, Set<String> secretKeys,
                    Consumer<Context> program) {
        synchronized (DEPLOYMENT_LOCK) {
            var recorder = new Recorder();
            try {
                var test = PulumiTestInternal.builder()
                        .options(TestOptions.builder().projectName(project).stackName(stack).preview(false).build())
                        .standardLogger(quietLogger())
                        .config(config, secretKeys)
                        .mocks(cloud)
                        .monitorDecorator(ignored -> new RecordingMonitor(cloud, recorder))
                        .build();
                var result = test.runTest(program);
                if (!result.exceptions().isEmpty() || !result.errors().isEmpty() || result.exitCode() != 0) {
                    throw new ProgramFailedException(result.exceptions(), result.errors(), recorder.resources());
                }
                return new Plan(project, stack, recorder.resources(), stackOutputs(result.outputs()));
            } finally {
                PulumiTestInternal.cleanup();
            }
        }
    }

    /** The engine's own log would print stack traces; failures reach the caller as exceptions instead. */
    private static Logger quietLogger() {
        var logger = PulumiTestInternal.logger(Level.OFF);
        logger.setUseParentHandlers(false);
        return logger;
    }

    private static Map<String, Object> stackOutputs(Map<String, Output<?>> outputs) {
        var printed = new LinkedHashMap<String, Object>();
        outputs.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            var data = PulumiTestInternal.extractOutputData(e.getValue());
            printed.put(e.getKey(), data.isSecret() ? WireValues.SECRET
                    : data.isKnown() ? data.getValueNullable() : WireValues.UNKNOWN);
        });
        return printed;
    }

    /** Collects register requests in the order the program made them, and the engine's answers. */
    private static final class Recorder {
        private final List<Registration> registrations = Collections.synchronizedList(new ArrayList<>());

        Registration started(RegisterResourceRequest request) {
            var registration = new Registration(request);
            registrations.add(registration);
            return registration;
        }

        /**
         * Parents before children, siblings by URN: registrations arrive in an order that depends on
         * thread timing, and a plan must read the same on every run to be diffable.
         */
        List<PlannedResource> resources() {
            List<PlannedResource> all;
            synchronized (registrations) {
                all = registrations.stream().map(Registration::toPlanned).toList();
            }
            var children = new HashMap<String, List<PlannedResource>>();
            var roots = new ArrayList<PlannedResource>();
            var urns = all.stream().map(PlannedResource::urn).collect(java.util.stream.Collectors.toSet());
            for (var r : all) {
                if (r.parent() == null || !urns.contains(r.parent())) {
                    roots.add(r);
                } else {
                    children.computeIfAbsent(r.parent(), k -> new ArrayList<>()).add(r);
                }
            }
            var ordered = new ArrayList<PlannedResource>(all.size());
            var pending = new ArrayDeque<PlannedResource>();
            roots.sort(Comparator.comparing(PlannedResource::urn));
            for (int i = roots.size() - 1; i >= 0; i--) {
                pending.push(roots.get(i));
            }
            while (!pending.isEmpty()) {
                var next = pending.pop();
                ordered.add(next);
                var kids = new ArrayList<>(children.getOrDefault(next.urn(), List.of()));
                kids.sort(Comparator.comparing(PlannedResource::urn));
                for (int i = kids.size() - 1; i >= 0; i--) {
                    pending.push(kids.get(i));
                }
            }
            return ordered;
        }
    }

    private static final class Registration {
        private final RegisterResourceRequest request;
        private volatile RegisterResourceResponse response;

        Registration(RegisterResourceRequest request) {
            this.request = request;
        }

        PlannedResource toPlanned() {
            // Sorted: the SDK collects dependencies in sets whose order changes from run to run, and a plan
            // must read the same on every run to be diffable (same inputs, same bytes).
            var dependsOn = new TreeSet<String>(request.getDependenciesList());
            request.getPropertyDependenciesMap().values().forEach(d -> dependsOn.addAll(d.getUrnsList()));
            var inputs = WireValues.toMap(request.getObject());
            String urn = response == null ? null : response.getUrn();
            String id = response == null || response.getId().isEmpty() ? null : response.getId();
            return new PlannedResource(
                    urn == null ? "[not registered]" : urn,
                    request.getType(),
                    request.getName(),
                    request.getCustom(),
                    request.getParent().isEmpty() ? null : request.getParent(),
                    providerUrn(request.getProvider()),
                    List.copyOf(dependsOn),
                    request.getProtect(),
                    id,
                    inputs,
                    response == null ? Map.of() : outputs());
        }

        /** The engine's answer; a property that was secret going in stays secret coming out. */
        private Map<String, Object> outputs() {
            var secretInputs = new LinkedHashSet<>(request.getAdditionalSecretOutputsList());
            request.getObject().getFieldsMap().forEach((k, v) -> {
                if (WireValues.holdsSecret(v)) {
                    secretInputs.add(k);
                }
            });
            var outputs = WireValues.toMap(response.getObject());
            secretInputs.forEach(k -> outputs.computeIfPresent(k, (key, v) -> WireValues.SECRET));
            return outputs;
        }

        /** Provider references are {@code urn::id}; the URN is what a reader follows. */
        private static String providerUrn(String reference) {
            if (reference.isEmpty()) {
                return null;
            }
            int split = reference.lastIndexOf("::");
            return split < 0 ? reference : reference.substring(0, split);
        }
    }

    private static final class RecordingMonitor extends MockMonitor {
        private final Recorder recorder;

        RecordingMonitor(Mocks mocks, Recorder recorder) {
            super(mocks, PulumiTestInternal.mockLog());
            this.recorder = recorder;
        }

        @Override
        public CompletableFuture<RegisterResourceResponse> registerResourceAsync(
                Resource resource, RegisterResourceRequest request) {
            var registration = recorder.started(request);
            return super.registerResourceAsync(resource, request).thenApply(response -> {
                registration.response = response;
                return response;
            });
        }
    }
}
