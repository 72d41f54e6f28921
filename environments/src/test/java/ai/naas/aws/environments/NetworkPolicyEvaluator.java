package ai.naas.aws.environments;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether Kubernetes lets a connection through, from the NetworkPolicy objects of a cluster, by the
 * semantics of {@code networking.k8s.io/v1} (the API reference's NetworkPolicySpec, NetworkPolicyPeer and
 * NetworkPolicyPort): a pod selected by no policy of a type is not isolated for that direction; a selected one
 * admits only what some rule of some selecting policy allows; a connection needs both the source's egress and the
 * destination's ingress. Peers without {@code namespaceSelector} are pods of the policy's own namespace; an
 * {@code ipBlock} matches addresses (pod addresses included: on the VPC CNI a pod's address is a VPC address);
 * named ports resolve on the destination pod. Ports without a protocol are TCP.
 */
final class NetworkPolicyEvaluator {

    /**
     * One end of a connection: a pod (namespace, labels, container ports by name) or an address outside the
     * cluster's pods (namespace null).
     */
    record Endpoint(String description, String namespace, Map<String, String> labels, String ip,
                    Map<String, Integer> namedPorts) {

        static Endpoint pod(String description, String namespace, Map<String, String> labels, String ip,
                            Map<String, Integer> namedPorts) {
            return new Endpoint(description, namespace, labels, ip, namedPorts);
        }

        static Endpoint address(String description, String ip) {
            return new Endpoint(description, null, Map.of(), ip, Map.of());
        }

        boolean isPod() {
            return namespace != null;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private final List<JsonNode> policies;

    /** @param policies NetworkPolicy objects, each with {@code metadata.namespace} set */
    NetworkPolicyEvaluator(List<JsonNode> policies) {
        this.policies = List.copyOf(policies);
    }

    /** Whether a TCP connection from {@code source} to {@code destination:port} is allowed. */
    boolean allows(Endpoint source, Endpoint destination, int port) {
        return allows(source, destination, port, "TCP");
    }

    boolean allows(Endpoint source, Endpoint destination, int port, String protocol) {
        return egressAllows(source, destination, port, protocol) && ingressAllows(source, destination, port, protocol);
    }

    private boolean egressAllows(Endpoint source, Endpoint destination, int port, String protocol) {
        if (!source.isPod()) {
            return true;
        }
        var selecting = selecting(source, "Egress");
        if (selecting.isEmpty()) {
            return true;
        }
        for (JsonNode policy : selecting) {
            for (JsonNode rule : policy.path("spec").path("egress")) {
                if (portsMatch(rule.path("ports"), destination, port, protocol)
                        && peersMatch(rule.path("to"), destination, namespaceOf(policy))) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean ingressAllows(Endpoint source, Endpoint destination, int port, String protocol) {
        if (!destination.isPod()) {
            return true;
        }
        var selecting = selecting(destination, "Ingress");
        if (selecting.isEmpty()) {
            return true;
        }
        for (JsonNode policy : selecting) {
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                if (portsMatch(rule.path("ports"), destination, port, protocol)
                        && peersMatch(rule.path("from"), source, namespaceOf(policy))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The policies of the pod's namespace that select it and have {@code type} among their policy types. */
    private List<JsonNode> selecting(Endpoint pod, String type) {
        var result = new ArrayList<JsonNode>();
        for (JsonNode policy : policies) {
            if (!namespaceOf(policy).equals(pod.namespace())) {
                continue;
            }
            JsonNode spec = policy.path("spec");
            if (!policyTypes(spec).contains(type)) {
                continue;
            }
            if (selectorMatches(spec.path("podSelector"), pod.labels())) {
                result.add(policy);
            }
        }
        return result;
    }

    /** {@code policyTypes}, or its default: Ingress, plus Egress when the spec has egress rules. */
    private static List<String> policyTypes(JsonNode spec) {
        if (spec.has("policyTypes")) {
            var types = new ArrayList<String>();
            spec.path("policyTypes").forEach(t -> types.add(t.asText()));
            return types;
        }
        return spec.has("egress") ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    private static boolean portsMatch(JsonNode ports, Endpoint destination, int port, String protocol) {
        if (ports.isMissingNode() || ports.isNull() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode entry : ports) {
            String entryProtocol = entry.path("protocol").asText("TCP");
            if (!entryProtocol.equals(protocol)) {
                continue;
            }
            JsonNode value = entry.path("port");
            if (value.isMissingNode() || value.isNull()) {
                return true;
            }
            Optional<Integer> number = value.isNumber() ? Optional.of(value.asInt())
                    : value.asText().matches("\\d+") ? Optional.of(Integer.parseInt(value.asText()))
                    : Optional.ofNullable(destination.namedPorts().get(value.asText()));
            if (number.isEmpty()) {
                continue;
            }
            int end = entry.path("endPort").asInt(number.get());
            if (port >= number.get() && port <= end) {
                return true;
            }
        }
        return false;
    }

    private boolean peersMatch(JsonNode peers, Endpoint peer, String policyNamespace) {
        if (peers.isMissingNode() || peers.isNull() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode entry : peers) {
            if (entry.has("ipBlock")) {
                if (ipBlockMatches(entry.path("ipBlock"), peer.ip())) {
                    return true;
                }
                continue;
            }
            if (!peer.isPod()) {
                continue;
            }
            boolean namespaceOk = entry.has("namespaceSelector")
                    ? selectorMatches(entry.path("namespaceSelector"), namespaceLabels(peer.namespace()))
                    : peer.namespace().equals(policyNamespace);
            boolean podOk = !entry.has("podSelector") || selectorMatches(entry.path("podSelector"), peer.labels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    /** Kubernetes labels every namespace with its own name. */
    private static Map<String, String> namespaceLabels(String namespace) {
        return Map.of("kubernetes.io/metadata.name", namespace);
    }

    static boolean selectorMatches(JsonNode selector, Map<String, String> labels) {
        var matchLabels = selector.path("matchLabels");
        for (var entry : matchLabels.properties()) {
            if (!entry.getValue().asText().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            var values = new ArrayList<String>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> throw new IllegalArgumentException("unknown selector operator in " + expression);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean ipBlockMatches(JsonNode block, String ip) {
        if (ip == null || !inCidr(ip, block.path("cidr").asText())) {
            return false;
        }
        for (JsonNode except : block.path("except")) {
            if (inCidr(ip, except.asText())) {
                return false;
            }
        }
        return true;
    }

    static boolean inCidr(String ip, String cidr) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
        return (address(ip) & mask) == (address(parts[0]) & mask);
    }

    private static long address(String ip) {
        long value = 0;
        for (String octet : ip.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }

    private static String namespaceOf(JsonNode policy) {
        return policy.path("metadata").path("namespace").asText();
    }
}
