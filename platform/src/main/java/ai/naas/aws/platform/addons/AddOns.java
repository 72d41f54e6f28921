package ai.naas.aws.platform.addons;

import ai.naas.aws.support.Outputs;
import ai.naas.aws.infra.cluster.Cluster;
import ai.naas.aws.config.ConfigException;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the cluster needs before apps can run on it: the {@link VpcCni} enforcing NetworkPolicies,
 * {@link ClusterAutoscaler}, the
 * {@link EfsCsiDriver} (and its StorageClass), the {@link IngressController} and {@link MetricsServer}, each
 * on the cluster's provider and waiting for both node groups and the IAM role it needs. The shared home
 * tree is then offered per app namespace by {@link #homeStorage}.
 *
 * <p>Apps wait for {@link #readyWhen()}: nodes exist, volumes can be mounted, Ingresses are admitted (the
 * ingress controller's webhook validates them), pending pods get nodes and HPAs get metrics.
 */
public final class AddOns extends ComponentResource {

    private final String name;
    private final Args args;
    private final List<Resource> nodeGroups;
    private final ClusterAutoscaler clusterAutoscaler;
    private final EfsCsiDriver efsCsiDriver;
    private final IngressController ingressController;
    private final MetricsServer metricsServer;
    private final VpcCni vpcCni;
    private final ClusterObservability observability;

    /**
     * @param args the cluster, the shared file system, the platform settings and the region
     * @throws ConfigException when the certificate is not in the stack's region (an NLB cannot use it)
     */
    public AddOns(String name, Args args, ComponentResourceOptions options) {
        super("naas:platform:AddOns", name, options);
        this.name = name;
        this.args = args;
        var cluster = args.cluster();
        var child = ComponentResourceOptions.builder().parent(this).build();
        int minor = AddOnSupport.minor(cluster.kubernetesVersion());
        this.nodeGroups = AddOnSupport.nodeGroups(cluster);

        this.vpcCni = new VpcCni(name + "-vpc-cni", new VpcCni.Args(cluster, minor), child);

        this.clusterAutoscaler = new ClusterAutoscaler(name + "-cluster-autoscaler",
                new ClusterAutoscaler.Args(cluster, args.region()), child);
        this.efsCsiDriver = new EfsCsiDriver(name + "-efs-csi", new EfsCsiDriver.Args(cluster), child);
        this.ingressController = new IngressController(name + "-ingress", new IngressController.Args(
                cluster.provider(), minor, args.certificateArn(), args.settings().ingressAllowedCidrs(),
                nodeGroups), child);
        this.metricsServer = new MetricsServer(name + "-metrics-server",
                new MetricsServer.Args(cluster.provider(), nodeGroups), child);
        this.observability = new ClusterObservability(name + "-observability", new ClusterObservability.Args(cluster), child);
        registerOutputs(Map.of("ingressClassName", Output.of(ingressClassName())));
    }

    /**
     * The shared home tree as the claim {@value HomeStorage#CLAIM_NAME} in {@code namespace}: call once per
     * namespace that mounts homes.
     *
     * @param alsoWaitFor what else the volume and claim wait for, typically the namespace itself
     * @param owner       the component they belong to (the app that mounts homes), so they go with it
     */
    public HomeStorage homeStorage(String namespace, List<Resource> alsoWaitFor, ComponentResource owner) {
        return new HomeStorage(name + "-homes-" + namespace, new HomeStorage.Args(
                args.fileSystemId(), namespace, EfsCsiDriver.STORAGE_CLASS, args.cluster().provider(),
                Outputs.<Resource>concat(nodeGroups, efsCsiDriver.ready(), alsoWaitFor)),
                ComponentResourceOptions.builder().parent(owner).build());
    }

    /** The domain of the apps that serve user content; the stack's domain unless set apart. */
    public String userContentDomain() {
        return args.settings().userContentDomain();
    }

    /** The IngressClass apps' Ingresses use. */
    public String ingressClassName() {
        return ingressController.ingressClassName();
    }

    /** The stack's domain; apps are served at {@code <name>.<domain>}. */
    public String domain() {
        return args.settings().domain();
    }

    /**
     * What every app resource waits for: both node groups, the EFS CSI add-on and its class, the CNI with
     * network policy enforcement (no app pod starts before its NetworkPolicies mean something), and the
     * releases (autoscaler, ingress controller, metrics-server).
     */
    public List<Resource> readyWhen() {
        return Outputs.<Resource>concat(nodeGroups, efsCsiDriver.ready(), List.of(vpcCni.addon(),
                clusterAutoscaler.release(), ingressController.release(), metricsServer.release()));
    }

    public VpcCni vpcCni() {
        return vpcCni;
    }

    public ClusterAutoscaler clusterAutoscaler() {
        return clusterAutoscaler;
    }

    public EfsCsiDriver efsCsiDriver() {
        return efsCsiDriver;
    }

    public IngressController ingressController() {
        return ingressController;
    }

    public MetricsServer metricsServer() {
        return metricsServer;
    }

    /** The {@code amazon-cloudwatch-observability} add-on (Container Insights and container logs). */
    public ClusterObservability observability() {
        return observability;
    }

    /**
     * What the add-ons are installed for.
     *
     * @param cluster      the EKS cluster
     * @param region       {@code aws:region}, the cluster's region
     * @param fileSystemId the shared EFS file system holding the home tree
     * @param settings     {@code naas:platform}
     * @param certificateArn its certificate once checked (the stack's preflight): the ingress waits for the check
     * @throws ConfigException when the certificate is in another region than the stack
     */
    public record Args(Cluster cluster, String region, Output<String> fileSystemId, PlatformSettings settings,
                       Output<String> certificateArn) {
        public Args {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(fileSystemId, "fileSystemId");
            Objects.requireNonNull(settings, "settings").requireCertificateIn(region);
            Objects.requireNonNull(certificateArn, "certificateArn");
        }
    }
}
