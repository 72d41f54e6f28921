package ai.naas.aws.tools.policy;

import ai.naas.aws.plan.Plan;
import ai.naas.aws.plan.PlannedResource;
import ai.naas.aws.tools.policy.Containers.Container;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * Rules for what runs on the cluster: no privileged or root containers outside {@link #ALLOW_LIST}, CPU and
 * memory requests on every container, images pinned by tag or digest, no {@code hostPath}. They read the pod
 * specs of the Kubernetes workloads the program registers, and the values the program gives each Helm release
 * (see {@link Containers} for what that covers). A new app that deploys a bare Deployment breaks four of them.
 */
public final class WorkloadRules {

    /**
     * A container allowed to break {@code rule}, and why.
     *
     * @param rule     the rule it may break
     * @param resource the resource's name in the plan
     * @param path     the container's path, as the violation names it
     * @param reason   why it must
     */
    public record Allowed(String rule, String resource, String path, String reason) {
    }

    static final String NOT_PRIVILEGED = "workload-not-privileged";
    static final String NOT_ROOT = "workload-not-root";
    static final String REQUESTS = "workload-requests";
    static final String IMAGES_PINNED = "workload-images-pinned";
    static final String NO_HOST_PATH = "workload-no-host-path";

    /** The containers that may break a rule: few, each with its reason. */
    public static final List<Allowed> ALLOW_LIST = List.of(
            new Allowed(NOT_ROOT, "jupyterhub", "values.singleuser.initContainers[naas-home]",
                    "creates each user's home directory on EFS and gives it to the notebook uid/gid: chown needs root "
                            + "(its capabilities are cut to CHOWN, FOWNER and DAC_OVERRIDE, its root filesystem read-only)"));

    private WorkloadRules() {
    }

    /** Every workload rule. */
    public static List<PlanRule> all() {
        return List.of(
                Rule.of(NOT_PRIVILEGED, "no container is privileged (securityContext.privileged), outside the allow-list",
                        WorkloadRules::privileged),
                Rule.of(NOT_ROOT, "no container runs as root, outside the allow-list: workloads the program registers set "
                        + "runAsNonRoot or a non-zero runAsUser; release values never ask for user 0 or runAsNonRoot: false",
                        WorkloadRules::root),
                Rule.of(REQUESTS, "every container requests CPU and memory (resources.requests.cpu and .memory)",
                        WorkloadRules::requests),
                Rule.of(IMAGES_PINNED, "every image is pinned by a tag other than 'latest', or by a digest",
                        WorkloadRules::images),
                Rule.of(NO_HOST_PATH, "no pod or persistent volume mounts a hostPath (a node's own files)",
                        WorkloadRules::hostPath));
    }

    private static List<Violation> privileged(PlanRule rule, Plan plan) {
        return check(rule, plan, (c, flag) -> {
            if (Boolean.TRUE.equals(c.get("securityContext", "privileged").orElse(false))) {
                flag.accept(c.path(), "privileged container");
            }
        }, (path, node) -> node instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("privileged")), "privileged container");
    }

    private static List<Violation> root(PlanRule rule, Plan plan) {
        return check(rule, plan, (c, flag) -> {
            Object user = c.get("securityContext", "runAsUser").orElse(c.podLevel().get("runAsUser"));
            Object nonRoot = c.get("securityContext", "runAsNonRoot").orElse(c.podLevel().get("runAsNonRoot"));
            if (isZero(user) || Boolean.FALSE.equals(nonRoot)) {
                flag.accept(c.path(), "runs as root");
            } else if (!Boolean.TRUE.equals(nonRoot) && user == null) {
                flag.accept(c.path(), "may run as root: neither runAsNonRoot nor runAsUser is set");
            }
        }, (path, node) -> node instanceof Map<?, ?> m && (isZero(m.get("runAsUser")) || Boolean.FALSE.equals(m.get("runAsNonRoot"))),
                "runs as root");
    }

    private static List<Violation> requests(PlanRule rule, Plan plan) {
        var violations = new ArrayList<Violation>();
        for (var r : plan.resources()) {
            var containers = Containers.isWorkload(r) ? Containers.ofWorkload(r)
                    : r.type().equals(Containers.RELEASE) ? Containers.ofReleaseValues(r) : List.<Container>of();
            for (var c : containers) {
                if (!requestsBoth(c.spec().get("resources"))) {
                    violations.add(violation(rule, r, c.path(), "no CPU and memory requests"));
                }
            }
            if (r.type().equals(Containers.RELEASE)) {
                // Values that set a container's resources (resources: {...}) must request both as well.
                Containers.walk("values", r.input("values").orElse(null), (path, node) -> {
                    if (path.endsWith(".resources") && node instanceof Map<?, ?> && !requestsBoth(node)
                            && containers.stream().noneMatch(c -> path.equals(c.path() + ".resources"))) {
                        violations.add(violation(rule, r, path, "no CPU and memory requests"));
                    }
                });
            }
        }
        return violations;
    }

    private static List<Violation> images(PlanRule rule, Plan plan) {
        var violations = new ArrayList<Violation>();
        for (var r : plan.resources()) {
            for (var c : Containers.ofWorkload(r)) {
                if (!pinned(c.spec().get("image"))) {
                    violations.add(violation(rule, r, c.path(), "image not pinned: " + c.spec().get("image")));
                }
            }
            if (r.type().equals(Containers.RELEASE)) {
                Containers.walk("values", r.input("values").orElse(null), (path, node) -> {
                    if (path.endsWith(".image") && !pinned(node)) {
                        violations.add(violation(rule, r, path, "image not pinned: " + node));
                    }
                });
            }
        }
        return violations;
    }

    private static List<Violation> hostPath(PlanRule rule, Plan plan) {
        var violations = new ArrayList<Violation>();
        for (var r : plan.resources()) {
            String prefix = Containers.isWorkload(r) ? Containers.podSpecPath(r)
                    : r.type().equals(Containers.RELEASE) ? "values"
                    : r.type().equals("kubernetes:core/v1:PersistentVolume") ? "spec" : null;
            if (prefix == null) {
                continue;
            }
            Object root = Containers.isWorkload(r) ? Containers.podSpec(r).orElse(null) : r.input(prefix).orElse(null);
            Containers.walk(prefix, root, (path, node) -> {
                if (path.endsWith(".hostPath") && node != null) {
                    violations.add(violation(rule, r, path, "mounts a hostPath"));
                }
            });
        }
        return violations;
    }

    /**
     * Runs a container check on every workload, and a node check on every node of every release's values;
     * what the allow-list names is let through.
     */
    private static List<Violation> check(PlanRule rule, Plan plan, BiConsumer<Container, BiConsumer<String, String>> containerCheck,
                                         BiPredicate<String, Object> valueBreaks, String valueProblem) {
        var violations = new ArrayList<Violation>();
        for (var r : plan.resources()) {
            BiConsumer<String, String> flag = (path, problem) -> {
                if (!allowed(rule, r, path)) {
                    violations.add(violation(rule, r, path, problem));
                }
            };
            Containers.ofWorkload(r).forEach(c -> containerCheck.accept(c, flag));
            if (r.type().equals(Containers.RELEASE)) {
                Containers.walk("values", r.input("values").orElse(null), (path, node) -> {
                    if (valueBreaks.test(path, node)) {
                        flag.accept(path, valueProblem);
                    }
                });
            }
        }
        return violations;
    }

    private static boolean allowed(PlanRule rule, PlannedResource r, String path) {
        return ALLOW_LIST.stream().anyMatch(a -> a.rule().equals(rule.name()) && a.resource().equals(r.name())
                && (path.equals(a.path()) || path.startsWith(a.path() + ".")));
    }

    private static Violation violation(PlanRule rule, PlannedResource r, String path, String problem) {
        return Violation.of(rule, r, path + ": " + problem);
    }

    private static boolean isZero(Object value) {
        return value instanceof Number n && n.longValue() == 0;
    }

    private static boolean requestsBoth(Object resources) {
        return resources instanceof Map<?, ?> m && m.get("requests") instanceof Map<?, ?> requests
                && requests.get("cpu") != null && requests.get("memory") != null;
    }

    /**
     * An image reference pinned by digest, or by a tag other than {@code latest}. A map ({@code repository}/{@code name},
     * {@code tag}, {@code digest}) that names no repository keeps the chart's own pinned image.
     */
    static boolean pinned(Object image) {
        if (image instanceof String ref) {
            if (ref.contains("@sha256:")) {
                return true;
            }
            String last = ref.substring(ref.lastIndexOf('/') + 1);
            int colon = last.indexOf(':');
            return colon > 0 && colon < last.length() - 1 && !last.substring(colon + 1).equals("latest");
        }
        if (image instanceof Map<?, ?> m) {
            if (m.get("digest") instanceof String digest && !digest.isBlank()) {
                return true;
            }
            Object tag = m.get("tag");
            if (tag != null) {
                String text = String.valueOf(tag);
                return !text.isBlank() && !text.equals("latest");
            }
            return !(m.containsKey("repository") || m.containsKey("name"));
        }
        return image == null;
    }
}
