package ai.naas.aws.environments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * The NetworkPolicies the Zero to JupyterHub 4.4.0 chart renders for the hub, the proxy and the user servers,
 * computed from the values a release passes. The chart itself cannot be rendered here (it is not in the
 * repository and its repository is out of reach), so this follows its templates as read at tag 4.4.0:
 * {@code templates/singleuser/netpol.yaml}, {@code templates/hub/netpol.yaml}, {@code templates/proxy/netpol.yaml}
 * and {@code templates/_helpers-netpol.tpl}, with the defaults of {@code values.yaml} for every key the release
 * leaves out (the notes are in the research report {@code z2jh.md}, section 4). Only the parts our values can
 * reach are modelled: {@code interNamespaceAccessLabels} stays {@code ignore} and the autohttps pod is off.
 */
final class Z2jhNetworkPolicies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PRIVATE = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");

    /** values.yaml@4.4.0: singleuser.networkPolicy.egressAllowRules. */
    private static final Map<String, Boolean> SINGLEUSER_EGRESS_DEFAULTS = Map.of(
            "cloudMetadataServer", false, "dnsPortsCloudMetadataServer", true, "dnsPortsKubeSystemNamespace", true,
            "dnsPortsPrivateIPs", true, "nonPrivateIPs", true, "privateIPs", false);
    /** values.yaml@4.4.0: hub. and proxy.chp.networkPolicy.egressAllowRules (all true). */
    private static final Map<String, Boolean> CORE_EGRESS_DEFAULTS = Map.of(
            "cloudMetadataServer", true, "dnsPortsCloudMetadataServer", true, "dnsPortsKubeSystemNamespace", true,
            "dnsPortsPrivateIPs", true, "nonPrivateIPs", true, "privateIPs", true);

    private Z2jhNetworkPolicies() {
    }

    /** The three policies of a release named {@code release} in {@code namespace}, from its {@code values}. */
    static List<JsonNode> render(JsonNode values, String release, String namespace) {
        String metadataIp = values.path("singleuser").path("cloudMetadata").path("ip").asText("169.254.169.254");
        return List.of(
                singleUser(values.path("singleuser").path("networkPolicy"), release, namespace, metadataIp),
                hub(values.path("hub").path("networkPolicy"), release, namespace, metadataIp),
                proxy(values.path("proxy").path("chp").path("networkPolicy"), release, namespace, metadataIp));
    }

    private static JsonNode singleUser(JsonNode netpol, String release, String namespace, String metadataIp) {
        var policy = policy("singleuser", namespace, component("singleuser-server", release));
        var ingress = (ArrayNode) policy.path("spec").path("ingress");
        allowedIngressPorts(netpol, List.of()).ifPresent(ingress::add);
        ingress.add(from(List.of(Map.of("podSelector", Map.of("matchLabels",
                Map.of("hub.jupyter.org/network-access-singleuser", "true")))), List.of(port("notebook-port"))));
        netpol.path("ingress").forEach(ingress::add);

        var egress = (ArrayNode) policy.path("spec").path("egress");
        egress.add(rule(List.of(Map.of("podSelector", Map.of("matchLabels", component("hub", release)))), List.of(port(8081))));
        egress.add(rule(List.of(Map.of("podSelector", Map.of("matchLabels", component("proxy", release)))), List.of(port(8000))));
        egress.add(rule(List.of(Map.of("podSelector", Map.of("matchLabels", component("autohttps", release)))),
                List.of(port(8080), port(8443))));
        egressAllowRules(egress, netpol, SINGLEUSER_EGRESS_DEFAULTS, metadataIp);
        netpol.path("egress").forEach(egress::add);
        return policy;
    }

    private static JsonNode hub(JsonNode netpol, String release, String namespace, String metadataIp) {
        var policy = policy("hub", namespace, component("hub", release));
        var ingress = (ArrayNode) policy.path("spec").path("ingress");
        allowedIngressPorts(netpol, List.of()).ifPresent(ingress::add);
        ingress.add(from(List.of(Map.of("podSelector", Map.of("matchLabels",
                Map.of("hub.jupyter.org/network-access-hub", "true")))), List.of(port("http"))));
        netpol.path("ingress").forEach(ingress::add);
        var egress = (ArrayNode) policy.path("spec").path("egress");
        egress.add(rule(List.of(Map.of("podSelector", Map.of("matchLabels", component("proxy", release)))), List.of(port(8001))));
        egress.add(rule(List.of(Map.of("podSelector", Map.of("matchLabels", component("singleuser-server", release)))),
                List.of(port(8888))));
        egressAllowRules(egress, netpol, CORE_EGRESS_DEFAULTS, metadataIp);
        netpol.path("egress").forEach(egress::add);
        return policy;
    }

    private static JsonNode proxy(JsonNode netpol, String release, String namespace, String metadataIp) {
        var policy = policy("proxy", namespace, component("proxy", release));
        var ingress = (ArrayNode) policy.path("spec").path("ingress");
        allowedIngressPorts(netpol, List.of("http", "https")).ifPresent(ingress::add);
        ingress.add(from(List.of(Map.of("podSelector", Map.of("matchLabels",
                Map.of("hub.jupyter.org/network-access-proxy-http", "true")))), List.of(port("http"))));
        ingress.add(from(List.of(Map.of("podSelector", Map.of("matchLabels",
                Map.of("hub.jupyter.org/network-access-proxy-api", "true")))), List.of(port("api"))));
        netpol.path("ingress").forEach(ingress::add);
        var egress = (ArrayNode) policy.path("spec").path("egress");
        egress.add(rule(List.of(Map.of("podSelector", Map.of("matchLabels", component("hub", release)))), List.of(port(8081))));
        egress.add(rule(List.of(Map.of("podSelector", Map.of("matchLabels", component("singleuser-server", release)))),
                List.of(port(8888))));
        egressAllowRules(egress, netpol, CORE_EGRESS_DEFAULTS, metadataIp);
        netpol.path("egress").forEach(egress::add);
        return policy;
    }

    /** A rule admitting any source on {@code allowedIngressPorts} (values, or the chart's default). */
    private static java.util.Optional<JsonNode> allowedIngressPorts(JsonNode netpol, List<Object> defaults) {
        List<Object> ports = netpol.has("allowedIngressPorts")
                ? JSON.convertValue(netpol.path("allowedIngressPorts"), List.class) : defaults;
        if (ports.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(JSON.valueToTree(Map.of("ports", ports.stream().map(Z2jhNetworkPolicies::port).toList())));
    }

    /** {@code jupyterhub.networkPolicy.renderEgressRules}. */
    private static void egressAllowRules(ArrayNode egress, JsonNode netpol, Map<String, Boolean> defaults, String metadataIp) {
        var rules = netpol.path("egressAllowRules");
        java.util.function.Predicate<String> on = key -> rules.has(key) ? rules.path(key).asBoolean() : defaults.get(key);
        if (on.test("dnsPortsCloudMetadataServer") || on.test("dnsPortsKubeSystemNamespace") || on.test("dnsPortsPrivateIPs")) {
            var to = new java.util.ArrayList<Object>();
            if (on.test("dnsPortsCloudMetadataServer")) {
                to.add(Map.of("ipBlock", Map.of("cidr", metadataIp + "/32")));
            }
            if (on.test("dnsPortsKubeSystemNamespace")) {
                to.add(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "kube-system"))));
            }
            if (on.test("dnsPortsPrivateIPs")) {
                PRIVATE.forEach(cidr -> to.add(Map.of("ipBlock", Map.of("cidr", cidr))));
            }
            egress.add(rule(to, List.of(Map.of("port", 53, "protocol", "UDP"), Map.of("port", 53, "protocol", "TCP"))));
        }
        if (on.test("nonPrivateIPs")) {
            var except = new java.util.ArrayList<>(PRIVATE);
            except.add(metadataIp + "/32");
            egress.add(rule(List.of(Map.of("ipBlock", Map.of("cidr", "0.0.0.0/0", "except", except))), List.of()));
        }
        if (on.test("privateIPs")) {
            egress.add(rule(PRIVATE.stream().map(cidr -> (Object) Map.of("ipBlock", Map.of("cidr", cidr))).toList(), List.of()));
        }
        if (on.test("cloudMetadataServer")) {
            egress.add(rule(List.of(Map.of("ipBlock", Map.of("cidr", metadataIp + "/32"))), List.of()));
        }
    }

    private static ObjectNode policy(String name, String namespace, Map<String, String> selector) {
        var policy = JSON.createObjectNode();
        policy.put("apiVersion", "networking.k8s.io/v1").put("kind", "NetworkPolicy");
        policy.putObject("metadata").put("name", name).put("namespace", namespace);
        var spec = policy.putObject("spec");
        spec.set("podSelector", JSON.valueToTree(Map.of("matchLabels", selector)));
        spec.set("policyTypes", JSON.valueToTree(List.of("Ingress", "Egress")));
        spec.putArray("ingress");
        spec.putArray("egress");
        return policy;
    }

    /** {@code jupyterhub.matchLabels}: component, app, release. */
    private static Map<String, String> component(String component, String release) {
        return Map.of("component", component, "app", "jupyterhub", "release", release);
    }

    /** An egress rule: to {@code peers} (all when empty) on {@code ports} (all when empty). */
    private static JsonNode rule(List<?> peers, List<?> ports) {
        return rule("to", peers, ports);
    }

    /** An ingress rule: from {@code peers} on {@code ports}. */
    private static JsonNode from(List<?> peers, List<?> ports) {
        return rule("from", peers, ports);
    }

    private static JsonNode rule(String direction, List<?> peers, List<?> ports) {
        var rule = JSON.createObjectNode();
        if (!peers.isEmpty()) {
            rule.set(direction, JSON.valueToTree(peers));
        }
        if (!ports.isEmpty()) {
            rule.set("ports", JSON.valueToTree(ports.stream().map(p -> p instanceof Map<?, ?> ? p : port(p)).toList()));
        }
        return rule;
    }

    private static Object port(Object port) {
        return Map.of("port", port);
    }
}
