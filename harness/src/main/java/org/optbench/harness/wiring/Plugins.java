package org.optbench.harness.wiring;

import com.google.inject.Module;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.optbench.harness.UserError;

/**
 * Finds and loads user modules: every {@link PluginModule} named in a {@code META-INF/services} file on the
 * classpath (through {@link ServiceLoader}), then every {@code --module} class not already found. Every way a
 * plug-in can fail to load becomes a {@link UserError} in plain words: a missing class, a class compiled for a
 * newer Java, a class that is not a module, a constructor that fails.
 */
public final class Plugins {
    /** The service file a plug-in jar lists its module class in. */
    public static final String SERVICE_FILE = "META-INF/services/" + PluginModule.class.getName();
    /** The oldest class file optbench runs everywhere it is supported: Java 17's (major version 61). */
    public static final int JAVA_RELEASE = 17;
    private static final Pattern PROVIDER = Pattern.compile("Provider (\\S+)");
    private static final Pattern CLASS_VERSION = Pattern.compile("class file version (\\d+)(?:\\.\\d+)?\\D.*?up to (\\d+)");

    private Plugins() {
    }

    /** The plug-ins {@code loader} can see, then the {@code --module} classes, each once. */
    public static List<Plugin> load(ClassLoader loader, List<String> moduleClasses) {
        List<Plugin> plugins = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Iterator<PluginModule> services = ServiceLoader.load(PluginModule.class, loader).iterator();
        while (true) {
            PluginModule module;
            try {
                if (!services.hasNext()) {
                    break;
                }
                module = services.next();
            } catch (ServiceConfigurationError e) {
                throw new UserError(serviceProblem(e, loader));
            } catch (LinkageError e) {
                String className = classNameIn(e.getMessage());
                throw new UserError("plug-in " + className + sourceSuffix(className, loader) + ": " + explain(e));
            }
            if (seen.add(module.getClass().getName())) {
                plugins.add(describe(module, "service"));
            }
        }
        for (String className : moduleClasses) {
            if (seen.add(className)) {
                plugins.add(describe(instantiate(className, loader), "--module"));
            }
        }
        return plugins;
    }

    /** A failure while loading or linking a plug-in's class, in plain words with the fix. */
    public static String explain(Throwable e) {
        if (e instanceof UnsupportedClassVersionError) {
            Matcher matcher = CLASS_VERSION.matcher(String.valueOf(e.getMessage()));
            String className = classNameIn(e.getMessage());
            if (matcher.find()) {
                int major = Integer.parseInt(matcher.group(1));
                int supported = Integer.parseInt(matcher.group(2));
                return className + " was compiled for Java " + (major - 44) + " (class file version " + major
                        + ") but this is Java " + (supported - 44) + "; compile the plug-in with --release " + JAVA_RELEASE;
            }
            return className + " was compiled for a newer Java than this one; compile the plug-in with --release " + JAVA_RELEASE;
        }
        if (e instanceof NoClassDefFoundError || e instanceof ClassNotFoundException) {
            String missing = String.valueOf(e.getMessage()).replace('/', '.');
            return "class " + missing + " is missing; put every class the plug-in uses in its jar (or the jar that has"
                    + " it on OPTBENCH_CLASSPATH)";
        }
        if (e instanceof LinkageError) {
            return e.getClass().getSimpleName() + ": " + e.getMessage() + "; rebuild the plug-in against this optbench";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** What went wrong with a {@code META-INF/services} entry, and where it was written. */
    private static String serviceProblem(ServiceConfigurationError e, ClassLoader loader) {
        Matcher matcher = PROVIDER.matcher(String.valueOf(e.getMessage()));
        String className = matcher.find() ? matcher.group(1) : "?";
        String where = "plug-in " + className + sourceSuffix(className, loader) + ": ";
        Throwable cause = e.getCause();
        if (cause instanceof ClassNotFoundException || String.valueOf(e.getMessage()).endsWith(" not found")) {
            return where + "its class is not in the jar; the jar's " + SERVICE_FILE + " must name a class the jar holds"
                    + " (fully qualified)";
        }
        if (String.valueOf(e.getMessage()).contains("not a subtype")) {
            return where + "does not implement " + PluginModule.class.getName() + "; add 'implements PluginModule'"
                    + " to the module class";
        }
        if (String.valueOf(e.getMessage()).contains("no-arg constructor")) {
            return where + "needs a public no-argument constructor (and a public class)";
        }
        if (cause instanceof InvocationTargetException target && target.getCause() != null) {
            cause = target.getCause();
        }
        if (cause != null) {
            return where + (cause instanceof LinkageError ? explain(cause) : "its constructor failed: " + explain(cause));
        }
        return where + e.getMessage();
    }

    private static Module instantiate(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new UserError("--module " + className + ": class not found on the classpath; put its jar on"
                    + " OPTBENCH_CLASSPATH (the launcher adds it) and give the fully qualified class name");
        } catch (LinkageError e) {
            throw new UserError("--module " + className + ": " + explain(e));
        }
        if (!Module.class.isAssignableFrom(type)) {
            throw new UserError("--module " + className + ": not a Guice module (it must implement com.google.inject.Module,"
                    + " e.g. extend AbstractModule)");
        }
        try {
            return (Module) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new UserError("--module " + className + ": needs a public no-argument constructor");
        } catch (InstantiationException | InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new UserError("--module " + className + ": its constructor failed: " + explain(cause));
        } catch (LinkageError e) {
            throw new UserError("--module " + className + ": " + explain(e));
        }
    }

    private static Plugin describe(Module module, String foundBy) {
        Path location = location(module.getClass());
        long size = -1;
        String sha256 = null;
        String version = null;
        if (location != null && Files.isRegularFile(location)) {
            try {
                size = Files.size(location);
                sha256 = sha256(location);
                try (JarFile jar = new JarFile(location.toFile())) {
                    Manifest manifest = jar.getManifest();
                    version = manifest == null ? null : manifest.getMainAttributes().getValue("Implementation-Version");
                }
            } catch (IOException e) {
                throw new UserError("plug-in " + module.getClass().getName() + ": cannot read its jar " + location + ": "
                        + e.getMessage());
            }
        }
        return new Plugin(module, module.getClass().getName(), foundBy, location, size, sha256, version);
    }

    /** The jar or class folder a class was loaded from, or null when the JVM does not say. */
    static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code com.example.Lion} from a JVM message starting {@code com/example/Lion has been ...}. */
    private static String classNameIn(String message) {
        String text = String.valueOf(message).trim();
        int space = text.indexOf(' ');
        return (space < 0 ? text : text.substring(0, space)).replace('/', '.');
    }

