package ai.naas.aws.apps.naasservice;

/**
 * A container image: {@code image} in a service's settings.
 *
 * <p>As read from stack config either field may be missing; the service's record fills them from its
 * {@link ServiceDefaults} and checks them there, so after construction of a service's settings both are set.
 *
 * @param repository the image repository: lower-case path components separated by {@code /}, optionally after a
 *                   registry host ({@code registry.example.com:5000/naas/proxy}). @default the service's image on
 *                   Docker Hub, e.g. {@code jupyternaas/proxy}
 * @param tag        a pinned tag: 1 to 128 letters, digits, {@code _}, {@code .} and {@code -}, not starting with
 *                   {@code .} or {@code -}, never {@code latest}. @default the service's pinned tag; required when
 *                   {@code repository} is not the service's own (another repository has other tags)
 */
public record ImageSettings(String repository, String tag) {

    /** {@code repository:tag}, as the chart writes it into the pod. */
    public String reference() {
        return repository + ":" + tag;
    }
}
