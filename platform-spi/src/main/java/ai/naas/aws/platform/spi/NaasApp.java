package ai.naas.aws.platform.spi;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An app the platform deploys: one Maven module under {@code apps/}, registered for
 * {@link java.util.ServiceLoader} in {@code META-INF/services/ai.naas.aws.platform.spi.NaasApp}, enabled per
 * stack by listing its {@link #name()} in {@code naas:apps}.
 *
 * <p>Everything an app reads from stack config is declared up front ({@link #settingsType()},
 * {@link #secretNames()}) so that the platform validates it before any resource is registered, the way
 * cdk-eks-blueprints add-ons declare their props.
 *
 * @param <S> the app's settings record, bound to config key {@code naas:<name>} and validated in its
 *            compact constructor (throwing {@link ai.naas.aws.config.InvalidSetting})
 */
public interface NaasApp<S> {

    /** The app's name: lowercase letters, digits and dashes; its entry in {@code naas:apps}. */
    String name();

    /** The record {@code naas:<name>} binds to. */
    Class<S> settingsType();

    /**
     * The settings when {@code naas:<name>} is not set. Throw {@link ai.naas.aws.config.InvalidSetting}
     * naming a field if the app cannot run without configuration.
     */
    S defaultSettings();

    /** The Kubernetes namespace the app deploys into; the platform creates it. */
    String namespace();

    /** What the app needs from the platform beyond a namespace and the node pools. */
    default Set<Need> needs() {
        return Set.of();
    }

    /**
     * Secrets the app requires, each read from {@code naas:<name>.<secret>} and required to be set with
     * {@code pulumi config set --secret}.
     */
    default List<String> secretNames() {
        return List.of();
    }

    /** Secrets the app uses when present, read like {@link #secretNames()}. */
    default List<String> optionalSecretNames() {
        return List.of();
    }

    /** The in-cluster HTTP endpoint other apps reach this one at, if it serves one. */
    default Optional<Endpoint> endpoint(S settings) {
        return Optional.empty();
    }

    /**
     * The host name, under the stack's domain, an app that declares {@link Need#INGRESS} is served at
     * ({@code public} for {@code public.<domain>}); other apps link to it there.
     */
    default Optional<String> publicHostName(S settings) {
        return Optional.empty();
    }

    /**
     * Whether what the app serves at its public host is written by users (notebook pages, webhooks): such an app
     * is served under the stack's user-content domain ({@link IngressHosts#userContentDomain()}), not beside the
     * hub, so its pages cannot set cookies the hub reads.
     */
    default boolean servesUserContent() {
        return false;
    }

    /** Registers the app's resources; everything the context offers is ready when they are created. */
    void deploy(AppContext<S> context);
}
