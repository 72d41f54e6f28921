package ai.naas.aws.platform;

import ai.naas.aws.config.ConfigException;
import ai.naas.aws.config.ConfigReader;
import ai.naas.aws.config.Suggestions;
import ai.naas.aws.config.Secret;
import ai.naas.aws.platform.spi.NaasApp;
import ai.naas.aws.platform.spi.Need;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The apps on the classpath (each app module registers itself for {@link ServiceLoader}) and the ones a
 * stack enables in {@code naas:apps}, read with their settings and secrets before anything is registered.
 */
public final class AppCatalog {

    /** The config key listing the enabled apps. */
    public static final String APPS_KEY = "naas:apps";
    /** The secret every app with its own database gets its role's password from. */
    public static final String DATABASE_PASSWORD = "databasePassword";

    private final Map<String, NaasApp<?>> available;

    private AppCatalog(Map<String, NaasApp<?>> available) {
        this.available = available;
    }

    /** What an app's name must look like: its entry in {@code naas:apps}, its namespace, its module's directory. */
    public static final String NAME_PATTERN = "[a-z][a-z0-9-]{0,40}";

    /** The apps registered on the classpath. */
    public static AppCatalog discover() {
        var apps = new TreeMap<String, NaasApp<?>>();
        for (NaasApp<?> app : ServiceLoader.load(NaasApp.class)) {
            if (!app.name().matches(NAME_PATTERN)) {
                throw new IllegalStateException("app " + app.getClass().getName() + " has an invalid name '" + app.name() + "'");
            }
            if (apps.putIfAbsent(app.name(), app) != null) {
                throw new IllegalStateException("two apps are named " + app.name());
            }
        }
        return new AppCatalog(apps);
    }

    /** A catalog of exactly these apps (tests). */
    public static AppCatalog of(List<NaasApp<?>> apps) {
        var map = new TreeMap<String, NaasApp<?>>();
        apps.forEach(a -> map.put(a.name(), a));
        return new AppCatalog(map);
    }

    /** The names of the apps on the classpath. */
    public List<String> names() {
        return List.copyOf(available.keySet());
    }

    /** Every config key the apps may read: {@code naas:apps}, {@code naas:<app>} and their secrets. */
    public List<String> configKeys() {
        var keys = new ArrayList<String>();
        keys.add(APPS_KEY);
        available.values().forEach(app -> keys.add(settingsKey(app)));
        keys.addAll(secretKeys());
        return keys;
    }

    /** Every secret key the apps may read, required or optional: {@code naas:<app>.<secret>}. */
    public List<String> secretKeys() {
        var keys = new ArrayList<String>();
        available.values().forEach(app -> {
            secretNames(app).forEach(s -> keys.add(secretKey(app, s)));
            app.optionalSecretNames().forEach(s -> keys.add(secretKey(app, s)));
        });
        return keys;
    }

    /**
     * Reads {@code naas:apps} and, for each enabled app, its settings and secrets.
     *
     * @throws ConfigException naming the first wrong key (an unknown app, a bad setting, a missing secret)
     */
    public List<EnabledApp<?>> read(ConfigReader config) {
        String[] names = config.optional(APPS_KEY, String[].class, () -> new String[0]);
        var seen = new HashSet<String>();
        var enabled = new ArrayList<EnabledApp<?>>();
        for (int i = 0; i < names.length; i++) {
            var app = available.get(names[i]);
            if (app == null) {
                throw new ConfigException(APPS_KEY + "[" + i + "]", "unknown app '" + names[i] + "'"
                        + Suggestions.didYouMean(names[i], available.keySet()) + "; available apps are "
                        + String.join(", ", available.keySet()));
            }
            if (!seen.add(names[i])) {
                throw new ConfigException(APPS_KEY + "[" + i + "]", "app '" + names[i] + "' is listed twice");
            }
            enabled.add(read(app, config));
        }
        return List.copyOf(enabled);
    }

    private static <S> EnabledApp<S> read(NaasApp<S> app, ConfigReader config) {
        S settings = config.optional(settingsKey(app), app.settingsType(), app::defaultSettings);
        var secrets = new HashMap<String, Secret>();
        for (String name : secretNames(app)) {
            secrets.put(name, config.requiredSecret(secretKey(app, name)));
        }
        for (String name : app.optionalSecretNames()) {
            config.optionalSecret(secretKey(app, name)).ifPresent(secret -> secrets.put(name, secret));
        }
        return new EnabledApp<>(app, settings, secrets);
    }

    /** The app's declared secrets, plus its database password when it needs a database. */
    private static List<String> secretNames(NaasApp<?> app) {
        var names = new ArrayList<>(app.secretNames());
        if (app.needs().contains(Need.DATABASE)) {
            names.add(DATABASE_PASSWORD);
        }
        return names;
    }

    static String settingsKey(NaasApp<?> app) {
        return "naas:" + app.name();
    }

    /** {@code naas:<app>.<secret>}, set with {@code pulumi config set --secret}. */
    public static String secretKey(NaasApp<?> app, String secret) {
        return "naas:" + app.name() + "." + secret;
    }
}
