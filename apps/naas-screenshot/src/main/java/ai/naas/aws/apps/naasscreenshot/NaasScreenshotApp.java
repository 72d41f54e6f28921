package ai.naas.aws.apps.naasscreenshot;

import ai.naas.aws.apps.naasservice.NaasServiceApp;
import ai.naas.aws.apps.naasservice.Wiring;

import java.util.Map;

/**
 * The Naas screenshot service ({@code jupyternaas/screenshot}, port 9000): a headless browser that renders pages
 * to images and PDFs for notebooks. Internal, no database, no secrets.
 *
 * <p>{@code ALLOW_HTTP=true}: jupyter-naas/naas's own docker-compose runs the image so; without it a service of
 * this kind (url-to-pdf-api, whose port 9000 and variables it shares) answers only HTTPS requests, and the
 * single-user servers call it over plain HTTP inside the cluster. The root filesystem stays writable: the browser
 * writes its profile and caches under {@code $HOME}, as the chart's example values for screenshot say.
 */
public final class NaasScreenshotApp extends NaasServiceApp<ScreenshotSettings> {

    public NaasScreenshotApp() {
        super("screenshot", 9000, ScreenshotSettings.class);
    }

    @Override
    public ScreenshotSettings defaultSettings() {
        return ScreenshotSettings.defaults();
    }

    @Override
    protected boolean readOnlyRootFilesystem() {
        return false;
    }

    @Override
    protected Map<String, String> environment(ScreenshotSettings settings, Wiring wiring) {
        return Map.of("ALLOW_HTTP", "true");
    }
}
