package ai.naas.aws.platform.addons;

import ai.naas.aws.support.Outputs;
import ai.naas.aws.infra.files.HomeDirectories;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.core.v1.PersistentVolume;
import com.pulumi.kubernetes.core.v1.PersistentVolumeArgs;
import com.pulumi.kubernetes.core.v1.PersistentVolumeClaim;
import com.pulumi.kubernetes.core.v1.PersistentVolumeClaimArgs;
import com.pulumi.kubernetes.core.v1.inputs.CSIPersistentVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ObjectReferenceArgs;
import com.pulumi.kubernetes.core.v1.inputs.PersistentVolumeClaimSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PersistentVolumeSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The shared EFS home tree in one namespace: a static PersistentVolume on the file system's root and the
 * claim {@value #CLAIM_NAME} bound to it. Every user's home is {@code home/<username>} under that root
 * ({@link HomeDirectories}), the same tree the SFTP host writes; pods mount the claim with the sub-path
 * {@link #USER_HOME_SUB_PATH}.
 *
 * <p>EFS is elastic, so the capacity is nominal ({@value #NOMINAL_CAPACITY}); it is never enforced. The
 * volume is {@code ReadWriteMany} (many user pods on many nodes) and {@code Retain}: deleting the claim or
 * the volume object never deletes a file. A namespace needs one of these per app that reads the homes;
 * {@link AddOns#homeStorage} makes them.
 */
public final class HomeStorage extends ComponentResource {

    /** The claim's name in its namespace. */
    public static final String CLAIM_NAME = "home";
    /** A user's home within the claim, with JupyterHub's {@code {username}} placeholder. */
    public static final String USER_HOME_SUB_PATH = HomeDirectories.of("{username}");
    /** What the volume claims to hold: EFS has no size, Kubernetes wants one. */
    public static final String NOMINAL_CAPACITY = "1Ti";
    public static final String ACCESS_MODE = "ReadWriteMany";

    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final String namespace;
    private final String volumeName;
    private final PersistentVolume volume;
    private final PersistentVolumeClaim claim;

    /**
     * @param args the file system, the namespace and what the volume waits for
     */
    public HomeStorage(String name, Args args, ComponentResourceOptions options) {
        super("naas:platform:HomeStorage", name, options);
        this.namespace = args.namespace();
        this.volumeName = volumeName(namespace);

        // Volume and claim name each other, so they bind to each other and to nothing else.
        this.volume = new PersistentVolume(name, PersistentVolumeArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(volumeName).labels(labels()).build())
                .spec(PersistentVolumeSpecArgs.builder()
                        .capacity(Map.of("storage", NOMINAL_CAPACITY))
                        .accessModes(List.of(ACCESS_MODE))
                        .persistentVolumeReclaimPolicy("Retain")
                        .storageClassName(args.storageClassName())
                        .volumeMode("Filesystem")
                        .csi(CSIPersistentVolumeSourceArgs.builder()
                                .driver(EfsCsiDriver.DRIVER)
                                // The file system's root: homes are sub-paths of it.
                                .volumeHandle(args.fileSystemId())
                                // TLS (the driver's default, said explicitly): the file system refuses anything else.
                                .volumeAttributes(Map.of("encryptInTransit", "true"))
                                .build())
                        // Signed with the CSI driver's role, the one client role the file-system policy admits.
                        .mountOptions(List.of("iam"))
                        .claimRef(ObjectReferenceArgs.builder().namespace(namespace).name(CLAIM_NAME).build())
                        .build())
                .build(), options(args, args.dependsOn()));

        this.claim = new PersistentVolumeClaim(name, PersistentVolumeClaimArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(CLAIM_NAME).namespace(namespace).labels(labels()).build())
                .spec(PersistentVolumeClaimSpecArgs.builder()
                        .accessModes(List.of(ACCESS_MODE))
                        .storageClassName(args.storageClassName())
                        .volumeName(volumeName)
                        .volumeMode("Filesystem")
                        .resources(ResourceRequirementsArgs.builder()
                                .requests(Map.of("storage", NOMINAL_CAPACITY)).build())
                        .build())
                .build(), options(args, Outputs.<Resource>concat(args.dependsOn(), List.of(volume))));
        registerOutputs(Map.of("claimName", Output.of(CLAIM_NAME), "volumeName", Output.of(volumeName)));
    }

    private CustomResourceOptions options(Args args, List<Resource> dependsOn) {
        return CustomResourceOptions.builder()
                .parent(this)
                .provider(args.provider())
                .dependsOn(dependsOn)
                // Fixed names: a replacement must remove the old object first. Retain keeps the files.
                .deleteBeforeReplace(true)
                .build();
    }

    private static Map<String, String> labels() {
        return Map.of("app.kubernetes.io/name", "naas-homes", "app.kubernetes.io/managed-by", "pulumi");
    }

    /** The cluster-wide name of the volume of a namespace's homes. */
    public static String volumeName(String namespace) {
        return "naas-homes-" + namespace;
    }

    /** The claim to mount, in {@link #namespace()}. */
    public String claimName() {
        return CLAIM_NAME;
    }

    /** The namespace the claim is in. */
    public String namespace() {
        return namespace;
    }

    /** The PersistentVolume's name. */
    public String volumeName() {
        return volumeName;
    }

    public PersistentVolume volume() {
        return volume;
    }

    public PersistentVolumeClaim claim() {
        return claim;
    }

    /**
     * What a namespace's home storage is made of.
     *
     * @param fileSystemId     the EFS file system whose root the volume mounts
     * @param namespace        the namespace of the claim (it must exist: list it, or what creates it, in
     *                         {@code dependsOn})
     * @param storageClassName the class volume and claim share, {@link EfsCsiDriver#STORAGE_CLASS}
     * @param provider         the cluster's Kubernetes provider
     * @param dependsOn        what the volume waits for: the EFS CSI add-on and its class, the node groups,
     *                         the namespace
     */
    public record Args(Output<String> fileSystemId, String namespace, String storageClassName, Provider provider,
                       List<Resource> dependsOn) {
        public Args {
            Objects.requireNonNull(fileSystemId, "fileSystemId");
            Objects.requireNonNull(storageClassName, "storageClassName");
            Objects.requireNonNull(provider, "provider");
            if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
                throw new IllegalArgumentException("namespace must be a Kubernetes namespace name (lower case "
                        + "letters, digits and '-', at most 63), got '" + namespace + "'");
            }
            dependsOn = List.copyOf(dependsOn);
        }
    }
}