    /** " (listed in JAR)" for the service file that names the class, or the empty string. */
    private static String sourceSuffix(String className, ClassLoader loader) {
        try {
            Enumeration<URL> files = loader.getResources(SERVICE_FILE);
            while (files.hasMoreElements()) {
                URL url = files.nextElement();
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    if (reader.lines().map(line -> line.replaceFirst("#.*", "").trim()).anyMatch(className::equals)) {
                        return " (listed in " + container(url) + ")";
                    }
                }
            }
        } catch (IOException e) {
            // the message goes out without the jar's name
        }
        return "";
    }

    /** The jar or folder holding a resource URL. */
    private static String container(URL url) throws IOException {
        if ("jar".equals(url.getProtocol())) {
            return ((JarURLConnection) url.openConnection()).getJarFileURL().getPath();
        }
        String path = url.getPath();
        return path.endsWith(SERVICE_FILE) ? path.substring(0, path.length() - SERVICE_FILE.length()) : path;
    }

    /**
     * The hint added to an unknown name's message when a plug-in is in sight but was not loaded: entries of
     * {@code OPTBENCH_CLASSPATH} no loaded plug-in came from, or the modules a resumed run used that are not loaded
     * now. Empty when there is nothing to hint at.
     *
     * @param classpath the value of {@code OPTBENCH_CLASSPATH}, or null
     * @param loaded the plug-ins loaded now
     * @param previousModules the module classes the run being resumed recorded, or an empty list
     */
    public static String unknownNameHint(String classpath, List<Plugin> loaded, List<String> previousModules) {
        Set<String> loadedClasses = new LinkedHashSet<>();
        Set<Path> loadedFrom = new LinkedHashSet<>();
        for (Plugin plugin : loaded) {
            loadedClasses.add(plugin.className());
            if (plugin.location() != null) {
                loadedFrom.add(plugin.location().toAbsolutePath().normalize());
            }
        }
        List<String> missingModules = previousModules.stream().filter(m -> !loadedClasses.contains(m)).toList();
        if (!missingModules.isEmpty()) {
            return "; the run being resumed used " + String.join(", ", missingModules)
                    + ": did you forget --module / OPTBENCH_CLASSPATH?";
        }
        List<String> unused = new ArrayList<>();
        if (classpath != null) {
            for (String entry : classpath.split(File.pathSeparator)) {
                if (!entry.isBlank() && !loadedFrom.contains(Path.of(entry).toAbsolutePath().normalize())) {
                    unused.add(entry);
                }
            }
        }
        if (!unused.isEmpty()) {
            return "; OPTBENCH_CLASSPATH has " + String.join(", ", unused) + ", from which no plug-in was loaded:"
                    + " did you forget --module / OPTBENCH_CLASSPATH? (a jar without " + SERVICE_FILE + " needs --module CLASS)";
        }
        return "";
    }

    /**
     * The module classes the manifest in {@code runDirectory} recorded, or an empty list when there is no readable
     * manifest (the run command reports that itself).
     */
    public static List<String> recordedModules(Path runDirectory) {
        Path manifest = runDirectory.resolve(org.optbench.reports.RunFiles.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return List.of();
        }
        try {
            Map<String, Object> values = new com.fasterxml.jackson.databind.ObjectMapper().readValue(manifest.toFile(),
                    new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() { });
            return recordedModules(values);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The module classes a run's manifest recorded (its {@code plugins} and {@code modules} entries). */
    public static List<String> recordedModules(Map<String, Object> manifest) {
        Set<String> modules = new LinkedHashSet<>();
        if (manifest.get("plugins") instanceof List<?> plugins) {
            for (Object plugin : plugins) {
                if (plugin instanceof Map<?, ?> entry && entry.get("module") instanceof String module) {
                    modules.add(module);
                }
            }
        }
        if (manifest.get("modules") instanceof List<?> given) {
            for (Object module : given) {
                if (module instanceof String name) {
                    modules.add(name);
                }
            }
        }
        return List.copyOf(modules);
    }
}
