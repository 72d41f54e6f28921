package ai.naas.aws.apps.naasservice;

import ai.naas.aws.platform.spi.AppContext;
import ai.naas.aws.platform.spi.DatabaseConnection;
import ai.naas.aws.platform.spi.Need;
import ai.naas.aws.platform.spi.SecretData;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a Naas service registers: the Kubernetes Secret with the app's stack secrets (when it has any) and the
 * {@code helm.v3.Release} of {@code charts/naas-service}, which waits for that Secret and for everything the
 * platform readied ({@link AppContext#options()}).
 */
final class ServiceRelease {

    private ServiceRelease() {
    }

    static <S extends ServiceSettings> void register(NaasServiceApp<S> app, AppContext<S> context, ChartLocation chart,
                                                     Output<Map<String, Object>> values) {
        CustomResourceOptions releaseOptions = context.options();
        if (!app.secretVariables().isEmpty()) {
            Secret secret = secrets(app, context);
            releaseOptions = CustomResourceOptions.merge(releaseOptions,
                    CustomResourceOptions.builder().dependsOn(secret).build());
        }
        new Release(app.name(), ReleaseArgs.builder()
                // Named, not auto-named: the Service is named after the release, and endpoint() promises its name.
                .name(app.name())
                .namespace(context.namespace())
                .chart(chart.path())
                .values(withDatabaseChecksum(app, context, values))
                .maxHistory(NaasServiceApp.MAX_HISTORY)
                .build(), releaseOptions);
    }

    /**
     * The values, and for a service with a database the pod annotation {@value DatabaseConnection#CHECKSUM_ANNOTATION}
     * that changes when its database Secret is written, so that a new password restarts the pods. Added here, not
     * by the pure values builder: it is an Output of the Secret. The release already waits for that Secret (the
     * platform puts it in the app's {@code readyWhen}).
     */
    static <S extends ServiceSettings> Output<Map<String, Object>> withDatabaseChecksum(NaasServiceApp<S> app,
                                                                                       AppContext<S> context,
                                                                                       Output<Map<String, Object>> values) {
        if (!app.needs().contains(Need.DATABASE)) {
            return values;
        }
        return Output.tuple(values, context.database().secretChecksum()).applyValue(t -> {
            var annotated = new LinkedHashMap<>(t.t1);
            annotated.put("podAnnotations", Map.of(DatabaseConnection.CHECKSUM_ANNOTATION, t.t2));
            return annotated;
        });
    }

    /** The Secret {@link NaasServiceApp#secretName()}: each secret variable's stack secret, encoded as it needs. */
    private static <S extends ServiceSettings> Secret secrets(NaasServiceApp<S> app, AppContext<S> context) {
        var entries = new TreeMap<String, Output<String>>(); // sorted, as the Secret lists its keys
        for (SecretVariable variable : app.secretVariables()) {
            entries.put(variable.secret(), context.secret(variable.secret()).asOutput().applyValue(variable.encoding()));
        }
        return new Secret(app.secretName(), SecretArgs.builder()
                .metadata(ObjectMetaArgs.builder()
                        .name(app.secretName())
                        .namespace(context.namespace())
                        .labels(Map.of(
                                "app.kubernetes.io/name", app.service(),
                                "app.kubernetes.io/instance", app.name(),
                                "app.kubernetes.io/part-of", "naas",
                                "app.kubernetes.io/managed-by", "pulumi"))
                        .build())
                .type("Opaque")
                .stringData(SecretData.of(entries))
                .build(), context.options());
    }
}
