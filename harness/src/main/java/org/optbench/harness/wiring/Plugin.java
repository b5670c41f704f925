package org.optbench.harness.wiring;

import com.google.inject.Module;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One user module in the registry, where it came from and, for the manifest, what its jar was.
 *
 * @param module the module instance
 * @param className its class
 * @param foundBy {@code service} (discovered through {@code META-INF/services}) or {@code --module}
 * @param location its jar or class folder, or null when unknown
 * @param size the jar's size in bytes, or -1 for a folder or an unknown location
 * @param sha256 the jar's SHA-256 in hex, or null for a folder or an unknown location
 * @param version the jar's {@code Implementation-Version}, or null when it has none
 */
public record Plugin(Module module, String className, String foundBy, Path location, long size, String sha256,
        String version) {

    /** How the plug-in is named in messages: {@code com.example.LionModule (from lion.jar)}. */
    public String label() {
        return className + (location == null ? "" : " (from " + location + ")");
    }

    /** The manifest entry: module, found_by, path, size, sha256 and version. */
    public Map<String, Object> manifestEntry() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("module", className);
        entry.put("found_by", foundBy);
        entry.put("path", location == null ? null : location.toString());
        entry.put("size", size < 0 ? null : size);
        entry.put("sha256", sha256);
        entry.put("version", version);
        return entry;
    }
}
