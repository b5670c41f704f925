package org.optbench.harness.plugins;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.optbench.harness.wiring.Plugins;

/**
 * Builds a plug-in jar in a test, as a user would: Java sources compiled with {@code javac --release 17} against
 * the test classpath, a {@code META-INF/services} file, then (to provoke the failures the harness must explain)
 * a class left out of the jar or a class file stamped with a newer Java's version.
 */
final class PluginJar {
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> services = new ArrayList<>();
    private final List<String> omitted = new ArrayList<>();
    private final Map<String, Integer> majorVersions = new LinkedHashMap<>();
    private String version;

    /** A source file of class {@code className} (fully qualified). */
    PluginJar source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** The source given for a class. */
    String sourceOf(String className) {
        return sources.get(className);
    }

    /** Names the class in {@link Plugins#SERVICE_FILE}. */
    PluginJar service(String className) {
        services.add(className);
        return this;
    }

    /** Leaves the compiled class (and its nested classes) out of the jar. */
    PluginJar omit(String className) {
        omitted.add(className);
        return this;
    }

    /** Stamps the class file with another major version (bytes 6 and 7 of the class file). */
    PluginJar classFileVersion(String className, int major) {
        majorVersions.put(className, major);
        return this;
    }

    /** The jar manifest's Implementation-Version. */
    PluginJar version(String text) {
        version = text;
        return this;
    }

    /** Compiles and writes the jar {@code folder/name}. */
    Path build(Path folder, String name) throws IOException {
        Path src = Files.createDirectories(folder.resolve(name + "-src"));
        Path classes = Files.createDirectories(folder.resolve(name + "-classes"));
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-proc:none", "-classpath",
                System.getProperty("java.class.path"), "-d", classes.toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(null, null, null, arguments.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException("javac failed with " + code);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (version != null) {
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        }
        Path jar = folder.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String entry = classes.relativize(file).toString().replace('\\', '/');
                String className = entry.replaceFirst("\\.class$", "").replace('/', '.');
                if (omitted.stream().anyMatch(o -> className.equals(o) || className.startsWith(o + "$"))) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                Integer major = majorVersions.get(className);
                if (major != null) {
                    bytes[6] = (byte) (major >> 8);
                    bytes[7] = (byte) major.intValue();
                }
                out.putNextEntry(new JarEntry(entry));
                out.write(bytes);
                out.closeEntry();
            }
            if (!services.isEmpty()) {
                out.putNextEntry(new JarEntry(Plugins.SERVICE_FILE));
                out.write((String.join("\n", services) + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A class loader that sees the test classpath and these jars, as the launcher's {@code -cp} would. */
    static URLClassLoader loader(Path... jars) throws MalformedURLException {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = jars[i].toUri().toURL();
        }
        return new URLClassLoader(urls, PluginJar.class.getClassLoader());
    }

}
