package ai.naas.aws.infra.monitoring;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * "Down" alarms on Kubernetes Services of the cluster, from the Container Insights metric
 * {@code service_number_of_running_pods} (dimensions {@code ClusterName}, {@code Namespace}, {@code Service})
 * that the cluster's {@code amazon-cloudwatch-observability} add-on publishes: a Service with no running
 * pod for {@code naas:alerts.thresholds.hubDownMinutes} notifies the stack's topic. A missing data point
 * counts as down, since a Service with no pod publishes nothing.
 */
public final class ServiceAlarms extends ComponentResource {

    private final List<Alarm> alarms;

    /**
     * @param name the stack's base name: alarms are {@code <name>-<service label>-down}
     * @param args the cluster, the services and the topic
     */
    public ServiceAlarms(String name, Args args, ComponentResourceOptions options) {
        super("naas:infra:ServiceAlarms", name, options);
        var list = new ArrayList<Alarm>();
        for (var service : args.services()) {
            var dimensions = args.clusterName().applyValue(cluster -> Map.of(
                    "ClusterName", cluster, "Namespace", service.namespace(), "Service", service.service()));
            list.add(new Alarm(name + "-" + service.label() + "-down", "ContainerInsights",
                    "service_number_of_running_pods", dimensions, "Minimum", 60, args.minutes(), "LessThanThreshold",
                    1, "breaching",
                    "No running pod behind " + service.namespace() + "/" + service.service() + " for " + args.minutes()
                            + " minutes: " + service.impact(),
                    "kubectl -n " + service.namespace() + " describe pods and get events; "
                            + InfraAlarms.RUNBOOKS + "#" + service.label() + "-down"));
        }
        this.alarms = List.copyOf(list);
        alarms.forEach(alarm -> alarm.register(this, args.topicArn()));
        registerOutputs(Map.of());
    }

    /** The alarms, as registered. */
    public List<Alarm> alarms() {
        return alarms;
    }

    /**
     * A Service to watch.
     *
     * @param label     a short name for the alarm, e.g. {@code hub}
     * @param namespace its namespace
     * @param service   the Service's name
     * @param impact    what users notice when it is down, one sentence
     */
    public record WatchedService(String label, String namespace, String service, String impact) {
    }

    /**
     * What is watched.
     *
     * @param topicArn    the stack's alert topic
     * @param clusterName the EKS cluster (an output of the cluster)
     * @param services    the Services
     * @param minutes     {@code naas:alerts.thresholds.hubDownMinutes}
     */
    public record Args(Output<String> topicArn, Output<String> clusterName, List<WatchedService> services, int minutes) {
        public Args {
            Objects.requireNonNull(topicArn, "topicArn");
            Objects.requireNonNull(clusterName, "clusterName");
            services = List.copyOf(services);
        }
    }
}
